/**
 * Issue benchmark for the SCIM endpoint. Starts the mock with 100,000 seeded identities (as
 * `npm start` serves it, and once more with traffic recording off, to show what recording costs)
 * and a bare Hono route in separate processes (same node adapter), loads them with autocannon in
 * alternating rounds, and prints requests/s, p99 and server CPU per request with the ratios to the
 * bare route. Then times the filter lookup in-process at 1,000 and at 100,000 identities.
 *
 * Targets: filter GET ≥ 0.6× the bare route; lookup at 100,000 within 1.3× of that at 1,000.
 *
 * @module
 */
import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createApp } from '../mock-server/app.ts'
import { searchUsers } from '../mock-server/scim/search-users.ts'
import { MemoryIdentityStore } from '../mock-server/store/memory-store.ts'
import { benchExternalId, seedIdentities } from './seed-identities.ts'

const SEEDED = 100_000
const KEY = 'bench-key'
export const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const serverScript = fileURLToPath(new URL('./scim-server.ts', import.meta.url))

export type ServerKind = 'mock' | 'mock-unrecorded' | 'mock-kept' | 'mock-kept-write' | 'bare'

export async function startProcess(
  kind: ServerKind,
  seeded = SEEDED,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript, kind, String(seeded)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let buffered = ''
  for await (const chunk of child.stdout!) {
    buffered += String(chunk)
    const match = /READY (\S+)/.exec(buffered)
    if (match?.[1]) return { url: match[1], child }
  }
  throw new Error(`${kind} benchmark server exited before it was ready`)
}

export const ROUNDS = 5

/**
 * Requests in flight. The bench prints each server's CPU use, so a reader can see whether a server
 * was saturated or waited on the load generator (the bare route always does: the load generator,
 * on the other core, is the limit there).
 */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)

export interface LoadResult {
  readonly rps: number
  readonly p99: number
  readonly errors: number
  /** Server process CPU time (user + system) per answered request, µs; NaN where unreadable. */
  readonly cpuPerRequest: number
  /** Server process CPU use during the load, in cores. */
  readonly busy: number
}

/** CPU seconds (user + system) a process has used so far: Linux `/proc/<pid>/stat`. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return NaN
  }
}
const CLOCK_TICKS = 100

export async function load(options: autocannon.Options, server: ChildProcess): Promise<LoadResult> {
  const cpuBefore = cpuSeconds(server.pid)
  const started = performance.now()
  const result = await autocannon({
    connections: CONNECTIONS,
    pipelining: 1,
    duration: DURATION,
    ...options,
  })
  const cpu = cpuSeconds(server.pid) - cpuBefore
  const seconds = (performance.now() - started) / 1000
  const non2xx = result.non2xx + result.errors + result.timeouts
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: non2xx,
    cpuPerRequest: (cpu / Math.max(1, result.requests.total)) * 1e6,
    busy: cpu / seconds,
  }
}

/** Rounds of equal length: mean rate, worst p99, all errors, mean CPU figures. */
export function combined(rounds: readonly LoadResult[]): LoadResult {
  const mean = (pick: (round: LoadResult) => number) =>
    rounds.reduce((sum, round) => sum + pick(round), 0) / rounds.length
  return {
    rps: mean((round) => round.rps),
    p99: Math.max(...rounds.map((round) => round.p99)),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    cpuPerRequest: mean((round) => round.cpuPerRequest),
    busy: mean((round) => round.busy),
  }
}

let created = 0
function postBody(): string {
  created++
  const id = `load-${process.pid}-${created}`
  return JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `${id}@bench.example.com`,
    displayName: `Load ${created}`,
    'urn:ietf:params:scim:schemas:extension:clearid:2.0:User': {
      externalId: id,
      firstName: 'Load',
      email: `${id}@bench.example.com`,
    },
  })
}

const HEADERS = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }

/** `GET …/Users?filter=externalId eq "…"` for a random one of the seeded identities. */
export function filterRequests(usersUrl: string, seeded = SEEDED): autocannon.Options {
  const path = new URL(usersUrl).pathname
  return {
    url: usersUrl,
    headers: HEADERS,
    requests: [
      {
        setupRequest: (request) => {
          const filter = `externalId eq "${benchExternalId(Math.floor(Math.random() * seeded))}"`
          return { ...request, path: `${path}?filter=${encodeURIComponent(filter)}` }
        },
      },
    ],
  }
}

/** `POST …/Users`, a new user each time. */
export function postRequests(usersUrl: string): autocannon.Options {
  return {
    url: usersUrl,
    method: 'POST',
    headers: HEADERS,
    requests: [{ setupRequest: (request) => ({ ...request, method: 'POST', body: postBody() }) }],
  }
}

