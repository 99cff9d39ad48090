import { DEFECTS } from './mock-server/defects.ts'
import { RULES } from './rules/index.ts'
import { runConformance } from './suites/runner/run.ts'
import { inProcessTarget } from './suites/targets/in-process.ts'
for (const d of DEFECTS) {
  const out = await runConformance({ target: inProcessTarget({ defects: { [d.id]: true } }), rules: RULES, dialects: ['entra-default', 'entra-flag'], seed: 1, runId: 'r1', allowWrites: true, maxCreates: 100000 })
  const failed = [...new Set(out.report.results.filter(r => r.status === 'failed').map(r => `${r.ruleId}${r.level==='MUST'?'':'('+r.level+')'}${r.dialect? '['+r.dialect.slice(6)+']':''}`))]
  const missing = d.breaks.filter(b => !out.report.results.some(r => r.ruleId === b && r.status === 'failed'))
  console.log(d.id, '\n  failed:', failed.join(' '), '\n  missing:', missing.join(' '))
}
