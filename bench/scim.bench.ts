/**
 * The SCIM endpoint against a bare Hono route: server CPU per request at equal offered load
 * (`load.ts` says how and why), for Entra's per-user look-ups by `externalId` and by `userName`, a
 * create with Entra's default-dialect body, and a one-Replace PATCH. Three server processes, built
 * code (`npm run bench` builds first): the bare route (GET answers a fixed JSON body; POST and
 * PATCH parse the JSON body and answer 201 and 200), the mock as `npm start` serves it (traffic
 * recording on) and the same with recording off, both with a million seeded identities
 * (`BENCH_IDENTITIES`).
 *
 * Targets: look-ups at most 1.25× the bare route's CPU per request (capacity at least 0.8× its);
 * writes at least 0.5× its capacity; recording at most 10 % of the mock's capacity.
 *
 * `BENCH_SECONDS` (per round, default 4), `BENCH_ROUNDS` (default 8), `BENCH_RATE` (requests/s per
 * server for the look-ups, default 1500; writes get a third of it).
 *
 * @module
 */
import {
  combined,
  loadAverage,
  pairedRatio,
  round,
  WORKLOADS,
  type RoundResult,
  type Workload,
} from './load.ts'
import { startServer, stopServers, type BenchServer } from './server-process.ts'

const IDENTITIES = Number(process.env.BENCH_IDENTITIES ?? 1_000_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8)
const RATE = Number(process.env.BENCH_RATE ?? 1500)
const WARM_UP_SECONDS = 6
/** A round whose server answered less of the offered load than this is flagged. */
const MIN_ACHIEVED = 0.95

interface Target {
  /** What the mock's capacity must be at least, as a share of the bare route's. */
  readonly capacity: number
}

const TARGETS: Readonly<Record<Workload, Target>> = {
  'filter-externalId': { capacity: 0.8 },
  'filter-userName': { capacity: 0.8 },
  post: { capacity: 0.5 },
  patch: { capacity: 0.5 },
}
const RECORDING_TARGET = 0.1

/** Rounds of `workload` on all servers at once; results per server, in order. */
async function measure(
  servers: readonly BenchServer[],
  workload: Workload,
  rate: number,
): Promise<RoundResult[][]> {
  await round(servers, workload, rate, WARM_UP_SECONDS)
  const rounds: RoundResult[][] = servers.map(() => [])
  for (let r = 0; r < ROUNDS; r++) {
    const results = await round(servers, workload, rate, SECONDS)
    results.forEach((result, i) => rounds[i]!.push(result))
  }
  return rounds
}

function line(label: string, result: RoundResult): string {
  const missed =
    result.achieved < MIN_ACHIEVED
      ? ` (a round got only ${(result.achieved * 100).toFixed(1)} % of its load)`
      : ''
  return (
    `  ${label.padEnd(24)} ${result.cpuPerRequest.toFixed(1).padStart(6)} µs CPU/request  ` +
    `${result.rps.toFixed(0).padStart(5)} req/s  ${result.busy.toFixed(2)} cores  ` +
    `p99 ${String(result.p99).padStart(3)} ms  failures ${result.failures}${missed}`
  )
}

function verdict(value: number, target: number, atLeast: boolean): string {
  const met = atLeast ? value >= target : value <= target
  return `(target ${atLeast ? '≥' : '≤'} ${target}: ${met ? 'met' : 'MISSED'})`
}

function report(workload: Workload, rate: number, [bare, mock, unrecorded]: RoundResult[][]): void {
  console.log(
    `\n${WORKLOADS[workload]}, ${rate} requests/s to each server, ${ROUNDS} rounds of ${SECONDS} s`,
  )
  console.log(line('bare Hono route', combined(bare!)))
  console.log(line('mock', combined(mock!)))
  console.log(line('mock, recording off', combined(unrecorded!)))
  const cpu = pairedRatio(mock!, bare!)
  const capacity = 1 / cpu
  const target = TARGETS[workload].capacity
  console.log(
    `  mock CPU/request ${cpu.toFixed(2)}× the bare route's: capacity ${capacity.toFixed(2)}× ${verdict(capacity, target, true)}`,
  )
  const perRound = mock!.map((r, i) => (r.cpuPerRequest / bare![i]!.cpuPerRequest).toFixed(2))
  console.log(`  per round: ${perRound.join(' ')}`)
  const recording = 1 - pairedRatio(unrecorded!, mock!)
  console.log(
    `  recording costs ${(recording * 100).toFixed(1)} % of the mock's capacity ${verdict(recording, RECORDING_TARGET, false)}`,
  )
}

export async function run(): Promise<void> {
  console.log(
    `\n## SCIM endpoint: CPU per request at equal offered load (${IDENTITIES.toLocaleString('en')} identities)`,
  )
  const built = process.env.BENCH_FROM_SOURCE === '1' ? 'the TypeScript sources under tsx' : 'dist/'
  console.log(`Mock server processes run ${built}. ${await loadAverage()}`)
  const servers = await Promise.all([
    startServer('bare', 0),
    startServer('mock', IDENTITIES),
    startServer('mock-unrecorded', IDENTITIES),
  ])
  try {
    for (const workload of Object.keys(WORKLOADS) as Workload[]) {
      const rate = workload.startsWith('filter') ? RATE : Math.round(RATE / 3)
      report(workload, rate, await measure(servers, workload, rate))
      console.log(`  ${await loadAverage()}`)
    }
  } finally {
    await stopServers(servers)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
