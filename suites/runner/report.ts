/**
 * Assembles the versioned `ConformanceReport` (reports/model.ts) from a run's results: catalogue
 * order, summary and verdict from `reports/summarize.ts`, latency per operation, and the cleanup
 * outcome in `run.options.cleanup`. A failure that is not what its rule's hint addresses (a 5xx, no
 * answer, a body that is not SCIM) gets a hint about that here, once, so every format shows the same
 * (`reports/failure-hint.ts`). The report leaves here redacted: a key a server echoed into a
 * finding is gone before any caller, renderer or file sees it.
 *
 * @module
 */
import {
  REPORT_SCHEMA_VERSION,
  type ConformanceReport,
  type LatencyStats,
  type RuleResult,
  type RunInterruption,
} from '../../reports/model.ts'
import { withFailureHint } from '../../reports/failure-hint.ts'
import { redactReport } from '../../reports/redact-report.ts'
import { summarize } from '../../reports/summarize.ts'
import type { RuleProfile } from '../../model/rule.ts'
import { reportTarget } from '../targets/target.ts'
import type { CleanupOutcome } from './cleanup.ts'
import type { RunOptions } from './run-options.ts'
import { TOOL_VERSION } from './version.ts'
import { RULE_PROFILES } from '../../model/rule.ts'

/** Answers cut at the response limit (`run.options.responsesOverLimit` when any were). */
export interface ResponsesOverLimit {
  readonly count: number
  readonly limitBytes: number
}

export interface ReportInput {
  readonly options: RunOptions
  readonly startedAt: Date
  readonly results: readonly RuleResult[]
  readonly latency: Record<string, LatencyStats>
  readonly cleanup: CleanupOutcome
  readonly responsesOverLimit?: ResponsesOverLimit
  readonly interrupted?: RunInterruption
}

function profilesOf(options: RunOptions): RuleProfile[] {
  if (options.profiles && options.profiles.length > 0) return [...options.profiles]
  return RULE_PROFILES.filter((profile) => options.rules.some((rule) => rule.profile === profile))
}

export function buildReport(input: ReportInput): ConformanceReport {
  const { options, startedAt } = input
  const results = input.results.map(withFailureHint)
  const finishedAt = new Date()
  return redactReport({
    schemaVersion: REPORT_SCHEMA_VERSION,
    run: {
      id: options.runId,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      seed: options.seed,
      dialects: [...options.dialects],
      profiles: profilesOf(options),
      target: reportTarget(options.target),
      judged: 'server',
      versions: { tool: TOOL_VERSION, node: process.version },
      options: {
        ...options.options,
        cleanup: input.cleanup,
        ...(input.responsesOverLimit && { responsesOverLimit: input.responsesOverLimit }),
      },
      ...(input.interrupted && { interrupted: input.interrupted }),
    },
    summary: summarize(results),
    results,
    latency: input.latency,
  })
}
