/**
 * The source report: the pre-synchronization report (`reports/pre-sync-report.ts`) with
 * `run.judged: 'source'` and `target.kind: 'graph'`, so the same renderers, exit codes, diffs and
 * waivers apply to a Graph preview as to a CSV check.
 *
 * @module
 */
import type { ConformanceReport } from '../reports/model.ts'
import { buildPreSyncReport } from '../reports/pre-sync-report.ts'
import { TOOL_VERSION } from '../suites/runner/version.ts'
import type { GraphPreviewOutcome } from './check.ts'

export interface GraphReportInfo {
  readonly startedAt: Date
  readonly configPath: string
  readonly configName: string
  /** `--against`: the target that was read, credentials removed. */
  readonly against?: string
}

export function buildGraphReport(
  outcome: GraphPreviewOutcome,
  info: GraphReportInfo,
): ConformanceReport {
  return buildPreSyncReport({
    kind: 'graph',
    judged: 'source',
    target: {
      kind: 'graph',
      description: `${outcome.source.description} for the Entra ID synchronization configuration "${info.configName}"`,
    },
    startedAt: info.startedAt,
    toolVersion: TOOL_VERSION,
    options: {
      config: info.configPath,
      source: outcome.view.source,
      ...(info.against !== undefined && { against: info.against }),
      requests: outcome.source.requests,
      preview: outcome.preview.totals,
    },
    results: outcome.results,
  })
}
