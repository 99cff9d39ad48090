/**
 * Golden files of every renderer on the sample report. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run reports` and review the diff.
 */
import { describe, it } from 'vitest'
import { diffReports } from '../diff.ts'
import { baselineReport, sampleReport } from '../test/builders.ts'
import { expectGolden } from '../test/golden.ts'
import { renderConsoleSummary } from './console.ts'
import { diffDocument, renderDiff } from './diff.ts'
import { RENDERERS, REPORT_FILE_NAMES } from './index.ts'

describe('golden files of the sample report', () => {
  for (const [format, render] of Object.entries(RENDERERS)) {
    it(format, () => {
      const name = REPORT_FILE_NAMES[format as keyof typeof RENDERERS].replace(
        'conformance-',
        'sample-',
      )
      expectGolden(name, render(sampleReport()))
    })
  }

  it('console summary, plain and coloured', () => {
    const files = [
      'conformance-reports/conformance-report.html',
      'conformance-reports/conformance-junit.xml',
    ]
    expectGolden(
      'sample-console.txt',
      renderConsoleSummary(sampleReport(), { color: false, files }),
    )
    expectGolden(
      'sample-console-color.txt',
      renderConsoleSummary(sampleReport(), { color: true, files }),
    )
  })

  it('report diff in text, Markdown and JSON', () => {
    const base = baselineReport()
    const next = sampleReport()
    const doc = diffDocument(diffReports(base, next), base, next)
    expectGolden('sample-diff.txt', renderDiff(doc, 'text'))
    expectGolden('sample-diff.md', renderDiff(doc, 'md'))
    expectGolden('sample-diff.json', renderDiff(doc, 'json'))
  })
})
