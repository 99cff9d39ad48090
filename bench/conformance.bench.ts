/**
 * Harness benchmark. (1) The full rule catalogue, both dialects, against the in-process mock, as
 * `npm run conformance` runs it: the run itself (`runConformance` of the built package, after a
 * warm-up run; target under 1 s), and the whole command's wall time, built (`bin/`) and from the
 * sources under tsx (`npm run conformance`), start-up and report files included. (2) An initial
 * provisioning cycle of 10,000 users against the mock over HTTP (the built mock in its own process,
 * `server-process.ts`) at concurrency 8: users/s and p50/p99 per operation, through the same code
 * path as `run --scenario initial-cycle --users N --target URL`.
 *
 * `npm run bench conformance`. `BENCH_USERS` overrides 10,000.
 *
 * @module
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type * as HarnessEntry from '../suites/harness.ts'
import { runInitialCycleScenario } from '../suites/runner/scenario.ts'
import { describeSizing } from '../suites/scenarios/sizing.ts'
import { urlTarget } from '../suites/targets/url.ts'
import { BENCH_KEY, loadAverage, median } from './load.ts'
import { startServer, stopServers } from './server-process.ts'

const CATALOGUE_TARGET_S = 1
const USERS = Number(process.env.BENCH_USERS ?? 10_000)
const CONCURRENCY = 8
const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The built package (through a variable: its types are the sources', not dist/'s). */
const HARNESS_ENTRY = ['clearid-conformance/harness'][0]!

async function catalogue(): Promise<void> {
  const { runConformance } = (await import(HARNESS_ENTRY)) as typeof HarnessEntry
  const times: number[] = []
  let ruleRuns = 0
  let failed = 0
  for (let run = 0; run < 4; run++) {
    const started = performance.now()
    const report = await runConformance({ seed: 1 })
    // The first run loads and compiles the code; the later ones are what a run costs.
    if (run > 0) times.push((performance.now() - started) / 1000)
    ruleRuns = report.results.length
    failed = report.summary.counts.failed
  }
  const seconds = median(times)
  console.log(
    `full catalogue in-process (built): ${ruleRuns} rule runs (${failed} failed) in ${seconds.toFixed(2)} s ` +
      `(runs ${times.map((t) => t.toFixed(2)).join(', ')} s) ` +
      `${seconds < CATALOGUE_TARGET_S ? `(target < ${CATALOGUE_TARGET_S} s: met)` : `(target < ${CATALOGUE_TARGET_S} s: MISSED)`}`,
  )
  for (const [label, command, args] of [
    [
      'built: node bin/clearid-conformance.mjs run',
      process.execPath,
      ['bin/clearid-conformance.mjs', 'run'],
    ],
    [
      'npm run conformance (sources under tsx)',
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'run'],
    ],
  ] as const) {
    const out = mkdtempSync(join(tmpdir(), 'cc-bench-reports-'))
    const started = performance.now()
    const result = spawnSync(command, [...args, '--out', out], { cwd: ROOT, stdio: 'ignore' })
    const seconds = (performance.now() - started) / 1000
    rmSync(out, { recursive: true, force: true })
    console.log(`  whole command, ${label}: ${seconds.toFixed(2)} s wall (exit ${result.status})`)
  }
}

async function initialCycle(): Promise<void> {
  const server = await startServer('mock-empty', 0)
  try {
    const outcome = await runInitialCycleScenario({
      target: urlTarget({ url: `${server.url}/scim/v2/accounts/bench`, key: BENCH_KEY }),
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
    await stopServers([server])
  }
}

export async function run(): Promise<void> {
  console.log(`\n## Harness ${await loadAverage()}`)
  await catalogue()
  await initialCycle()
  console.log(await loadAverage())
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run()
}
