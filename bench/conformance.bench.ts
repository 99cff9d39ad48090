/**
 * Harness benchmark. (1) The full rule catalogue, both dialects, against the in-process mock:
 * target under 10 s. (2) An initial provisioning cycle of 10,000 users against the mock over HTTP
 * (node adapter on 127.0.0.1:0) at concurrency 8: users/s and p50/p99 per operation, through the
 * same code path as `run --scenario initial-cycle --users N`.
 *
 * `npm run bench conformance`, or `tsx bench/conformance.bench.ts`. `BENCH_USERS` overrides 10,000.
 *
 * @module
 */
import { pathToFileURL } from 'node:url'
import { createApp } from '../mock-server/app.ts'
import { startServer } from '../mock-server/node/serve.ts'
import { RULES } from '../rules/index.ts'
import { runConformance } from '../suites/runner/run.ts'
import { runInitialCycleScenario } from '../suites/runner/scenario.ts'
import { describeSizing } from '../suites/scenarios/sizing.ts'
import { inProcessTarget } from '../suites/targets/in-process.ts'
import { urlTarget } from '../suites/targets/url.ts'
import { DIALECTS } from '../reports/model.ts'

const CATALOGUE_TARGET_S = 10
const USERS = Number(process.env.BENCH_USERS ?? 10_000)
const CONCURRENCY = 8
const KEY = 'bench-conformance-key'

async function catalogue(): Promise<void> {
  const started = performance.now()
  const { report } = await runConformance({
    target: inProcessTarget(),
    rules: RULES,
    dialects: [...DIALECTS],
    seed: 1,
    runId: 'bench',
    allowWrites: true,
    maxCreates: Number.MAX_SAFE_INTEGER,
  })
  const seconds = (performance.now() - started) / 1000
  const { counts } = report.summary
  console.log(
    `full catalogue in-process: ${report.results.length} rule runs (${counts.passed} passed, ${counts.failed} failed) in ${seconds.toFixed(2)} s; ${(seconds / CATALOGUE_TARGET_S).toFixed(3)}× the ${CATALOGUE_TARGET_S} s target`,
  )
}

async function initialCycle(): Promise<void> {
  const server = await startServer(createApp({ accounts: [{ id: 'bench', scimKey: KEY }] }))
  try {
    const outcome = await runInitialCycleScenario({
      target: urlTarget({ url: `${server.url}/scim/v2/accounts/bench`, key: KEY }),
      rules: [],
      dialects: ['entra-default'],
      dialect: 'entra-default',
      users: USERS,
      seed: 1,
      runId: 'bench',
      concurrency: CONCURRENCY,
      allowWrites: true,
      maxCreates: USERS,
    })
    console.log(
      `initial cycle over HTTP, concurrency ${CONCURRENCY}: ${describeSizing(outcome.sizing).trimEnd()}`,
    )
    console.log(
      `  cleanup: ${outcome.cleanup.deleted} deleted, ${outcome.cleanup.failed.length} failed`,
    )
  } finally {
    await server.close()
  }
}

export async function run(): Promise<void> {
  await catalogue()
  await initialCycle()
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run()
}
