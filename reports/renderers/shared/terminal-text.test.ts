import { describe, expect, it } from 'vitest'
import { terminalText, terminalValue } from './terminal-text.ts'

describe('terminalText', () => {
  it('removes whole escape sequences: title, clear screen, colours, resets, hyperlinks', () => {
    expect(terminalText('a\u001b]0;pwned\u0007b')).toBe('ab')
    expect(terminalText('a\u001b]8;;https://evil\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb')
    expect(terminalText('\u001b[2J\u001b[H\u001b[8mhidden\u001b[0m')).toBe('hidden')
    expect(terminalText('x\u001bcy\u001b(Bz')).toBe('xyz')
    expect(terminalText('\u001bPq#0;2;0;0;0\u001b\\ok')).toBe('ok')
    expect(terminalText('\u009b31mred')).toBe('red')
  })

  it('removes C0 (but newline and tab), DEL, C1 and bidi overrides and isolates', () => {
    expect(terminalText('a\r\b\u0000\u0007\u007f\u0085b')).toBe('ab')
    expect(terminalText('line\n\tnext')).toBe('line\n\tnext')
    expect(terminalText('\u202Egnp.exe\u202C \u2066x\u2069 \u202Ay\u202B')).toBe('gnp.exe x y')
  })

  it('leaves ordinary text, accents and emoji alone, and cleans every string of a value', () => {
    expect(terminalText('Zoë Ng — 東京 ✓')).toBe('Zoë Ng — 東京 ✓')
    expect(terminalValue({ a: ['\u001b[31mx'], 'k\u0007': 1 })).toEqual({ a: ['x'], k: 1 })
  })
})
