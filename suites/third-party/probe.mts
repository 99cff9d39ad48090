import { RULES } from '../../rules/index.ts'
import { runConformance } from '../runner/run.ts'
import { urlTarget } from '../targets/url.ts'
import { startScimmyServer } from './scimmy-server.ts'
import { startBetterAuthServer } from './better-auth-server.ts'
const which = process.argv[2] ?? 'scimmy'
const server = which === 'scimmy' ? await startScimmyServer() : await startBetterAuthServer()
const rules = RULES.filter((r) => r.profile !== 'clearid')
const t0 = performance.now()
try {
  const { report, cleanup, requests } = await runConformance({ target: urlTarget({ url: server.baseUrl, key: server.token }), rules, dialects: ['entra-default', 'entra-flag'], seed: 1, runId: 'tp', allowWrites: true, maxCreates: 10000 })
  console.log(which, 'ms', Math.round(performance.now() - t0), 'requests', requests, JSON.stringify(report.summary.counts), 'cleanup failed', cleanup.failed.length)
  for (const r of report.results) if (r.status === 'failed') console.log(`${r.ruleId}${r.dialect ? '@'+r.dialect : ''} (${r.profile}) :: ${r.findings.filter(f=>f.severity==='error').map(f => f.message).join(' | ').slice(0, 250)}`)
} finally { await server.close() }
