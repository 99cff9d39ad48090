/**
 * `serve --state DIR` as a process of its own: everything a client was answered 201 for is there
 * after the process is killed outright (`kill -9`, no shutdown code runs) and started again, even
 * when the kill lands while creates are still in flight.
 */
import { afterEach, expect, it } from 'vitest'
import { DEV_ADMIN_TOKEN } from '../../mock-server/options.ts'
import { spawnCli, type CliProcess } from '../../testing/cli-process.ts'
import { tempDirs } from '../../testing/temp-dirs.ts'

const KEY = 'state-kill-test-key-0123456789'
const tempDir = tempDirs('cc-serve-state-')
const running: CliProcess[] = []
afterEach(() => {
  for (const child of running.splice(0)) child.dispose()
})

async function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawnCli(['serve', '--port', '0', ...args], { CLEARID_SCIM_KEY: KEY, ...env })
  running.push(child)
  await expect
    .poll(() => child.stdout() + child.stderr(), { timeout: 20_000 })
    .toMatch(/Tenant URL: (\S+)/)
  const tenant = /Tenant URL: (\S+)/.exec(child.stdout())?.[1] ?? ''
  return { child, tenant, origin: new URL(tenant).origin }
}

async function killed(child: CliProcess): Promise<void> {
  child.signalGroup('SIGKILL')
  await expect(child.exited).rejects.toThrow(/killed by SIGKILL/)
}

const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }

function createUser(tenant: string, i: number): Promise<Response> {
  return fetch(`${tenant}/Users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `user${i}@example.com`,
      displayName: `User ${i}`,
      'urn:ietf:params:scim:schemas:extension:clearid:2.0:User': {
        externalId: `ext-${i}`,
        firstName: 'User',
      },
    }),
  })
}

it('keeps every acknowledged create through kill -9 and a restart', async () => {
  const dir = await tempDir()
  const first = await serve(['--state', dir])
  const account = await fetch(`${first.origin}/_admin/accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ accountId: 'second' }),
  })
  expect(account.status).toBe(201)

  // 16 clients create users; the kill lands once 150 creates were answered, others in flight.
  const acknowledged = new Map<string, number>()
  let next = 0
  let stop = false
  const killAt = new Promise<void>((resolve) => {
    const client = async () => {
      while (!stop && next < 2000) {
        const i = next++
        try {
          const res = await createUser(first.tenant, i)
          if (res.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, i)
        } catch {
          // The connection died with the process: this create was never answered.
        }
        if (acknowledged.size >= 150) resolve()
      }
    }
    for (let c = 0; c < 16; c++) void client()
  })
  await killAt
  await killed(first.child)
  stop = true
  expect(acknowledged.size).toBeGreaterThanOrEqual(150)

  const second = await serve([], { CLEARID_STATE_DIR: dir })
  for (const [id, i] of acknowledged) {
    const res = await fetch(`${second.tenant}/Users/${id}`, { headers })
    expect(res.status, `user ${i} (${id}) was answered 201 before the kill`).toBe(200)
    expect(((await res.json()) as { userName: string }).userName).toBe(`user${i}@example.com`)
  }
  const accounts = await fetch(`${second.origin}/_admin/accounts/second`, {
    headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}` },
  })
  expect(accounts.status).toBe(200)
  expect(second.child.stdout()).toContain(`State kept in ${dir}`)
})

it('refuses to start from a damaged state directory, saying which file and what to do', async () => {
  const dir = await tempDir()
  const first = await serve(['--state', dir])
  expect((await createUser(first.tenant, 1)).status).toBe(201)
  await killed(first.child)
  const { appendFileSync } = await import('node:fs')
  // A complete line that is not the mock's: damage, not a torn write.
  appendFileSync(`${dir}/journal-000001.ndjson`, 'garbage\n{}\n')
  const child = spawnCli(['serve', '--port', '0', '--state', dir], { CLEARID_SCIM_KEY: KEY })
  running.push(child)
  expect(await child.exited).toBe(1)
  expect(child.stderr()).toMatch(/cannot start: State file .*journal-000001\.ndjson: line \d+/)
  expect(child.stderr()).toMatch(/head -n \d+/)
  expect(child.stdout()).not.toContain('listening')
})
