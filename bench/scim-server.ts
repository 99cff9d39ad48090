/**
 * A benchmark server process, started by `server-process.ts`: `bare` (a Hono route returning a fixed
 * JSON body for GET, and parsing the JSON body of a POST or PATCH before answering 201 or 200),
 * `mock` (the mock with N seeded identities and default options, served as `npm start` serves it),
 * `mock-unrecorded` (the same with traffic recording off), `mock-empty` (no identities, to be
 * seeded through the control plane), `mock-kept` and `mock-kept-write` (keeping their state in a
 * directory, durability `fsync` or `write`: restarted from a snapshot of the seeded identities, as a
 * kept mock starts). All on the same Node adapter. Prints `READY <url>`; answers `stats` messages on
 * its IPC channel with its CPU time and memory (and collects garbage first when asked).
 *
 * @module
 */
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type * as MockEntry from '../mock-server/index.ts'
import type * as NodeEntry from '../mock-server/node/index.ts'
import { seedIdentities } from './seed-identities.ts'

/**
 * The mock as users run it: the built package (dist/, through the package's own exports), unless
 * BENCH_FROM_SOURCE=1 asks for the TypeScript sources under tsx, to compare the two.
 */
const fromSource = process.env.BENCH_FROM_SOURCE === '1'
const entries = fromSource
  ? ['../mock-server/index.ts', '../mock-server/node/index.ts']
  : ['clearid-conformance', 'clearid-conformance/node']
const { createApp, MemoryIdentityStore } = (await import(entries[0] as string)) as typeof MockEntry
const { startServer, openStateDir } = (await import(entries[1] as string)) as typeof NodeEntry

const BENCH_KEY = 'bench-key'
const [kind = 'mock', countText = '100000'] = process.argv.slice(2)

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

function bareApp(): Hono {
  const app = new Hono()
  const body = JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 0,
    Resources: [],
  })
  // A new header record per answer: the Node adapter adds Content-Length to the one it is given.
  const headers = () => ({ 'Content-Type': 'application/scim+json' })
  // Any path: the load generator sends the bare route exactly the requests the mock gets.
  app.get('*', (c) => c.body(body, 200, headers()))
  app.post('*', async (c) => c.body(JSON.stringify(await c.req.json()), 201, headers()))
  app.patch('*', async (c) => c.body(JSON.stringify(await c.req.json()), 200, headers()))
  return app
}

function mockApp() {
  const store = new MemoryIdentityStore()
  if (kind !== 'mock-empty') seedIdentities(store, 'bench', Number(countText))
  return createApp({
    store,
    accounts: [{ id: 'bench', scimKey: BENCH_KEY }],
    ...(kind === 'mock-unrecorded' && { traffic: false }),
  })
}

/**
 * The mock as it runs with a state directory after a restart: the seeded identities go into a
 * snapshot first, then a second app restores from it (timed) and serves.
 */
async function keptApp() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-state-'))
  const durability = kind === 'mock-kept-write' ? 'write' : 'fsync'
  const accounts = [{ id: 'bench', scimKey: BENCH_KEY }]
  const seeding = openStateDir(dir, { durability })
  const store = new MemoryIdentityStore()
  seedIdentities(store, 'bench', Number(countText))
  createApp({ store, accounts, persistence: seeding })
  await seeding.compact()
  await seeding.close()
  const started = performance.now()
  const state = openStateDir(dir, { durability })
  const app = createApp({ accounts, persistence: state })
  process.stderr.write(
    `[bench] ${kind}: restored ${countText} identities in ${(performance.now() - started).toFixed(0)} ms\n`,
  )
  const cleanup = async () => {
    await state.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return { app, cleanup }
}

/** What the bench asks over IPC: CPU time and memory so far, after collecting garbage if asked. */
export interface ServerStats {
  /** CPU time (user + system) since the process started, µs. */
  readonly cpuMicros: number
  readonly rss: number
  readonly heapUsed: number
}

process.on('message', (message: { stats?: { gc?: boolean } }) => {
  if (!message.stats) return
  if (message.stats.gc) collectGarbage()
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  const stats: ServerStats = {
    cpuMicros: cpu.user + cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
  }
  process.send?.(stats)
})

let close: () => Promise<void>
if (kind === 'bare') {
  const server = serve({ fetch: bareApp().fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  close = () => new Promise((done) => server.close(() => done()))
  collectGarbage()
  process.stdout.write(`READY http://127.0.0.1:${port}\n`)
} else {
  const kept = kind.startsWith('mock-kept') ? await keptApp() : undefined
  const running = await startServer(kept?.app ?? mockApp(), 0, '127.0.0.1')
  close = async () => {
    await running.close()
    await kept?.cleanup()
  }
  // The seeding's garbage is not the requests' to pay for.
  collectGarbage()
  process.stdout.write(`READY ${running.url}\n`)
}
process.on('SIGTERM', () => {
  void close().then(() => process.exit(0))
})
