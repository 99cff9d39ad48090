/**
 * JSON renderer: the report model itself (see `reports/report.schema.json`), secrets redacted, keys
 * in canonical order, two-space indent and a final newline. Other tools should read this file.
 *
 * @module
 */
import type { ConformanceReport } from '../model.ts'
import { redactReport } from '../redact-report.ts'
import { canonicalReport } from './shared/canonical.ts'

export type JsonRenderOptions = Record<string, never>

export function renderJson(report: ConformanceReport, _options: JsonRenderOptions = {}): string {
  return `${JSON.stringify(canonicalReport(redactReport(report)), null, 2)}\n`
}
