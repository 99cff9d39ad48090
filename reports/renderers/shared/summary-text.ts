/**
 * One-line summaries of counts and verdicts, worded the same in every format.
 *
 * @module
 */
import type { ReportSummary, RunInfo, StatusCounts } from '../../model.ts'
import { totalOf } from '../../summarize.ts'

/** `22 results: 12 passed, 7 failed, 1 waived, 1 skipped, 1 not applicable` (zero counts left out). */
export function countsLine(counts: StatusCounts): string {
  const parts = [
    [counts.passed, 'passed'],
    [counts.failed, 'failed'],
    [counts.waived, 'waived'],
    [counts.skipped, 'skipped'],
    [counts['not-applicable'], 'not applicable'],
  ] as const
  const shown = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`)
  const total = totalOf(counts)
  return `${total} result${total === 1 ? '' : 's'}${shown.length > 0 ? `: ${shown.join(', ')}` : ''}`
}

/** Why the verdict is what it is, in words. */
export function verdictSentence(summary: ReportSummary): string {
  const must = summary.byLevel.MUST.failed
  if (must > 0) return `${must} MUST rule${must === 1 ? '' : 's'} failed`
  const skipped = summary.byLevel.MUST.skipped
  if (skipped > 0)
    return `no MUST rule failed, but ${skipped} MUST rule${skipped === 1 ? '' : 's'} did not run`
  const should = summary.byLevel.SHOULD.failed
  return should > 0
    ? `no MUST rule failed (${should} SHOULD rule${should === 1 ? '' : 's'} failed)`
    : 'no MUST rule failed'
}

/** The verdict as one upper-case word: `PASS`, `INCOMPLETE`, `FAIL`. */
export function verdictWord(summary: ReportSummary): string {
  return summary.verdict.toUpperCase()
}

/**
 * One line per reason MUST rules did not run, e.g. `Not run: 95 MUST rules (writes not allowed:
 * pass --allow-writes)`; empty when every MUST rule ran. Reports older than 1.1 have no `notRun`:
 * their skipped MUST count still gets a line.
 */
export function notRunLines(summary: ReportSummary): string[] {
  const groups =
    summary.notRun ??
    (summary.byLevel.MUST.skipped > 0
      ? [{ reason: 'no reason recorded', count: summary.byLevel.MUST.skipped }]
      : [])
  return groups.map((g) => `Not run: ${g.count} MUST rule${g.count === 1 ? '' : 's'} (${g.reason})`)
}

const PHASE_WORDS = {
  preflight: 'while reaching the target',
  rules: 'during the rules',
  scenario: 'during the scenario',
  cleanup: 'during cleanup',
} as const

/**
 * `Interrupted during the rules; what did not finish is reported as skipped.`, or when cleanup was
 * abandoned, what removes the identities left; empty for a run that was not interrupted.
 */
export function interruptedLines(run: RunInfo): string[] {
  const { interrupted } = run
  if (!interrupted) return []
  return [`Interrupted ${PHASE_WORDS[interrupted.during]}; ${abandonedWords(run)}.`]
}

function abandonedWords(run: RunInfo): string {
  if (!run.interrupted?.cleanupAbandoned) return 'what did not finish is reported as skipped'
  // The in-process mock lived in the run's process: what it held went with it.
  if (run.target.kind !== 'url') return 'cleanup was abandoned (the in-process mock ended with it)'
  const target = run.target.url === undefined ? '' : ` --target ${run.target.url}`
  return `cleanup was abandoned: identities it created may be left (clearid-conformance sweep${target} --run-id ${run.id} --older-than 0 removes them)`
}
