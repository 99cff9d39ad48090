import { describe, expect, it } from 'vitest'
import { applyWaivers, parseWaivers } from './waivers.ts'
import { loadJson, report, result, WAIVERS_PATH } from './test/builders.ts'

const today = new Date('2026-06-15T12:00:00Z')
const failing = report([
  result({ ruleId: 'SRV-A', status: 'failed', dialect: 'entra-default' }),
  result({ ruleId: 'SRV-A', status: 'failed', dialect: 'entra-flag' }),
  result({ ruleId: 'SRV-B', status: 'passed' }),
])

describe('applyWaivers', () => {
  it('turns a matching failure into waived with the reason, never passed, and recounts', () => {
    const out = applyWaivers(failing, [{ rule: 'SRV-A', reason: 'ticket 42' }], { today })
    expect(out.results.map((r) => r.status)).toEqual(['waived', 'waived', 'passed'])
    expect(out.results[0]?.reason).toBe('waived (ticket 42)')
    expect(out.summary.counts.waived).toBe(2)
    expect(out.summary.counts.passed).toBe(1)
    expect(out.summary.verdict).toBe('pass')
    expect(out.waivers?.[0]).toMatchObject({
      state: 'applied',
      matched: ['SRV-A [entra-default]', 'SRV-A [entra-flag]'],
    })
  })

  it('never turns a passed result into waived', () => {
    const out = applyWaivers(failing, [{ rule: 'SRV-B', reason: 'x' }], { today })
    expect(out.results[2]?.status).toBe('passed')
    expect(out.waivers?.[0]?.state).toBe('unused')
  })

  it('restricts a waiver to its dialect', () => {
    const out = applyWaivers(failing, [{ rule: 'SRV-A', reason: 'x', dialect: 'entra-flag' }], {
      today,
    })
    expect(out.results.map((r) => r.status)).toEqual(['failed', 'waived', 'passed'])
    expect(out.summary.verdict).toBe('fail')
  })

  it('ignores an expired waiver and reports it as expired', () => {
    const out = applyWaivers(failing, [{ rule: 'SRV-A', reason: 'old', expires: '2026-06-15' }], {
      today,
    })
    expect(out.results.map((r) => r.status)).toEqual(['failed', 'failed', 'passed'])
    expect(out.waivers).toEqual([
      { rule: 'SRV-A', reason: 'old', expires: '2026-06-15', state: 'expired', matched: [] },
    ])
    expect(out.summary.verdict).toBe('fail')
  })

  it('applies a waiver up to the day before it expires', () => {
    const out = applyWaivers(failing, [{ rule: 'SRV-A', reason: 'r', expires: '2026-06-16' }], {
      today,
    })
    expect(out.results[0]?.status).toBe('waived')
  })
})

describe('parseWaivers', () => {
  it('accepts the documented fixture file', () => {
    const parsed = parseWaivers(loadJson(WAIVERS_PATH))
    expect(parsed.ok && parsed.waivers.length).toBe(2)
  })

  it('names each problem with its entry', () => {
    const parsed = parseWaivers({
      waivers: [
        { rule: 'SRV-A' },
        { rule: 'SRV-B', reason: 'r', expires: '2027-13-01', dialect: 'x', extra: 1 },
      ],
    })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors).toEqual([
      'waivers[0].reason: expected a non-empty explanation (a waiver must say why)',
      'waivers[1].dialect: expected one of entra-default, entra-flag',
      'waivers[1].expires: expected a date YYYY-MM-DD',
      'waivers[1].extra: unknown field (allowed: rule, reason, dialect, expires)',
    ])
  })

  it('rejects a file that is not { "waivers": [...] }', () => {
    expect(parseWaivers([{ rule: 'SRV-A', reason: 'r' }]).ok).toBe(false)
  })
})
