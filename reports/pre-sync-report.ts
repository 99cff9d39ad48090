/**
 * The report of a check made before a synchronization reads its source: `csv check` (files) and
 * `graph preview` (a Graph source). The same versioned `ConformanceReport` as `run` and
 * `verify-client`, so the same renderers, exit codes, diffs and waivers apply; only what was
 * judged (`judged`, `target`) and the options differ.
 *
 * @module
 */
import {
  REPORT_SCHEMA_VERSION,
  type ConformanceReport,
  type ReportTarget,
  type RuleResult,
} from './model.ts'
import { redactReport } from './redact-report.ts'
import { summarize } from './summarize.ts'

export interface PreSyncReportInput {
  /** The run id's prefix: `csv`, `graph`. */
  readonly kind: string
  readonly judged: 'file' | 'source'
  readonly target: ReportTarget
  readonly startedAt: Date
  readonly toolVersion: string
  readonly options: Readonly<Record<string, unknown>>
  readonly results: RuleResult[]
}

export function buildPreSyncReport(input: PreSyncReportInput): ConformanceReport {
  const finishedAt = new Date()
  return redactReport({
    schemaVersion: REPORT_SCHEMA_VERSION,
    run: {
      id: `${input.kind}-${crypto.randomUUID()}`,
      startedAt: input.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - input.startedAt.getTime(),
      dialects: [],
      profiles: ['clearid'],
      target: input.target,
      judged: input.judged,
      versions: { tool: input.toolVersion, node: process.version },
      options: { ...input.options },
    },
    summary: summarize(input.results),
    results: input.results,
  })
}
