/**
 * Runs the Graph rules over one view of a source and turns what they report into rule results.
 * Findings are capped per rule (a tenant with 20,000 bad users gives the first ones and a count).
 *
 * @module
 */
import type { Finding } from '../model/rule.ts'
import type { RuleResult } from '../reports/model.ts'
import { resultMetaOf } from '../reports/result-meta.ts'
import type { GraphRule, GraphSourceView } from '../rules/graph/define.ts'

/** Findings kept per rule; the rest are counted. */
export const FINDINGS_PER_RULE = 20

const RANK: Record<Finding['severity'], number> = { error: 2, warning: 1, info: 0 }

export function judgeSource(rules: readonly GraphRule[], view: GraphSourceView): RuleResult[] {
  return rules.map((rule) => {
    const started = performance.now()
    const findings: Finding[] = []
    const over = { count: 0, severity: 'info' as Finding['severity'] }
    let notApplicable: string | undefined
    let failed = false
    rule.judge(view, {
      report: (input) => {
        const severity = input.severity ?? (rule.level === 'MUST' ? 'error' : 'warning')
        // A MUST rule fails on an error; a SHOULD or MAY rule on a warning too.
        if (severity === 'error' || (rule.level !== 'MUST' && severity === 'warning')) failed = true
        if (findings.length >= FINDINGS_PER_RULE) {
          over.count++
          if (RANK[severity] > RANK[over.severity]) over.severity = severity
          return
        }
        findings.push({
          severity,
          message: input.message,
          ...('expected' in input && { expected: input.expected }),
          ...('actual' in input && { actual: input.actual }),
        })
      },
      notApplicable: (reason) => {
        notApplicable = reason
      },
    })
    if (over.count > 0)
      findings.push({
        severity: over.severity,
        message: `${over.count.toLocaleString('en-US')} more finding${over.count === 1 ? '' : 's'} like these (the first ${FINDINGS_PER_RULE} are listed).`,
      })
    const base = {
      ...resultMetaOf(rule),
      findings,
      durationMs: Math.round(performance.now() - started),
    }
    if (failed) return { ...base, status: 'failed' }
    if (notApplicable !== undefined)
      return { ...base, status: 'not-applicable', reason: notApplicable }
    return { ...base, status: 'passed' }
  })
}
