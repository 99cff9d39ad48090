/**
 * The mock at a million identities.
 *
 * 1. Look-up cost from 1,000 to 1,000,000 identities: two mock processes, one with each, get the
 *    same `externalId eq` look-ups at the same rate at the same time (`load.ts`); the ratio of their
 *    CPU per request, per round, median over the rounds. Then the same in-process, through
 *    `app.request`, in alternating batches.
 * 2. Seeding a million through the control plane: an empty mock (built code, own process) gets
 *    `POST /_admin/accounts/bench/identities/seed` with `{"faker": {"seed": n, "count": 10000}}` and
 *    `Prefer: return=minimal`, 100 times, one after another, over HTTP; the time from the first
 *    request to the last answer.
 * 3. Memory: that process's RSS and JS heap after collecting garbage, before and after, per identity.
 *
 * Targets: look-up at a million within 1.3× of that at a thousand; seeding under a minute; a million
 * identities in under 2 GB RSS.
 *
 * @module
 */
import type * as MockEntry from '../mock-server/index.ts'
import { DEV_ADMIN_TOKEN } from '../mock-server/options.ts'
import { combined, loadAverage, median, pairedRatio, round, type RoundResult } from './load.ts'
import { benchExternalId, seedIdentities } from './seed-identities.ts'
import { startServer, statsOf, stopServers } from './server-process.ts'

const SMALL = 1_000
const LARGE = Number(process.env.BENCH_IDENTITIES ?? 1_000_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8)
const RATE = Number(process.env.BENCH_RATE ?? 1500)
const SEED_BATCH = 10_000
/** The built package (through a variable: its types are the sources', not dist/'s). */
const BUILT_ENTRY = ['clearid-conformance'][0]!

async function lookupOverHttp(): Promise<void> {
  const servers = await Promise.all([startServer('mock', SMALL), startServer('mock', LARGE)])
  try {
    await round(servers, 'filter-externalId', RATE, 6)
    const rounds: RoundResult[][] = [[], []]
    for (let r = 0; r < ROUNDS; r++) {
      const results = await round(servers, 'filter-externalId', RATE, SECONDS)
      results.forEach((result, i) => rounds[i]!.push(result))
    }
    const [small, large] = rounds.map(combined)
    const ratio = pairedRatio(rounds[1]!, rounds[0]!)
    console.log(
      `look-up over HTTP, ${RATE} requests/s each, ${ROUNDS} rounds of ${SECONDS} s: ` +
        `${small!.cpuPerRequest.toFixed(1)} µs CPU/request at ${SMALL.toLocaleString('en')}, ` +
        `${large!.cpuPerRequest.toFixed(1)} µs at ${LARGE.toLocaleString('en')}: ` +
        `${ratio.toFixed(2)}× ${ratio <= 1.3 ? '(target ≤ 1.3: met)' : '(target ≤ 1.3: MISSED)'}`,
    )
    const failures = small!.failures + large!.failures
    const achieved = Math.min(small!.achieved, large!.achieved)
    console.log(
      `  failures ${failures}, lowest share of the offered load answered ${achieved.toFixed(3)}`,
    )
  } finally {
    await stopServers(servers)
  }
}

/**
 * One in-process `GET /Users?filter=externalId eq "…"` against an app with `size` identities: the
 * built package, as the server processes run it.
 */
async function lookup(size: number): Promise<(i: number) => Promise<void>> {
  const { createApp, MemoryIdentityStore } = (await import(BUILT_ENTRY)) as typeof MockEntry
  const store = new MemoryIdentityStore()
  seedIdentities(store, 'bench', size)
  const app = createApp({ store, accounts: [{ id: 'bench', scimKey: 'bench-key' }] })
  const headers = { Authorization: 'Bearer bench-key' }
  return async (i) => {
    const filter = `externalId eq "${benchExternalId((i * 7919) % size)}"`
    const res = await app.request(
      `/scim/v2/accounts/bench/Users?filter=${encodeURIComponent(filter)}`,
      {
        headers,
      },
    )
    const body = (await res.json()) as { totalResults: number }
    if (body.totalResults !== 1) throw new Error(`${filter} found ${body.totalResults}`)
  }
}

async function lookupInProcess(): Promise<void> {
  const subjects = [await lookup(SMALL), await lookup(LARGE)]
  const times: [number[], number[]] = [[], []]
  const batch = 2_000
  for (let b = 0; b < 16; b++) {
    for (const [index, subject] of subjects.entries()) {
      const started = performance.now()
      for (let i = 0; i < batch; i++) await subject(i + b * batch)
      // The first two batches warm up.
      if (b >= 2) times[index]!.push(((performance.now() - started) / batch) * 1000)
    }
  }
  const ratio = median(times[1].map((large, i) => large / times[0][i]!))
  console.log(
    `look-up in-process (app.request): ${median(times[0]).toFixed(1)} µs at ${SMALL.toLocaleString('en')}, ` +
      `${median(times[1]).toFixed(1)} µs at ${LARGE.toLocaleString('en')}: ${ratio.toFixed(2)}× ` +
      `${ratio <= 1.3 ? '(target ≤ 1.3: met)' : '(target ≤ 1.3: MISSED)'}`,
  )
}

async function seedingAndMemory(): Promise<void> {
  const server = await startServer('mock-empty', 0)
  try {
    const before = await statsOf(server, true)
    const headers = {
      Authorization: `Bearer ${DEV_ADMIN_TOKEN}`,
      'Content-Type': 'application/json',
      Prefer: 'return=minimal',
    }
    const started = performance.now()
    let created = 0
    for (let seed = 1; created < LARGE; seed++) {
      const count = Math.min(SEED_BATCH, LARGE - created)
      const res = await fetch(`${server.url}/_admin/accounts/bench/identities/seed`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ faker: { seed, count } }),
      })
      const body = (await res.json()) as { created?: number }
      if (res.status !== 201 || body.created !== count) {
        throw new Error(
          `seed ${seed} answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`,
        )
      }
      created += count
    }
    const seconds = (performance.now() - started) / 1000
    const seeded = await statsOf(server)
    const after = await statsOf(server, true)
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`
    console.log(
      `seeding ${LARGE.toLocaleString('en')} through the control plane (faker, ${SEED_BATCH.toLocaleString('en')} a request, Prefer: return=minimal): ` +
        `${seconds.toFixed(1)} s, ${((seconds / LARGE) * 1e6).toFixed(1)} µs an identity ` +
        `${seconds < 60 ? '(target < 60 s: met)' : '(target < 60 s: MISSED)'}`,
    )
    console.log(
      `memory: RSS ${mb(before.rss)} empty, ${mb(seeded.rss)} right after seeding, ${mb(after.rss)} after collecting garbage ` +
        `${after.rss < 2 * 2 ** 30 ? '(target < 2 GiB: met)' : '(target < 2 GiB: MISSED)'}; ` +
        `${((after.rss - before.rss) / LARGE).toFixed(0)} bytes of RSS and ${((after.heapUsed - before.heapUsed) / LARGE).toFixed(0)} of JS heap an identity`,
    )
  } finally {
    await stopServers([server])
  }
}

export async function run(): Promise<void> {
  console.log(`\n## Scale (${LARGE.toLocaleString('en')} identities) ${await loadAverage()}`)
  await lookupOverHttp()
  await lookupInProcess()
  await seedingAndMemory()
  console.log(await loadAverage())
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
