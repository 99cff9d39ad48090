/**
 * Issue benchmark for the SCIM endpoint. Starts the mock with 100,000 seeded identities and a bare
 * Hono route in separate processes (same node adapter), loads both with autocannon, and prints
 * requests/s and p99 with the ratio to the bare route. Then times the filter lookup in-process at
 * 1,000 and at 100,000 identities.
 *
 * Targets: filter GET ≥ 0.6× the bare route; lookup at 100,000 within 1.3× of that at 1,000.
 *
 * @module
 */
import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { createApp } from '../mock-server/app.ts'
import { MemoryIdentityStore } from '../mock-server/store/memory-store.ts'
import { benchExternalId, seedIdentities } from './seed-identities.ts'

const SEEDED = 100_000
const KEY = 'bench-key'
const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const serverScript = fileURLToPath(new URL('./scim-server.ts', import.meta.url))

async function startProcess(kind: 'mock' | 'bare'): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript, kind, String(SEEDED)], {
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

interface LoadResult {
  readonly rps: number
  readonly p99: number
  readonly errors: number
}

async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({
    connections: 32,
    pipelining: 1,
    duration: DURATION,
    ...options,
  })
  const non2xx = result.non2xx + result.errors + result.timeouts
  return { rps: result.requests.average, p99: result.latency.p99, errors: non2xx }
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

async function httpBench(): Promise<void> {
  const bare = await startProcess('bare')
  const mock = await startProcess('mock')
  try {
    const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }
    const base = `${mock.url}/scim/v2/accounts/bench/Users`
    const bareResult = await load({ url: `${bare.url}/bare` })
    const filterResult = await load({
      url: base,
      headers,
      requests: [
        {
          setupRequest: (request) => {
            const i = Math.floor(Math.random() * SEEDED)
            const filter = `externalId eq "${benchExternalId(i)}"`
            return {
              ...request,
              path: `${new URL(base).pathname}?filter=${encodeURIComponent(filter)}`,
            }
          },
        },
      ],
    })
    const postResult = await load({
      url: base,
      method: 'POST',
      headers,
      requests: [{ setupRequest: (request) => ({ ...request, method: 'POST', body: postBody() }) }],
    })
    report('bare Hono route (baseline)', bareResult, bareResult)
    report('GET /Users?filter=externalId eq', filterResult, bareResult, 0.6)
    report('POST /Users', postResult, bareResult)
  } finally {
    for (const child of [bare.child, mock.child]) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  }
}

function report(label: string, result: LoadResult, baseline: LoadResult, target?: number): void {
  const ratio = result.rps / baseline.rps
  const verdict =
    target === undefined
      ? ''
      : ratio >= target
        ? `  (target ≥ ${target}: met)`
        : `  (target ≥ ${target}: MISSED)`
  console.log(
    `${label.padEnd(34)} ${result.rps.toFixed(0).padStart(7)} req/s  p99 ${String(result.p99).padStart(4)} ms  ratio ${ratio.toFixed(2)}×  non-2xx ${result.errors}${verdict}`,
  )
}

/** Mean time of one in-process filter lookup against a store of `size` identities. */
async function lookupTime(size: number, rounds: number): Promise<number> {
  const store = new MemoryIdentityStore()
  seedIdentities(store, 'bench', size)
  const app = createApp({ store, accounts: [{ id: 'bench', scimKey: KEY }] })
  await app.ready
  const headers = { Authorization: `Bearer ${KEY}` }
  const run = async (count: number) => {
    const started = performance.now()
    for (let r = 0; r < count; r++) {
      const filter = encodeURIComponent(`externalId eq "${benchExternalId((r * 7919) % size)}"`)
      const res = await app.request(`/scim/v2/accounts/bench/Users?filter=${filter}`, { headers })
      await res.arrayBuffer()
    }
    return (performance.now() - started) / count
  }
  await run(Math.min(rounds, 2000)) // warm-up
  return run(rounds)
}

async function lookupBench(): Promise<void> {
  const rounds = 20_000
  const small = await lookupTime(1_000, rounds)
  const large = await lookupTime(SEEDED, rounds)
  const ratio = large / small
  console.log(`filter lookup at   1,000 identities: ${(small * 1000).toFixed(1)} µs`)
  console.log(`filter lookup at 100,000 identities: ${(large * 1000).toFixed(1)} µs`)
  console.log(
    `ratio 100k/1k: ${ratio.toFixed(2)}×  (target ≤ 1.3: ${ratio <= 1.3 ? 'met' : 'MISSED'})`,
  )
}

export async function run(): Promise<void> {
  console.log(
    `\n## SCIM endpoint (${SEEDED.toLocaleString('en')} seeded identities, ${DURATION} s per load)`,
  )
  await httpBench()
  await lookupBench()
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
