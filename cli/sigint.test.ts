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
import { createApp } from '../mock-server/app.ts'
import { startServer } from '../mock-server/node/serve.ts'

const BIN = fileURLToPath(new URL('../bin/clearid-conformance.mjs', import.meta.url))
const KEY = 'sigint-test-key-0123456789'

it('cleans up and exits 130 on SIGINT', async () => {
  const server = await startServer(createApp({ accounts: [{ id: 'acme', scimKey: KEY }] }))
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
    const deadline = Date.now() + 20_000
    while ((await live()) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(await live()).toBeGreaterThanOrEqual(3)
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
