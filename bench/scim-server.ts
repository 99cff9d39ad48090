/**
 * A benchmark server process: `mock` (the mock with N seeded identities, default options, served
 * as `npm start` serves it), `mock-unrecorded` (the same with traffic recording off), `mock-kept`
 * and `mock-kept-write` (the same keeping its state in a directory, durability `fsync` or `write`:
 * restarted from a snapshot of the seeded identities, as a kept mock starts), or `bare` (a Hono
 * route returning a fixed JSON body), all on the same node adapter. Prints `READY <url>`.
 *
 * @module
 */
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

export const BENCH_KEY = 'bench-key'
const [kind = 'mock', countText = '100000'] = process.argv.slice(2)

function bareApp(): Hono {
  const app = new Hono()
  const body = JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 0,
    Resources: [],
  })
  // Any GET path: the load generator sends the bare route exactly the requests the mock gets.
  app.get('*', (c) => c.body(body, 200, { 'Content-Type': 'application/scim+json' }))
  return app
}

function mockApp() {
  const store = new MemoryIdentityStore()
  seedIdentities(store, 'bench', Number(countText))
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

if (kind === 'bare') {
  const app = bareApp()
  const server = serve(
    { fetch: app.fetch, port: 0, hostname: '127.0.0.1' },
    (info: AddressInfo) => {
      process.stdout.write(`READY http://127.0.0.1:${info.port}\n`)
    },
  )
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
} else {
  const kept = kind.startsWith('mock-kept') ? await keptApp() : undefined
  const running = await startServer(kept?.app ?? mockApp(), 0, '127.0.0.1')
  process.stdout.write(`READY ${running.url}\n`)
  process.on('SIGTERM', () => {
    void running
      .close()
      .then(() => kept?.cleanup())
      .then(() => process.exit(0))
  })
}
