/**
 * Short excerpts of answer texts for findings and recorded exchanges, as strings of their own. V8
 * keeps a whole string alive while any slice of it lives, so a 200-character `actual` sliced from a
 * 4 MiB answer would keep the 4 MiB for as long as the report does; a copy keeps 200 characters.
 *
 * @module
 */

/** The first `limit` characters of `text`, copied out of it. */
export function excerpt(text: string, limit: number): string {
  if (text.length <= limit) return text
  return new TextDecoder().decode(new TextEncoder().encode(text.slice(0, limit)))
}
