import { describe, expect, it } from 'vitest'
import type { RuleStatus } from './model.ts'
import { diffReports } from './diff.ts'
import { diffDocument, renderDiff } from './renderers/diff.ts'
import { baselineReport, report, result, sampleReport } from './test/builders.ts'

const one = (status: RuleStatus, dialect?: 'entra-default' | 'entra-flag') =>
  result({ ruleId: 'SRV-A', status, ...(dialect && { dialect }) })

describe('diffReports', () => {
  it('names newly failing and newly passing results', () => {
    expect(diffReports(report([one('passed')]), report([one('failed')])).newlyFailing).toEqual([
      'SRV-A',
    ])
    expect(diffReports(report([one('failed')]), report([one('passed')])).newlyPassing).toEqual([
      'SRV-A',
    ])
  })

  it('names results that ran in the baseline and were skipped now', () => {
    for (const before of ['passed', 'failed', 'waived'] as const) {
      expect(diffReports(report([one(before)]), report([one('skipped')])).newlyNotRun).toEqual([
        'SRV-A',
      ])
    }
    expect(diffReports(report([one('skipped')]), report([one('skipped')]))).not.toHaveProperty(
      'newlyNotRun',
    )
  })

  it('renders a MUST rule that stopped running as INCOMPLETE, not OK', () => {
    const base = report([result({ ruleId: 'SRV-A', level: 'MUST', status: 'passed' })])
    const next = report([result({ ruleId: 'SRV-A', level: 'MUST', status: 'skipped' })])
    const doc = diffDocument(diffReports(base, next), base, next)
    expect(doc.mustNotRun).toBe(1)
    expect(renderDiff(doc, 'text')).toContain('INCOMPLETE: no MUST rule newly failing, but 1 MUST')
    expect(renderDiff(doc, 'text')).toContain('Ran in the baseline, not run now (1)')
    expect(renderDiff(doc, 'md')).toContain('**Verdict: `INCOMPLETE`**')
  })

  it('keys by rule id and dialect', () => {
    const base = report([one('passed', 'entra-default'), one('passed', 'entra-flag')])
    const next = report([one('passed', 'entra-default'), one('failed', 'entra-flag')])
    expect(diffReports(base, next).newlyFailing).toEqual(['SRV-A [entra-flag]'])
  })

  it('treats a waived or skipped result as neither newly failing nor newly passing', () => {
    for (const now of ['waived', 'skipped', 'not-applicable'] as const) {
      const d = diffReports(report([one('failed')]), report([one(now)]))
      expect([d.newlyFailing, d.newlyPassing]).toEqual([[], []])
      const e = diffReports(report([one('passed')]), report([one(now)]))
      expect([e.newlyFailing, e.newlyPassing]).toEqual([[], []])
    }
  })

  it('does not call a known (waived) failure that lost its waiver a regression', () => {
    expect(diffReports(report([one('waived')]), report([one('failed')])).newlyFailing).toEqual([])
  })

  it('calls a failure of a rule that was skipped before newly failing', () => {
    expect(diffReports(report([one('skipped')]), report([one('failed')])).newlyFailing).toEqual([
      'SRV-A',
    ])
  })

  it('lists appeared and disappeared keys and the baseline run id', () => {
    const base = report([one('passed'), result({ ruleId: 'SRV-OLD' })])
    const next = report([one('passed'), result({ ruleId: 'SRV-NEW', status: 'failed' })])
    expect(diffReports(base, next)).toEqual({
      baselineRunId: 'run-test',
      newlyFailing: [],
      newlyPassing: [],
      appeared: ['SRV-NEW'],
      disappeared: ['SRV-OLD'],
    })
  })

  it('reproduces the baseline section of the sample fixture', () => {
    expect(diffReports(baselineReport(), sampleReport())).toEqual(sampleReport().baseline)
  })
})
