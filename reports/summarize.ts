/**
 * The one place that counts results and decides the verdict. The harness builds `report.summary`
 * with it, and anything that changes statuses (waivers) recomputes the summary with it.
 *
 * @module
 */
import type { ReportSummary, RuleResult, RuleStatus, StatusCounts } from './model.ts'
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
 * rule failed. Waived, skipped and not-applicable results never fail a run.
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
  return { verdict: byLevel.MUST.failed > 0 ? 'fail' : 'pass', counts, byLevel, byArea }
}
