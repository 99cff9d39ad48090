/**
 * Writes a report in several formats into a directory; the `run` and `report render` commands
 * both end here.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ConformanceReport } from './model.ts'
import { REPORT_FILE_NAMES, RENDERERS } from './renderers/index.ts'
import type { FormatName, RendererOptions } from './renderers/index.ts'

export const DEFAULT_OUT_DIR = 'conformance-reports'

/** One format's text, as `writeReports` would write it (`run --out -` prints it). */
export function renderReport(
  report: ConformanceReport,
  format: FormatName,
  options: Partial<RendererOptions> = {},
): string {
  const render = RENDERERS[format] as (r: ConformanceReport, o?: object) => string
  return render(report, options[format])
}

/**
 * Renders `report` in each format and writes `outDir/conformance-report.<ext>` (JUnit:
 * `conformance-junit.xml`). Returns the paths written, in the order of `formats`.
 */
export async function writeReports(
  report: ConformanceReport,
  formats: readonly FormatName[],
  outDir: string = DEFAULT_OUT_DIR,
  options: Partial<RendererOptions> = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true })
  const written: string[] = []
  for (const format of formats) {
    const path = join(outDir, REPORT_FILE_NAMES[format])
    await writeFile(path, renderReport(report, format, options), 'utf8')
    written.push(path)
  }
  return written
}
