/**
 * What `serve` gives the mock's dashboard that the mock cannot import itself: the HTML report
 * renderer (with the CSP sources of its inline style and script) for the client report of an
 * account's traffic, and the latest conformance report, read from the JSON file `run` writes
 * (`conformance-reports/conformance-report.json` in the working directory) each time the Report tab
 * asks for it, so a run in another terminal shows up without a restart. The JSON is rendered, not
 * the HTML file served, so the page always matches the renderer the dashboard's policy allows.
 *
 * @module
 */
import { join } from 'node:path'
import type { DashboardReports } from '../../mock-server/options.ts'
import { loadReportFile } from '../../reports/load.ts'
import type { ConformanceReport } from '../../reports/model.ts'
import { HTML_REPORT_INLINE, renderHtml } from '../../reports/renderers/html.ts'
import { REPORT_FILE_NAMES } from '../../reports/renderers/index.ts'
import { DEFAULT_OUT_DIR } from '../../reports/write.ts'

export function dashboardReports(outDir: string = DEFAULT_OUT_DIR): DashboardReports {
  const path = join(outDir, REPORT_FILE_NAMES.json)
  return {
    render: (report) => renderHtml(report as ConformanceReport),
    inline: HTML_REPORT_INLINE,
    latest: async () => {
      const loaded = await loadReportFile(path)
      if (loaded.ok) return { report: loaded.value, source: path }
      if (loaded.error.endsWith('no such file')) {
        return { error: `No conformance report at ${path} yet: npm run conformance writes one.` }
      }
      return { error: loaded.error }
    },
  }
}
