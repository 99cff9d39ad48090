/**
 * How a judging command ends: its exit code from the verdict (`run`, `csv check`, `graph
 * preview`), and for the two checks before a synchronization the output: with `--out -` the one
 * report on stdout; otherwise the preview a person reads, the report files and the summary.
 *
 * @module
 */
import type { ConformanceReport } from '../../reports/model.ts'
import type { FormatName, RendererOptions } from '../../reports/renderers/index.ts'
import { renderConsoleSummary } from '../../reports/renderers/console.ts'
import { renderReport, writeReports } from '../../reports/write.ts'
import { colorOf, EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK, type CliIo } from '../io.ts'

export interface ReportOutput {
  readonly out: string
  readonly formats: readonly FormatName[]
  readonly requireComplete: boolean
}

export async function writePreSyncReport(
  io: CliIo,
  report: ConformanceReport,
  settings: ReportOutput,
  render: Partial<RendererOptions>,
  /** The preview's text, shown before the summary; not with `--out -`. */
  preview: () => string,
): Promise<number> {
  if (settings.out === '-') {
    io.stdout(renderReport(report, settings.formats[0] ?? 'json', render))
  } else {
    io.stdout(preview())
    const files = await writeReports(report, settings.formats, settings.out, render)
    io.stdout(renderConsoleSummary(report, { color: colorOf(io), files }))
  }
  return exitOf(report, settings.requireComplete)
}

// INCOMPLETE is 0 by default so read-only runs against production stay usable; CI that must not
// accept an untested MUST rule passes --require-complete.
export function exitOf(report: ConformanceReport, requireComplete: boolean): number {
  const { verdict } = report.summary
  if (verdict === 'fail') return EXIT_FAILED
  return verdict === 'incomplete' && requireComplete ? EXIT_INCOMPLETE : EXIT_OK
}
