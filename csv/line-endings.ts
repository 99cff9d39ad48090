/**
 * Counts the line breaks of a text read in chunks (CRLF split across two chunks included), and
 * notes the first line whose break differs from the first one: what the line-break rule reports.
 *
 * @module
 */
import type { LineEndingCounts } from '../rules/csv/define.ts'

export class LineEndingCounter {
  readonly counts: LineEndingCounts = { crlf: 0, lf: 0, cr: 0 }
  #line = 1
  #pendingCr = false

  scan(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (this.#pendingCr) {
        this.#pendingCr = false
        if (c === 10) {
          this.#note('CRLF')
          continue
        }
        this.#note('CR')
      }
      if (c === 13) this.#pendingCr = true
      else if (c === 10) this.#note('LF')
    }
  }

  /** The text ended: a CR at its very end is a line break of its own. */
  end(): LineEndingCounts {
    if (this.#pendingCr) this.#note('CR')
    this.#pendingCr = false
    return this.counts
  }

  #note(kind: 'CRLF' | 'LF' | 'CR'): void {
    const counts = this.counts
    if (kind === 'CRLF') counts.crlf++
    else if (kind === 'LF') counts.lf++
    else counts.cr++
    counts.firstKind ??= kind
    if (kind !== counts.firstKind && counts.firstOdd === undefined)
      counts.firstOdd = { line: this.#line, kind }
    this.#line++
  }
}
