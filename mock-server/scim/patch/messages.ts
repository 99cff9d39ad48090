/**
 * Quoting of client-supplied text in error details and warnings, bounded so a hostile path cannot
 * blow up a response or the audit.
 *
 * @module
 */

const MAX_SHOWN = 100

export function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text
}

export function quoted(text: string): string {
  return JSON.stringify(shorten(text))
}
