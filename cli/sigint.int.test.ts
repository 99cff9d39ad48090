/**
 * Ctrl-C against a real process: the CLI cleans up what it created, then exits 130.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { createApp, type MockApp } from '../mock-server/app.ts'
import { startServer } from '../mock-server/node/serve.ts'

const BIN = fileURLToPath(new URL('../bin/clearid-conformance.mjs', import.meta.url))
const KEY = 'sigint-test-key-0123456789'

/** Resolves when the mock holds `count` live identities: its change events say when, no polling. */
function liveIdentities(app: MockApp, count: number): Promise<void> {
  let live = 0
  return new Promise((resolve) => {
    const unsubscribe = app.mock.events.subscribe((event) => {
      if (event.type === 'IdentityCreated') live++
      if (event.type === 'IdentityDeleted') live--
      if (live < count) return
      unsubscribe()
      resolve()
    })
  })
}

it('cleans up and exits 130 on SIGINT', async () => {
  const app = createApp({ accounts: [{ id: 'acme', scimKey: KEY }] })
  const server = await startServer(app)
  const out = await mkdtemp(join(tmpdir(), 'cc-sigint-'))
  const base = `${server.url}/scim/v2/accounts/acme`
  const live = async () => {
    const res = await fetch(`${base}/Users?count=0`, {
      headers: { Authorization: `Bearer ${KEY}` },
    })
    return ((await res.json()) as { totalResults: number }).totalResults
  }
  try {
    const child = spawn(
      process.execPath,
      [BIN, 'run', '--target', base, '--allow-writes', '--concurrency', '1', '--out', out],
      {
        env: { ...process.env, CLEARID_SCIM_KEY: KEY, CI: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = once(child, 'exit')
    await Promise.race([
      liveIdentities(app, 3),
      exited.then(() => {
        throw new Error(`the run ended before it held 3 identities:\n${stderr}`)
      }),
    ])
    child.kill('SIGINT')
    const [code] = (await exited) as [number | null]
    expect(code, stderr).toBe(130)
    expect(stderr).toContain('Interrupted')
    expect(await live()).toBe(0)
  } finally {
    await server.close()
    await rm(out, { recursive: true, force: true })
  }
}, 60_000)
