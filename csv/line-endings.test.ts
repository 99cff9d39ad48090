import { describe, expect, it } from 'vitest'
import { LineEndingCounter } from './line-endings.ts'

describe('LineEndingCounter', () => {
  it('counts CRLF split across chunks once, and names the first line that differs', () => {
    const counter = new LineEndingCounter()
    for (const chunk of ['a\r', '\nb\r\nc\nd\r', 'e']) counter.scan(chunk)
    expect(counter.end()).toEqual({
      crlf: 2,
      lf: 1,
      cr: 1,
      firstKind: 'CRLF',
      firstOdd: { line: 3, kind: 'LF' },
    })
  })

  it('finds nothing odd in a file with one kind', () => {
    const counter = new LineEndingCounter()
    counter.scan('a\nb\nc\n')
    expect(counter.end()).toEqual({ crlf: 0, lf: 3, cr: 0, firstKind: 'LF' })
  })
})
