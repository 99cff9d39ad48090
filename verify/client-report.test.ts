import { describe, expect, it } from 'vitest'
import { renderConsoleSummary } from '../reports/renderers/console.ts'
import { validateReport } from '../reports/validate.ts'
import { buildClientReport, NO_TRAFFIC_REASON } from './client-report.ts'

describe('buildClientReport', () => {
  it('calls a session without any request INCOMPLETE, not a pass', () => {
    const report = buildClientReport([], { accountId: 'acme' })
    expect(validateReport(report).ok).toBe(true)
    expect(report.summary.verdict).toBe('incomplete')
    expect(report.results.every((result) => result.status === 'skipped')).toBe(true)
    expect(report.summary.counts['not-applicable']).toBe(0)
    expect(report.summary.notRun).toEqual([
      { reason: NO_TRAFFIC_REASON, count: report.summary.byLevel.MUST.skipped },
    ])
    const text = renderConsoleSummary(report, { color: false })
    expect(text).toMatch(/^INCOMPLETE {2}no MUST rule failed, but \d+ MUST rules did not run/)
    expect(text).toContain('no traffic: the client sent no request')
  })
})
