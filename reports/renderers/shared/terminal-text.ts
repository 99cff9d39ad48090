/**
 * The one sanitiser for text a server sent before it reaches a terminal: the console summary, the
 * live progress, the cleanup leftovers, sweep's listing and the CLI's error messages all pass
 * server text through `terminalText`. A `userName` or an error `detail` could otherwise set the window
 * title, clear the screen, hide text (`ESC[8m`) or reorder what is shown (bidi overrides). Our own
 * colours are added after it, so they survive.
 *
 * @module
 */

/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/** ESC sequences, whole: CSI, OSC (to BEL or ST), DCS/SOS/PM/APC (to ST), and two-byte escapes. */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]', // CSI: colours, cursor moves, clear screen
    '\\u001b\\][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?', // OSC: window title, hyperlinks
    '\\u001b[PX^_][^\\u001b]*(?:\\u001b\\\\)?', // DCS, SOS, PM, APC
    '\\u001b[ -/]*[0-~]', // other escapes: ESC c (reset), ESC ( B …
    '\\u009b[0-?]*[ -/]*[@-~]', // the one-byte CSI
  ].join('|'),
  'g',
)
/** C0 except tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
/* eslint-enable no-control-regex */

/** `text` without escape sequences, control characters (but `\n` and `\t`) or bidi overrides. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '')
}

/** A deep copy of a JSON-like value with `terminalText` applied to every string. */
export function terminalValue<T>(value: T): T {
  return clean(value) as T
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return terminalText(value)
  if (Array.isArray(value)) return value.map(clean)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[terminalText(key)] = clean(item)
  return out
}
