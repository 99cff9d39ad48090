/**
 * Baseline comparison: which results changed between two runs, keyed by rule id and dialect, so a
 * regression is named rather than buried among known failures.
 *
 * @module
 */
import type { BaselineDiff, ConformanceReport, RuleResult } from './model.ts'
import { indexResults, resultKey } from './result-key.ts'

// A waived result is a known failure: losing the waiver is not a regression, fixing it is progress.
function wasFailing(result: RuleResult): boolean {
  return result.status === 'failed' || result.status === 'waived'
}

/**
 * - `newlyFailing`: failed now, and in the baseline it passed, was skipped or was not applicable.
 * - `newlyPassing`: passed now, and in the baseline it failed or was waived.
 * - `appeared` / `disappeared`: keys present in only one of the two reports.
 *
 * - `newlyNotRun`: ran (passed, failed or waived) in the baseline, skipped now: a run that stopped
 *   testing something is not "no change".
 *
 * A result that is waived, skipped or not applicable now is neither newly failing nor newly
 * passing. Lists follow the reports' own order (the catalogue order), so output is stable.
 */
export function diffReports(base: ConformanceReport, next: ConformanceReport): BaselineDiff {
  const before = indexResults(base.results)
  const after = indexResults(next.results)
  const newlyFailing: string[] = []
  const newlyPassing: string[] = []
  const appeared: string[] = []
  const newlyNotRun: string[] = []
  for (const [key, result] of after) {
    const previous = before.get(key)
    if (!previous) appeared.push(key)
    else if (result.status === 'failed' && !wasFailing(previous)) newlyFailing.push(key)
    else if (result.status === 'passed' && wasFailing(previous)) newlyPassing.push(key)
    else if (result.status === 'skipped' && ran(previous)) newlyNotRun.push(key)
  }
  const disappeared = [...before.keys()].filter((key) => !after.has(key))
  return {
    baselineRunId: base.run.id,
    newlyFailing,
    newlyPassing,
    appeared,
    disappeared,
    // Left out when empty, so a 1.1 diff with nothing newly skipped reads like a 1.0 one.
    ...(newlyNotRun.length > 0 ? { newlyNotRun } : {}),
  }
}

function ran(result: RuleResult): boolean {
  return result.status === 'passed' || wasFailing(result)
}

/** The results of `report` that `diff.newlyFailing` names, in report order. */
export function newlyFailingResults(report: ConformanceReport, diff: BaselineDiff): RuleResult[] {
  const keys = new Set(diff.newlyFailing)
  return report.results.filter((result) => keys.has(resultKey(result)))
}
