/**
 * `npm run bench [scim|scale|state|conformance|csv|redact]`: every benchmark, each printing ratios against
 * a baseline measured in the same run.
 *
 * @module
 */
import { run as conformance } from './conformance.bench.ts'
import { run as csv } from './csv.bench.ts'
import { run as redact } from './redact.bench.ts'
import { run as scale } from './scale.bench.ts'
import { run as scim } from './scim.bench.ts'
import { run as state } from './state.bench.ts'

const BENCHES: Record<string, () => Promise<void>> = {
  scim,
  scale,
  state,
  conformance,
  csv,
  redact,
}

const only = process.argv[2]
if (only !== undefined && !Object.hasOwn(BENCHES, only)) {
  console.error(`Unknown benchmark "${only}"; choose one of: ${Object.keys(BENCHES).join(', ')}.`)
  process.exit(2)
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (only === undefined || only === name) await run()
}
