/**
 * The file report: the same versioned `ConformanceReport` as `run` and `verify-client`, with
 * `run.judged: 'file'` and `target.kind: 'files'`, so the same renderers, exit codes, diffs and
 * waivers apply to a CSV check.
 *
 * @module
 */
import { REPORT_SCHEMA_VERSION, type ConformanceReport } from '../reports/model.ts'
import { redactReport } from '../reports/redact-report.ts'
import { summarize } from '../reports/summarize.ts'
import { TOOL_VERSION } from '../suites/runner/version.ts'
import type { CsvCheckOutcome } from './check.ts'

export interface CsvReportInfo {
  readonly startedAt: Date
  /** The configuration file, or undefined for ClearID's defaults. */
  readonly configPath?: string
  readonly configName: string
  /** `--against`: the target that was read, credentials removed. */
  readonly against?: string
  readonly options?: Readonly<Record<string, unknown>>
}

export function buildCsvReport(outcome: CsvCheckOutcome, info: CsvReportInfo): ConformanceReport {
  const finishedAt = new Date()
  const names = outcome.files.map((f) => f.name)
  return redactReport({
    schemaVersion: REPORT_SCHEMA_VERSION,
    run: {
      id: `csv-${crypto.randomUUID()}`,
      startedAt: info.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - info.startedAt.getTime(),
      dialects: [],
      profiles: ['clearid'],
      target: {
        kind: 'files',
        description: `CSV file${names.length === 1 ? '' : 's'} ${names.join(', ').slice(0, 300)} for the Cloud CSV configuration "${info.configName}"`,
      },
      judged: 'file',
      versions: { tool: TOOL_VERSION, node: process.version },
      options: {
        config: info.configPath ?? 'ClearID defaults (comma, UTF-8, header names mapped by name)',
        files: outcome.files.map((f) => ({ name: f.name, bytes: f.bytes, dataRows: f.dataRows })),
        preview: outcome.preview.totals,
        ...(info.against !== undefined && { against: info.against }),
        ...info.options,
      },
    },
    summary: summarize(outcome.results),
    results: outcome.results,
  })
}
