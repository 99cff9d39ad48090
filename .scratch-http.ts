import { createApp } from './mock-server/app.ts'
import { startServer } from './mock-server/node/serve.ts'
import { RULES } from './rules/index.ts'
import { runConformance } from './suites/runner/run.ts'
import { urlTarget } from './suites/targets/url.ts'
import { selectRules } from './suites/runner/select.ts'
const server = await startServer(createApp({ accounts: [{ id: 'demo', scimKey: 'k1k1k1k1k1' }, { id: 'other', scimKey: 'k2k2k2k2k2' }] }))
const exclude = process.argv[2]
for (let i = 0; i < 3; i++) {
  const rules = exclude ? RULES.filter(r => !r.id.startsWith(exclude)) : RULES
  const { report } = await runConformance({ target: urlTarget({ url: `${server.url}/scim/v2/accounts/demo`, key: 'k1k1k1k1k1', otherUrl: `${server.url}/scim/v2/accounts/other`, otherKey: 'k2k2k2k2k2' }), rules, dialects: ['entra-default', 'entra-flag'], seed: 1 + i, runId: 'h' + i, allowWrites: true, maxCreates: 10000, onRequest: undefined })
  for (const r of report.results) if (r.status !== 'passed') console.log(i, r.ruleId, r.dialect, r.findings.map(f => f.message + ' ' + f.exchange?.request.method + ' ' + f.exchange?.request.url).join(' | '))
}
await server.close()
