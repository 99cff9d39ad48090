import { RULES } from './rules/index.ts'
import { runConformance } from './suites/runner/run.ts'
import { inProcessTarget } from './suites/targets/in-process.ts'
const t0 = performance.now()
const out = await runConformance({ target: inProcessTarget(), rules: RULES, dialects: ['entra-default', 'entra-flag'], seed: 1, runId: 'r1', allowWrites: true, maxCreates: 100000 })
console.log('ms', Math.round(performance.now() - t0), 'requests', out.requests, out.report.summary.counts, out.cleanup)
for (const r of out.report.results) if (r.status !== 'passed') {
  console.log(r.status, r.ruleId, r.dialect ?? '', r.reason ?? '')
  for (const f of r.findings.slice(0, 4)) console.log('   ', f.severity, f.message, JSON.stringify(f.expected)?.slice(0,100), '|', JSON.stringify(f.actual)?.slice(0, 200))
}
