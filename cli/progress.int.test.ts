/**
 * Progress of a long run in a log (not a terminal): plain lines with counts, rate and ETA on
 * stderr, the cleanup announced, and stdout left to the report (`--out -`).
 */
import { afterEach, expect, it } from 'vitest'
import { createApp } from '../mock-server/app.ts'
import { startServer } from '../mock-server/node/serve.ts'
import { spawnCli, type CliProcess } from '../testing/cli-process.ts'

const KEY = 'progress-test-key-0123456789'
const disposers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose()
})

it('prints progress lines and announces cleanup when the scenario lasts, off a terminal', async () => {
  // 100 ms a create, one at a time: 55 users take over 5.5 s, past the 5 s between progress lines.
  const app = createApp({
    accounts: [{ id: 'acme', scimKey: KEY }],
    faults: [{ route: 'POST /Users', latency: 100 }],
  })
  const server = await startServer(app)
  disposers.push(() => server.close())
  const base = `${server.url}/scim/v2/accounts/acme`
  const args = ['run', '--scenario', 'initial-cycle', '--users', '55', '--concurrency', '1']
  const child: CliProcess = spawnCli(
    [...args, '--target', base, '--allow-writes', '--out', '-', '--format', 'json'],
    { CLEARID_SCIM_KEY: KEY, CI: '1' },
  )
  disposers.push(() => child.dispose())
  expect(await child.exited, child.stderr()).toBe(0)
  const stderr = child.stderr()
  expect(stderr).toMatch(/^initial cycle: \d+\/55 users \(\d+%\), [\d.]+\/s, ETA \d+s$/m)
  expect(stderr).toMatch(/^initial cycle: 55\/55 users in [\d.]+s \([\d.]+\/s\)$/m)
  expect(stderr).toContain('Cleanup: deleting the 55 identities this run created…\n')
  expect(stderr).not.toContain('\r')
  expect(stderr).not.toContain('\u001b')
  // stdout is the report and nothing else.
  expect(JSON.parse(child.stdout())).toMatchObject({ summary: { verdict: 'pass' } })
}, 30_000)