async function httpBench(): Promise<void> {
  const bare = await startProcess('bare')
  const mock = await startProcess('mock')
  const unrecorded = await startProcess('mock-unrecorded')
  try {
    // Both servers get identical requests from the same generator code, so client-side cost
    // (autocannon builds every request) is the same on both sides of the ratio.
    const lookups = (origin: string) => filterRequests(`${origin}/scim/v2/accounts/bench/Users`)
    // The machine's speed drifts (shared cores): both sides are warmed up, then measured in
    // alternating rounds so that drift hits the baseline and the mock alike.
    await load({ ...lookups(bare.url), duration: 1 }, bare.child)
    await load({ ...lookups(mock.url), duration: 1 }, mock.child)
    await load({ ...lookups(unrecorded.url), duration: 1 }, unrecorded.child)
    const bareRounds: LoadResult[] = []
    const filterRounds: LoadResult[] = []
    const unrecordedRounds: LoadResult[] = []
    const round = (server: { url: string; child: ChildProcess }) =>
      load({ ...lookups(server.url), duration: DURATION / ROUNDS }, server.child)
    for (let i = 0; i < ROUNDS; i++) {
      bareRounds.push(await round(bare))
      filterRounds.push(await round(mock))
      unrecordedRounds.push(await round(unrecorded))
    }
    const bareResult = combined(bareRounds)
    const filterResult = combined(filterRounds)
    // The ratio of each round with the baseline round next to it; the median resists drift.
    const ratioTo = (rounds: LoadResult[]) =>
      median(rounds.map((result, i) => result.rps / bareRounds[i]!.rps))
    const filterRatio = ratioTo(filterRounds)
    const postResult = await load(
      postRequests(`${mock.url}/scim/v2/accounts/bench/Users`),
      mock.child,
    )
    report('bare Hono route (baseline)', bareResult, bareResult, 1)
    report('GET /Users?filter=externalId eq', filterResult, bareResult, filterRatio, 0.6)
    report(
      '  the same, traffic recording off',
      combined(unrecordedRounds),
      bareResult,
      ratioTo(unrecordedRounds),
    )
    report('POST /Users', postResult, bareResult, postResult.rps / bareResult.rps)
  } finally {
    for (const child of [bare.child, mock.child, unrecorded.child]) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  }
}

export function report(
  label: string,
  result: LoadResult,
  baseline: LoadResult,
  ratio: number,
  target?: number,
): void {
  const verdict =
    target === undefined
      ? ''
      : ratio >= target
        ? `  (target ≥ ${target}: met)`
        : `  (target ≥ ${target}: MISSED)`
  console.log(
    `${label.padEnd(34)} ${result.rps.toFixed(0).padStart(7)} req/s  p99 ${String(result.p99).padStart(4)} ms  ratio ${ratio.toFixed(2)}×  non-2xx ${result.errors}${verdict}`,
  )
  console.log(
    `${''.padEnd(34)} server CPU ${result.busy.toFixed(2)} cores, ${result.cpuPerRequest.toFixed(1)} µs per request (baseline ${baseline.cpuPerRequest.toFixed(1)} µs: ${(baseline.cpuPerRequest / result.cpuPerRequest).toFixed(2)}×)`,
  )
}

interface LookupSubject {
  /** One in-process `GET /Users?filter=externalId eq "…"`, as a client of `app.request` sees it. */
  readonly request: (i: number) => Promise<void>
  /** The lookup alone (parse, index, page), without HTTP: shows the memory-hierarchy cost. */
  readonly search: (i: number) => void
}

function lookupSubject(size: number): LookupSubject {
  const store = new MemoryIdentityStore()
  seedIdentities(store, 'bench', size)
  const app = createApp({ store, accounts: [{ id: 'bench', scimKey: KEY }] })
  const headers = { Authorization: `Bearer ${KEY}` }
  const filterOf = (i: number) => `externalId eq "${benchExternalId((i * 7919) % size)}"`
  return {
    request: async (i) => {
      const path = `/scim/v2/accounts/bench/Users?filter=${encodeURIComponent(filterOf(i))}`
      const res = await app.request(path, { headers })
      const body = (await res.json()) as { totalResults: number }
      if (body.totalResults !== 1)
        throw new Error(`lookup ${filterOf(i)} found ${body.totalResults}`)
    },
    search: (i) => {
      const query = {
        filter: filterOf(i),
        startIndex: 1,
        count: 100,
        attributes: [],
        excludedAttributes: [],
      }
      const page = searchUsers(app.mock, 'bench', query, 'http://bench')
      if (page.totalResults !== 1)
        throw new Error(`lookup ${filterOf(i)} found ${page.totalResults}`)
    },
  }
}

export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1]!

/**
 * Median µs per call over batches that alternate between the two sizes, so noise hits both, and the
 * median ratio of each large batch to the small batch before it.
 */
async function interleaved(
  small: (i: number) => unknown,
  large: (i: number) => unknown,
  rounds: number,
): Promise<[number, number, number]> {
  const times: [number[], number[]] = [[], []]
  for (let batch = 0; batch < 15; batch++) {
    for (const [index, subject] of [small, large].entries()) {
      const started = performance.now()
      for (let r = 0; r < rounds; r++) await subject(r + batch * rounds)
      times[index]!.push(((performance.now() - started) / rounds) * 1000)
    }
  }
  const ratios = times[1].map((large, i) => large / times[0][i]!)
  return [median(times[0]), median(times[1]), median(ratios)]
}

/** `ratio`: the median of the batch pairs' ratios, which resists the machine's drift. */
function line(
  label: string,
  [small, large, ratio]: [number, number, number],
  target?: number,
): void {
  const verdict =
    target === undefined ? '' : `  (target ≤ ${target}: ${ratio <= target ? 'met' : 'MISSED'})`
  console.log(
    `${label.padEnd(34)} 1,000: ${small.toFixed(2).padStart(6)} µs  100,000: ${large.toFixed(2).padStart(6)} µs  ratio ${ratio.toFixed(2)}×${verdict}`,
  )
}

export async function lookupBench(): Promise<void> {
  const small = lookupSubject(1_000)
  const large = lookupSubject(SEEDED)
  line(
    'filter lookup (in-process GET)',
    await interleaved(small.request, large.request, 1_000),
    1.3,
  )
  line('  of which search alone', await interleaved(small.search, large.search, 5_000))
}

export async function run(): Promise<void> {
  console.log(
    `\n## SCIM endpoint (${SEEDED.toLocaleString('en')} seeded identities, ${DURATION} s per load, ${CONNECTIONS} connections)`,
  )
  const built = process.env.BENCH_FROM_SOURCE === '1' ? 'the TypeScript sources under tsx' : 'dist/'
  console.log(`Mock server processes run ${built}.`)
  await httpBench()
  await lookupBench()
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
