/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import { describe, expect, it } from 'vitest'
import {
  bar,
  createMeter,
  etaMs,
  formatDuration,
  formatElapsed,
  formatRate,
  plainFigures,
  plainLineDue,
} from './progress.ts'

/** A meter on an injected clock, writing into a list. */
function meter(tty: boolean, total: number, extra: { color?: boolean; columns?: number } = {}) {
  let now = 0
  const chunks: string[] = []
  const m = createMeter({
    label: 'cleanup',
    unit: 'identities',
    total,
    tty,
    write: (text) => chunks.push(text),
    now: () => now,
    ...extra,
  })
  return {
    m,
    chunks,
    at(ms: number, done: number) {
      now = ms
      m.update(done)
    },
    setNow(ms: number) {
      now = ms
    },
  }
}

describe('progress figures', () => {
  it('formats durations short', () => {
    expect(formatDuration(0)).toBe('0s')
    expect(formatDuration(9_400)).toBe('9s')
    expect(formatDuration(65_000)).toBe('1m05s')
    expect(formatDuration(2 * 3_600_000 + 3 * 60_000)).toBe('2h03m')
    expect(formatElapsed(490)).toBe('0.5s')
    expect(formatElapsed(42_500)).toBe('42.5s')
    expect(formatElapsed(90_000)).toBe('1m30s')
  })

  it('computes the rate and the time left at that rate', () => {
    expect(formatRate(0, 1000)).toBe('-/s')
    expect(formatRate(1, 2500)).toBe('0.4/s')
    expect(formatRate(37, 3000)).toBe('12.3/s')
    expect(formatRate(5870, 10_000)).toBe('587/s')
    expect(etaMs(0, 100, 1000)).toBeUndefined()
    // 25 in 5 s: 5/s, so 75 left take 15 s.
    expect(etaMs(25, 100, 5000)).toBe(15_000)
    expect(plainFigures(25, 100, 'users', 5000)).toBe('25/100 users (25%), 5.0/s, ETA 15s')
  })

  it('draws the bar in proportion', () => {
    expect(bar(0, 10, 10)).toEqual({ full: '', empty: '░'.repeat(10) })
    expect(bar(5, 10, 10)).toEqual({ full: '█'.repeat(5), empty: '░'.repeat(5) })
    expect(bar(10, 10, 10).full).toHaveLength(10)
  })

  it('is due off a terminal only after both 5 s and 10 %', () => {
    const last = { at: 0, done: 0 }
    expect(plainLineDue(last, 4_999, 50, 100)).toBe(false)
    expect(plainLineDue(last, 5_000, 9, 100)).toBe(false)
    expect(plainLineDue(last, 5_000, 10, 100)).toBe(true)
    expect(plainLineDue(last, 60_000, 100, 100)).toBe(false) // the closing line says it
  })
})

describe('createMeter off a terminal', () => {
  it('prints a plain line at most every 5 s and every 10 %, then a closing line', () => {
    const t = meter(false, 200)
    for (let i = 1; i <= 200; i += 1) t.at(i * 250, i) // 4 a second, 50 s in all
    t.m.finish()
    const lines = t.chunks.join('').split('\n').filter(Boolean)
    // 5 s is 20 users (10 %): a line every 5 s, none after the last, then the closing one.
    expect(lines[0]).toBe('cleanup: 20/200 identities (10%), 4.0/s, ETA 45s')
    expect(lines).toHaveLength(10)
    expect(lines.at(-1)).toBe('cleanup: 200/200 identities in 50.0s (4.0/s)')
    expect(t.chunks.join('')).not.toMatch(/[\r\u001b]/)
  })

  it('prints fewer lines when 10 % takes longer than 5 s', () => {
    const t = meter(false, 10)
    for (let i = 1; i <= 10; i += 1) t.at(i * 1000, i) // 10 % per second
    expect(t.chunks).toEqual(['cleanup: 5/10 identities (50%), 1.0/s, ETA 5s\n'])
  })

  it('prints no closing line for a phase too short for a progress line', () => {
    const t = meter(false, 100)
    for (let i = 1; i <= 100; i += 1) t.at(i * 40, i) // 4 s in all
    t.m.finish()
    expect(t.chunks).toEqual([])
  })

  it('prints nothing for an empty phase', () => {
    const t = meter(false, 0)
    t.at(10_000, 0)
    t.m.finish()
    expect(t.chunks).toEqual([])
  })
})

describe('createMeter on a terminal', () => {
  it('rewrites one line with bar, counts, rate and ETA, and clears it at the end', () => {
    const t = meter(true, 100, { color: false })
    t.at(0, 0)
    t.at(50, 1) // within 100 ms of the last redraw: skipped
    t.at(2000, 40)
    t.m.finish()
    expect(t.chunks[0]).toBe(`cleanup [${'░'.repeat(20)}] 0/100 identities · -/s · ETA -`)
    expect(t.chunks[1]).toBe(
      `\r\u001b[2Kcleanup [${'█'.repeat(8)}${'░'.repeat(12)}] 40/100 identities · 20.0/s · ETA 3s`,
    )
    expect(t.chunks).toHaveLength(3)
    expect(t.chunks[2]).toBe('\r\u001b[2K')
  })

  it('always draws the last count, and colours the bar only when colour is on', () => {
    const t = meter(true, 2, { color: true })
    t.at(0, 1)
    t.at(10, 2)
    expect(t.chunks.at(-1)).toContain('\u001b[32m')
    expect(t.chunks.at(-1)).toContain('2/2 identities')
    const plain = meter(true, 2, { color: false })
    plain.at(0, 1)
    expect(plain.chunks.join('')).not.toContain('\u001b[3')
  })

  it('gives a compact plain status to show inside the rules line', () => {
    const t = meter(true, 40, { color: true })
    t.setNow(4000)
    expect(t.m.status(12)).toBe(`${'█'.repeat(3)}${'░'.repeat(7)} 12/40 · 3.0/s · ETA 9s`)
  })

  it('keeps the line within a narrow terminal: shorter bar, then no label, then no bar', () => {
    const line = (columns: number) => {
      const t = meter(true, 100, { color: false, columns })
      t.at(1000, 10)
      return t.chunks[0] ?? ''
    }
    expect(line(60)).toBe(`cleanup [█${'░'.repeat(12)}] 10/100 identities · 10.0/s · ETA 9s`)
    expect(line(52)).toBe('cleanup [░░░░░] 10/100 identities · 10.0/s · ETA 9s')
    expect(line(44)).toBe('[░░░░░] 10/100 identities · 10.0/s · ETA 9s')
    expect(line(40)).toBe('10/100 identities · 10.0/s · ETA 9s')
    for (const columns of [60, 52, 44, 40, 30, 20])
      expect(line(columns).length).toBeLessThan(columns)
  })
})
