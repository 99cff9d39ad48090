/**
 * The file report: the pre-synchronization report (`reports/pre-sync-report.ts`) with
 * `run.judged: 'file'` and `target.kind: 'files'`, so the same renderers, exit codes, diffs and
 * waivers apply to a CSV check.
 *
 * @module
 */
import type { ConformanceReport } from '../reports/model.ts'
import { buildPreSyncReport } from '../reports/pre-sync-report.ts'
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
  const names = outcome.files.map((f) => f.name)
  return buildPreSyncReport({
    kind: 'csv',
    judged: 'file',
    target: {
      kind: 'files',
      description: `CSV file${names.length === 1 ? '' : 's'} ${names.join(', ').slice(0, 300)} for the Cloud CSV configuration "${info.configName}"`,
    },
    startedAt: info.startedAt,
    toolVersion: TOOL_VERSION,
    options: {
      config: info.configPath ?? 'ClearID defaults (comma, UTF-8, header names mapped by name)',
      files: outcome.files.map((f) => ({ name: f.name, bytes: f.bytes, dataRows: f.dataRows })),
      preview: outcome.preview.totals,
      ...(info.against !== undefined && { against: info.against }),
      ...info.options,
    },
    results: outcome.results,
  })
}
