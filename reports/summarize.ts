/**
 * The one place that counts results and decides the verdict. The harness builds `report.summary`
 * with it, and anything that changes statuses (waivers) recomputes the summary with it.
 *
 * @module
 */
import type {
  NotRunGroup,
  ReportSummary,
  RuleResult,
  RuleStatus,
  StatusCounts,
  Verdict,
} from './model.ts'
import { RULE_LEVELS, type RuleLevel } from '../model/rule.ts'

export { RULE_LEVELS }

export const RULE_STATUSES: readonly RuleStatus[] = [
  'failed',
  'passed',
  'waived',
  'skipped',
  'not-applicable',
]

export function emptyCounts(): StatusCounts {
  return { passed: 0, failed: 0, skipped: 0, 'not-applicable': 0, waived: 0 }
}

/** Total number of results in `counts`. */
export function totalOf(counts: StatusCounts): number {
  return RULE_STATUSES.reduce((sum, status) => sum + counts[status], 0)
}

/**
 * Counts by status, level and area (areas sorted by name), and the verdict: `fail` when any MUST
 * rule failed, else `incomplete` when a MUST rule was skipped (it did not run, so nothing vouches
 * for it), else `pass`. Waived and not-applicable results never fail a run nor make it incomplete.
 */
export function summarize(results: readonly RuleResult[]): ReportSummary {
  const counts = emptyCounts()
  const byLevel: Record<RuleLevel, StatusCounts> = {
    MUST: emptyCounts(),
    SHOULD: emptyCounts(),
    MAY: emptyCounts(),
  }
  const areas = new Map<string, StatusCounts>()
  for (const result of results) {
    counts[result.status] += 1
    byLevel[result.level][result.status] += 1
    const area = areas.get(result.area) ?? emptyCounts()
    area[result.status] += 1
    areas.set(result.area, area)
  }
  const byArea: Record<string, StatusCounts> = {}
  for (const name of [...areas.keys()].sort()) byArea[name] = areas.get(name) ?? emptyCounts()
  const verdict: Verdict =
    byLevel.MUST.failed > 0 ? 'fail' : byLevel.MUST.skipped > 0 ? 'incomplete' : 'pass'
  const notRun = notRunGroups(results)
  return { verdict, ...(notRun.length > 0 ? { notRun } : {}), counts, byLevel, byArea }
}

// Grouped by reason, in first-seen order: the reasons carry the flag that runs the rules
// (`writes not allowed: pass --allow-writes`), so one line per reason tells what to change.
function notRunGroups(results: readonly RuleResult[]): NotRunGroup[] {
  const groups = new Map<string, number>()
  for (const result of results) {
    if (result.level !== 'MUST' || result.status !== 'skipped') continue
    const reason = result.reason ?? 'no reason recorded'
    groups.set(reason, (groups.get(reason) ?? 0) + 1)
  }
  return [...groups].map(([reason, count]) => ({ reason, count }))
}
