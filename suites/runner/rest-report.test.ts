/**
 * A REST rule's result reaches every report format like a SCIM rule's: a valid report of the
 * current schema, JUnit, Markdown, and the HTML page with the rule first in its failed-rules
 * summary, and the hint that suits a REST answer.
 */
import { expect, it } from 'vitest'
import { renderConsoleSummary, RENDERERS } from '../../reports/renderers/index.ts'
import { REPORT_SCHEMA_VERSION } from '../../reports/model.ts'
import { validateReport } from '../../reports/validate.ts'
import { RULES } from '../../rules/index.ts'
import { fakeDeployment } from '../../testing/suite-support.ts'
import { runConformance } from './run.ts'

it('shows a failed REST rule in every format and in the HTML failed-rules summary', async () => {
  // Reading an identity back reaches a sign-in page: REST-IDN-002 fails on it.
  const deployment = fakeDeployment({}, (request) =>
    request.method === 'GET' && /\/identities\/[^/?]+$/.test(new URL(request.url).pathname)
      ? new Response('<html>sign in</html>', { headers: { 'content-type': 'text/html' } })
      : undefined,
  )
  const { report } = await runConformance({
    target: deployment.target({ rest: true, scim: false }),
    rules: RULES.filter((rule) => rule.id === 'REST-IDN-002' || rule.id === 'REST-TOKEN-001'),
    dialects: ['entra-flag'],
    seed: 1,
    runId: 'fmt',
    allowWrites: true,
  })
  const failed = report.results.find((r) => r.ruleId === 'REST-IDN-002')
  expect(failed?.status).toBe('failed')
  expect(failed?.fixReason).toBe('not-json')
  expect(failed?.fix).toContain('--rest-target')
  expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION)
  expect(validateReport(JSON.parse(RENDERERS.json(report)))).toMatchObject({ ok: true })

  for (const render of [RENDERERS.junit, RENDERERS.md])
    expect(render(report)).toContain('REST-IDN-002')
  expect(renderConsoleSummary(report, { color: false })).toContain('REST-IDN-002')
  const html = RENDERERS.html(report)
  const summary = /<section class="card failed-summary"[^]*?<\/section>/.exec(html)?.[0] ?? ''
  expect(summary).toContain('REST-IDN-002')
  expect(summary).toContain('not JSON')
  expect(summary).not.toContain('REST-TOKEN-001')
})
