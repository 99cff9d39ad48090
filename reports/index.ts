/**
 * The reports package: the versioned report model, its JSON Schema validation, summaries, baseline
 * diffs, waivers, redaction and the renderers. The harness imports from here.
 *
 * @module
 */
export type * from './model.ts'
export { REPORT_SCHEMA_VERSION } from './model.ts'
export { summarize, emptyCounts, totalOf, RULE_LEVELS, RULE_STATUSES } from './summarize.ts'
export { diffReports, newlyFailingResults } from './diff.ts'
export { applyWaivers, parseWaivers } from './waivers.ts'
export type { ApplyWaiversOptions, WaiverParseResult } from './waivers.ts'
export { validateReport, REPORT_JSON_SCHEMA } from './validate.ts'
export type { ReportValidation } from './validate.ts'
export { resultKey, indexResults } from './result-key.ts'
export {
  REDACTED,
  isSecretName,
  redactHeaders,
  redactString,
  redactUrl,
  redactValue,
} from '../model/redact.ts'
export { redactExchange, redactFinding, redactReport } from './redact-report.ts'
export { writeReports, DEFAULT_OUT_DIR } from './write.ts'
export { loadReportFile, loadWaiverFile } from './load.ts'
export type { Loaded } from './load.ts'
export {
  RENDERERS,
  REPORT_FILE_NAMES,
  FORMAT_NAMES,
  isFormatName,
  parseFormats,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
} from './renderers/index.ts'
export type { FormatName, RendererOptions } from './renderers/index.ts'
export { renderConsoleSummary, createProgress } from './renderers/console.ts'
export type { ConsoleSummaryOptions, Progress, ProgressStream } from './renderers/console.ts'
export type { ProgressOptions } from './renderers/progress.ts'
export { diffDocument, renderDiff } from './renderers/diff.ts'
export type { DiffDocument, DiffEntry, DiffFormat } from './renderers/diff.ts'
