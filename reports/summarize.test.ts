import { describe, expect, it } from 'vitest'
import { summarize } from './summarize.ts'
import { result, sampleReport } from './test/builders.ts'

describe('summarize', () => {
  it('fails the run only when a MUST rule failed', () => {
    expect(summarize([result({ ruleId: 'A', level: 'SHOULD', status: 'failed' })]).verdict).toBe(
      'pass',
    )
    expect(summarize([result({ ruleId: 'A', level: 'MUST', status: 'waived' })]).verdict).toBe(
      'pass',
    )
    expect(summarize([result({ ruleId: 'A', level: 'MUST', status: 'failed' })]).verdict).toBe(
      'fail',
    )
  })

  it('is incomplete when a MUST rule was skipped and none failed: fail > incomplete > pass', () => {
    const skipped = result({
      ruleId: 'W',
      level: 'MUST',
      status: 'skipped',
      reason: 'writes not allowed: pass --allow-writes',
    })
    const summary = summarize([result({ ruleId: 'A', level: 'MUST' }), skipped, skipped])
    expect(summary.verdict).toBe('incomplete')
    expect(summary.notRun).toEqual([
      { reason: 'writes not allowed: pass --allow-writes', count: 2 },
    ])
    const failed = result({ ruleId: 'B', level: 'MUST', status: 'failed' })
    expect(summarize([skipped, failed]).verdict).toBe('fail')
    // A skipped SHOULD or a not-applicable MUST leaves nothing the verdict vouches for untested.
    const should = result({ ruleId: 'S', level: 'SHOULD', status: 'skipped' })
    const na = result({ ruleId: 'N', level: 'MUST', status: 'not-applicable' })
    expect(summarize([should, na])).not.toHaveProperty('notRun')
    expect(summarize([should, na]).verdict).toBe('pass')
  })

  it('counts by status, level and area, with areas sorted and every level present', () => {
    const summary = summarize([
      result({ ruleId: 'A', area: 'patch', status: 'passed' }),
      result({ ruleId: 'B', area: 'auth', level: 'MAY', status: 'skipped' }),
      result({ ruleId: 'C', area: 'patch', status: 'not-applicable' }),
    ])
    expect(summary.counts).toEqual({
      passed: 1,
      failed: 0,
      skipped: 1,
      'not-applicable': 1,
      waived: 0,
    })
    expect(Object.keys(summary.byArea)).toEqual(['auth', 'patch'])
    expect(summary.byLevel.SHOULD).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
      'not-applicable': 0,
      waived: 0,
    })
    expect(summary.byLevel.MUST.passed).toBe(1)
  })

  it('agrees with the summary stored in the sample fixture', () => {
    const sample = sampleReport()
    expect(summarize(sample.results)).toEqual(sample.summary)
  })
})
