import { describe, expect, it } from 'vitest'
import { report, result } from '../test/builders.ts'
import { validateReport } from '../validate.ts'
import { renderConsoleSummary } from './console.ts'
import { renderHtml } from './html.ts'
import { renderJson } from './json.ts'
import { renderJunit } from './junit.ts'
import { renderMarkdown } from './markdown.ts'

// Every format says INCOMPLETE and the one line of what did not run, never a bare PASS.
const REASON = 'writes not allowed: pass --allow-writes'
const LINE = `Not run: 2 MUST rules (${REASON})`
const incomplete = report([
  result({ ruleId: 'SRV-A', level: 'MUST', status: 'passed' }),
  result({ ruleId: 'SRV-B', level: 'MUST', status: 'skipped', reason: REASON }),
  result({ ruleId: 'SRV-C', level: 'MUST', status: 'skipped', reason: REASON }),
])

describe('an incomplete report', () => {
  it('says INCOMPLETE and what did not run in every format', () => {
    expect(incomplete.summary.verdict).toBe('incomplete')
    const console = renderConsoleSummary(incomplete, { color: false })
    expect(console).toMatch(/^INCOMPLETE {2}no MUST rule failed, but 2 MUST rules did not run\n/)
    expect(console).toContain(LINE)
    expect(renderMarkdown(incomplete)).toContain('**Verdict: `INCOMPLETE`**')
    expect(renderMarkdown(incomplete)).toContain(LINE)
    const html = renderHtml(incomplete)
    expect(html).toContain('<header class="banner incomplete">')
    expect(html).toContain(`<p class="not-run">${LINE}</p>`)
    const junit = renderJunit(incomplete)
    expect(junit).toContain('<property name="verdict" value="INCOMPLETE"/>')
    expect(junit).toContain(`<property name="verdict.notRun" value="${LINE}"/>`)
    const json = JSON.parse(renderJson(incomplete)) as unknown
    expect(validateReport(json).ok).toBe(true)
    expect(json).toMatchObject({
      summary: { verdict: 'incomplete', notRun: [{ reason: REASON, count: 2 }] },
    })
  })

  it('still loads and renders a 1.0 report without notRun', () => {
    const { notRun: _dropped, ...summary } = incomplete.summary
    const old = { ...incomplete, schemaVersion: '1.0' as const, summary }
    expect(validateReport(old).ok).toBe(true)
    expect(renderConsoleSummary(old, { color: false })).toContain(
      'Not run: 2 MUST rules (no reason recorded)',
    )
  })
})
