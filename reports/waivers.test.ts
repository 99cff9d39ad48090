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

  it('matches a glob for real, case-insensitively, and an id only as a whole', () => {
    const patch = report([
      result({ ruleId: 'SRV-PATCH-001', status: 'failed' }),
      result({ ruleId: 'SRV-PATCH-101', status: 'failed' }),
      result({ ruleId: 'SRV-PUT-001', status: 'failed' }),
    ])
    const glob = applyWaivers(patch, [{ rule: 'srv-patch-*', reason: 'CID-1' }], { today })
    expect(glob.results.map((r) => r.status)).toEqual(['waived', 'waived', 'failed'])
    expect(glob.waivers?.[0]?.matched).toEqual(['SRV-PATCH-001', 'SRV-PATCH-101'])
    // Unlike `run --rule`, a waiver id is no prefix: it must not waive rules nobody named.
    const prefix = applyWaivers(patch, [{ rule: 'SRV-PATCH-1', reason: 'x' }], { today })
    expect(prefix.results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed'])
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

  it('refuses, given the catalogue, an id or a glob that matches no rule, naming it', () => {
    const known = ['SRV-PATCH-001', 'SRV-FILTER-001']
    const parsed = parseWaivers(
      {
        waivers: [
          { rule: 'SRV-PATCH-*', reason: 'r' },
          { rule: 'SRV-PATCH-999', reason: 'r' },
          { rule: 'SRV-PACTH-*', reason: 'r' },
          { rule: 'srv-filter-001', reason: 'r' },
        ],
      },
      known,
    )
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors).toEqual([
      'waivers[1].rule: rule id "SRV-PATCH-999" matches no rule in the catalogue; correct it (see `clearid-conformance rules`) or remove the waiver',
      'waivers[2].rule: pattern "SRV-PACTH-*" matches no rule in the catalogue; correct it (see `clearid-conformance rules`) or remove the waiver',
    ])
  })

  it('rejects a file that is not { "waivers": [...] }', () => {
    expect(parseWaivers([{ rule: 'SRV-A', reason: 'r' }]).ok).toBe(false)
  })
})
