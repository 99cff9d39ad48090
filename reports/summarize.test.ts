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
