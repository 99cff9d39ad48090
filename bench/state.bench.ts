/**
 * What keeping the state costs (`CLEARID_STATE_DIR`): the mock with 100,000 seeded identities in
 * memory only, and the same restarted from a state directory with durability `fsync` (the default:
 * each answer waits for its change to be on disk, one `fdatasync` shared by the answers ready
 * meanwhile) and `write` (each answer waits until its change is in the kernel: survives `kill -9`,
 * not a power cut). The three get `POST /Users`, then the filter GET, at the same rate at the same
 * time (`load.ts`); a ratio is the median over the rounds of each round's ratio to the in-memory
 * mock. Each kept process also prints how long its restore took.
 *
 * @module
 */
import { combined, loadAverage, pairedRatio, round, WORKLOADS, type RoundResult } from './load.ts'
import { startServer, stopServers, type BenchServer, type ServerKind } from './server-process.ts'

const SEEDED = 100_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const RATE = Number(process.env.BENCH_RATE ?? 1500)
const KINDS: readonly ServerKind[] = ['mock', 'mock-kept', 'mock-kept-write']
const LABELS: Readonly<Record<string, string>> = {
  mock: 'in memory (baseline)',
  'mock-kept': 'kept, durability fsync',
  'mock-kept-write': 'kept, durability write',
}

async function measure(
  servers: readonly BenchServer[],
  workload: 'post' | 'filter-externalId',
  rate: number,
): Promise<void> {
  await round(servers, workload, rate, 4)
  const rounds: RoundResult[][] = servers.map(() => [])
  for (let r = 0; r < ROUNDS; r++) {
    const results = await round(servers, workload, rate, SECONDS)
    results.forEach((result, i) => rounds[i]!.push(result))
  }
  console.log(
    `\n${WORKLOADS[workload]}, ${rate} requests/s to each server, ${ROUNDS} rounds of ${SECONDS} s`,
  )
  for (const [i, server] of servers.entries()) {
    const result = combined(rounds[i]!)
    const ratio = pairedRatio(rounds[i]!, rounds[0]!)
    console.log(
      `  ${LABELS[server.kind]!.padEnd(24)} ${result.cpuPerRequest.toFixed(1).padStart(6)} µs CPU/request (${ratio.toFixed(2)}×)  ` +
        `${result.rps.toFixed(0).padStart(5)} req/s (lowest share answered ${result.achieved.toFixed(2)})  p99 ${result.p99} ms  failures ${result.failures}`,
    )
  }
}

export async function run(): Promise<void> {
  console.log(
    `\n## Kept state (${SEEDED.toLocaleString('en')} seeded identities) ${await loadAverage()}`,
  )
  const servers = await Promise.all(KINDS.map((kind) => startServer(kind, SEEDED)))
  try {
    await measure(servers, 'post', Math.round(RATE / 3))
    await measure(servers, 'filter-externalId', RATE)
    console.log(await loadAverage())
  } finally {
    await stopServers(servers)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
