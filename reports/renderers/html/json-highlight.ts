/**
 * Escaped, syntax-highlighted HTML for transcripts: JSON bodies get token classes, everything else
 * is plain escaped text.
 *
 * @module
 */
import { escapeHtml } from '../shared/escape.ts'
import { formatBody } from '../shared/transcript.ts'
import type { TranscriptOptions } from '../shared/transcript.ts'

const TOKEN =
  /("(?:\\u[a-fA-F0-9]{4}|\\[^u]|[^\\"])*"(?:\s*:)?|\b(?:true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g

/** JSON text (already indented) as HTML with `j-key`, `j-str`, `j-num`, `j-lit` spans. */
export function highlightJson(json: string): string {
  let out = ''
  let last = 0
  for (const match of json.matchAll(TOKEN)) {
    const token = match[0]
    const at = match.index
    out += escapeHtml(json.slice(last, at))
    out += `<span class="${tokenClass(token)}">${escapeHtml(token)}</span>`
    last = at + token.length
  }
  return out + escapeHtml(json.slice(last))
}

function tokenClass(token: string): string {
  if (token.startsWith('"')) return token.trimEnd().endsWith(':') ? 'j-key' : 'j-str'
  if (token === 'true' || token === 'false' || token === 'null') return 'j-lit'
  return 'j-num'
}

function looksLikeJson(text: string): boolean {
  if (!/^[[{]/.test(text)) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** A body or value for a `<pre>`: highlighted when it is JSON, escaped text otherwise. */
export function bodyHtml(body: unknown, options: TranscriptOptions = {}): string {
  const text = formatBody(body, options)
  return looksLikeJson(text) ? highlightJson(text) : escapeHtml(text)
}

/** An expected/actual value: always JSON, so strings show their quotes. */
export function valueHtml(value: unknown): string {
  return highlightJson(
    value === undefined ? 'undefined' : (JSON.stringify(value, null, 2) ?? 'undefined'),
  )
}
