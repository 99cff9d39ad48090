import { runInitialCycleScenario } from './suites/runner/scenario.ts'
import { inProcessTarget } from './suites/targets/in-process.ts'
import { describeSizing } from './suites/scenarios/sizing.ts'
const n = Number(process.argv[2] ?? 10000)
const o = await runInitialCycleScenario({ target: inProcessTarget(), rules: [], dialects: ['entra-default'], dialect: 'entra-default', users: n, seed: 1, runId: 'b', concurrency: 8, allowWrites: true, maxCreates: 1e9 })
console.log(describeSizing(o.sizing))
