/**
 * A rule failed by a server error carries a hint about that error, not the rule's own hint, in
 * every format: the harness puts it in the report once, and each renderer shows it as the fix with
 * the rule's own hint after it.
 */
import { describe, expect, it } from 'vitest'
import type { Step } from '../../mock-server/http/pipeline.ts'
import { renderConsoleSummary } from '../../reports/renderers/console.ts'
import { RENDERERS } from '../../reports/renderers/index.ts'
import { validateReport } from '../../reports/validate.ts'
import { RULES } from '../../rules/index.ts'
import { fakeDeployment, KEY } from '../../testing/suite-support.ts'
import { runConformance } from './run.ts'
import { selectRules } from './select.ts'

/** A server whose PATCH throws: every PATCH answers 500 with an HTML error page. */
const patchBreaks: Step = async (c, next) => {
  if (c.req.method !== 'PATCH') return next()
  return new Response('<html><body>NullReferenceException</body></html>', {
    status: 500,
    headers: { 'content-type': 'text/html' },
  })
}

describe('a rule failed by a 500, in every format', async () => {
  const deployment = fakeDeployment({ components: { scimSteps: () => [patchBreaks] } })
  const rules = selectRules(RULES, { ids: ['SRV-PATCH-001'] })
  const ruleFix = rules[0]?.fix ?? ''
  const { report } = await runConformance({
    target: deployment.target(),
    rules,
    dialects: ['entra-default'],
    seed: 1,
    runId: 'hint',
    allowWrites: true,
    concurrency: 1,
  })
  const result = report.results.find((r) => r.ruleId === 'SRV-PATCH-001')

  it('is failed, with the server-error hint in fix and the rule’s own in ruleFix', () => {
    expect(result?.status).toBe('failed')
    expect(result?.fixReason).toBe('server-error')
    expect(result?.ruleFix).toBe(ruleFix)
    expect(result?.fix).toMatch(
      /^The server answered HTTP 500 Internal Server Error to PATCH \/Users\/\{id\}: the request broke it\./,
    )
    expect(validateReport(JSON.parse(RENDERERS.json(report))).ok).toBe(true)
  })

  const outputs: Record<string, string> = {
    json: RENDERERS.json(report),
    junit: RENDERERS.junit(report),
    md: RENDERERS.md(report),
    html: RENDERERS.html(report),
    console: renderConsoleSummary(report, { color: false }),
  }
  // How each format labels the fix and the rule's own hint (HTML escapes the apostrophe).
  const labels: Record<string, { fix: string; ruleFix: string }> = {
    json: { fix: '"fix": "', ruleFix: '"ruleFix": "' },
    junit: { fix: 'Fix: ', ruleFix: "The rule's own fix: " },
    md: { fix: '- **Fix:** ', ruleFix: "- **The rule's own fix:** " },
    html: { fix: '<b>Fix</b> ', ruleFix: '<b>The rule&#39;s own fix</b> ' },
    console: { fix: '      fix: ', ruleFix: "the rule's own fix: " },
  }

  for (const [format, text] of Object.entries(outputs)) {
    it(`${format}: the fix is the server-error hint, then the rule's own`, () => {
      const label = labels[format] ?? { fix: '', ruleFix: '' }
      expect(text).toContain(`${label.fix}The server answered HTTP 500 Internal Server Error`)
      expect(text).toContain('the request broke it')
      expect(text).toContain(`${label.ruleFix}${ruleFix.slice(0, 40)}`)
      expect(text).not.toContain(`${label.fix}${ruleFix.slice(0, 40)}`)
      expect(text).not.toContain(KEY)
    })
  }
})
