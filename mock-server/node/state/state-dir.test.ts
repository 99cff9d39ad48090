import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, type MockApp } from '../../app.ts'
import { tempDirs } from '../../../testing/temp-dirs.ts'
import { userBody } from '../../test/scim-test-client.ts'
import { openStateDir, type StateDir, type StateDirOptions } from './state-dir.ts'
import { StateFileError } from './state-file-error.ts'

const tempDir = tempDirs('cc-state-')
const KEY = 'state-test-scim-key-0123456789'
const ADMIN = 'state-test-admin-token'
const open: StateDir[] = []
afterEach(async () => {
  for (const state of open.splice(0)) await state.close()
})

const notices: string[] = []
function stateDir(dir: string, options: StateDirOptions = {}): StateDir {
  const state = openStateDir(dir, { log: (line) => notices.push(line), ...options })
  open.push(state)
  return state
}

function app(state: StateDir): MockApp {
  return createApp({
    accounts: [{ id: 'acme', scimKey: KEY }],
    apiIntegrations: [],
    adminToken: ADMIN,
    persistence: state,
  })
}

async function close(state: StateDir) {
  open.splice(open.indexOf(state), 1)
  await state.close()
}

const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }
const admin = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }

async function createUser(target: MockApp, name: string): Promise<string> {
  const res = await target.request('/scim/v2/accounts/acme/Users', {
    method: 'POST',
    headers,
    body: JSON.stringify(userBody({ userName: `${name}@example.com` })),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

async function userNames(target: MockApp): Promise<string[]> {
  const res = await target.request('/scim/v2/accounts/acme/Users?count=1000', { headers })
  const body = (await res.json()) as { Resources: { userName: string }[] }
  return body.Resources.map((u) => u.userName).sort()
}

/** Opening must fail with a `StateFileError` whose message names `file` and says what to do. */
function refusal(dir: string): StateFileError {
  try {
    app(stateDir(dir))
  } catch (error) {
    expect(error).toBeInstanceOf(StateFileError)
    return error as StateFileError
  }
  throw new Error('the damaged state was accepted')
}

describe('a state directory', () => {
  it('keeps identities across a close and a reopen', async () => {
    const dir = await tempDir()
    const first = stateDir(dir)
    const mock = app(first)
    await createUser(mock, 'ann')
    await createUser(mock, 'bob')
    await close(first)
    expect(await userNames(app(stateDir(dir)))).toEqual(['ann@example.com', 'bob@example.com'])
  })

  it('writes snapshots as the journal grows, drops old generations, and restores from them', async () => {
    const dir = await tempDir()
    const first = stateDir(dir, { compactAfterBytes: 4096 })
    const mock = app(first)
    const names: string[] = []
    for (let i = 0; i < 60; i++) {
      names.push(`user${String(i).padStart(2, '0')}@example.com`)
      await createUser(mock, `user${String(i).padStart(2, '0')}`)
    }
    await first.compact()
    expect(first.generation).toBeGreaterThan(3)
    const files = readdirSync(dir).filter((f) => f.endsWith('.ndjson'))
    // This generation and the one before, nothing older.
    expect(files.length).toBeLessThanOrEqual(4)
    expect(files).toContain(`snapshot-${String(first.generation).padStart(6, '0')}.ndjson`)
    await close(first)
    expect(await userNames(app(stateDir(dir)))).toEqual(names)
  })

  it('cuts off a torn last line, which no answer had reported, and says so', async () => {
    const dir = await tempDir()
    const first = stateDir(dir)
    await createUser(app(first), 'ann')
    await close(first)
    const journal = join(dir, 'journal-000001.ndjson')
    const good = statSync(journal).size
    appendFileSync(journal, '1234abcd {"type":"identity","ident')
    notices.length = 0
    const again = app(stateDir(dir))
    expect(await userNames(again)).toEqual(['ann@example.com'])
    expect(statSync(journal).size).toBe(good)
    expect(notices.join('\n')).toMatch(/journal-000001\.ndjson: cut off an unfinished last line/)
  })

  it('refuses a damaged line in the middle of the journal, naming the file, the line and the way out', async () => {
    const dir = await tempDir()
    const first = stateDir(dir)
    const mock = app(first)
    await createUser(mock, 'ann')
    await createUser(mock, 'bob')
    await close(first)
    const journal = join(dir, 'journal-000001.ndjson')
    const lines = readFileSync(journal, 'utf8').split('\n')
    const target = lines.findIndex((line) => line.includes('ann@example.com'))
    lines[target] = lines[target]!.replace('ann@', 'anne@')
    writeFileSync(journal, lines.join('\n'))
    const error = refusal(dir)
    expect(error.message).toContain(journal)
    expect(error.message).toContain(`line ${target + 1}: its checksum does not match`)
    expect(error.message).toContain(`head -n ${target} ${journal}`)
    // The lock was released: following the advice, the directory opens again.
    const kept = lines.slice(0, target).join('\n')
    writeFileSync(journal, `${kept}\n`)
    expect(await userNames(app(stateDir(dir)))).toEqual([])
  })

  it('refuses a damaged snapshot, and starts from the generation before once it is moved aside', async () => {
    const dir = await tempDir()
    const first = stateDir(dir)
    const mock = app(first)
    await createUser(mock, 'ann')
    await first.compact()
    await createUser(mock, 'bob')
    await first.compact()
    await createUser(mock, 'cat')
    await close(first)
    const snapshot = join(dir, 'snapshot-000003.ndjson')
    const text = readFileSync(snapshot, 'utf8')
    writeFileSync(snapshot, text.slice(0, text.length - 30))
    const error = refusal(dir)
    expect(error.message).toContain(snapshot)
    expect(error.message).toContain(`mv ${snapshot} ${snapshot}.damaged`)
    renameSync(snapshot, `${snapshot}.damaged`)
    expect(await userNames(app(stateDir(dir)))).toEqual([
      'ann@example.com',
      'bob@example.com',
      'cat@example.com',
    ])
  })

  it('refuses a file that is not its own, and never starts empty instead', async () => {
    const dir = await tempDir()
    writeFileSync(join(dir, 'journal-000001.ndjson'), '{"hello":"world"}\n')
    expect(refusal(dir).message).toMatch(/journal-000001\.ndjson: line 1: it is not a checksum/)
  })

  it('holds no secret in plain text: SCIM keys and client secrets as digests, webhook keys sealed', async () => {
    const dir = await tempDir()
    const mock = app(stateDir(dir))
    const generated = await mock.request('/_admin/accounts/acme/scim/key', {
      method: 'POST',
      headers: admin,
    })
    const scimKey = ((await generated.json()) as { key: string }).key
    const integration = await mock.request('/_admin/accounts/acme/integrations', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'sync' }),
    })
    const { integrationId } = (await integration.json()) as { integrationId: string }
    const base = `/_admin/accounts/acme/integrations/${integrationId}`
    await mock.request(`${base}/key`, { method: 'POST', headers: admin })
    const file = (await (await mock.request(`${base}/key-file`, { headers: admin })).json()) as {
      clientSecret: string
    }
    const appKey = 'webhook-app-key-that-must-not-leak'
    const apiKey = 'x-api-key-value-that-must-not-leak'
    const webhook = await mock.request('/_admin/accounts/acme/webhooks', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name: 'hook',
        url: 'https://hooks.example.com/x',
        event: 'IdentityCreated',
        appKey,
        headers: [{ name: 'X-Api-Key', value: apiKey }],
      }),
    })
    expect(webhook.status).toBe(201)
    const state = open[0]!
    await state.compact()
    const everything = readdirSync(dir)
      .filter((f) => f !== 'state.key')
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n')
    for (const secret of [KEY, scimKey, file.clientSecret, appKey, apiKey]) {
      expect(everything).not.toContain(secret)
    }
    expect(everything).not.toContain('PRIVATE KEY')
    expect(statSync(join(dir, 'state.key')).mode & 0o077).toBe(0)
    // …and the sealed webhook secrets open again after a restart.
    await close(state)
    const again = app(stateDir(dir))
    const [kept] = again.mock.webhooks.all()
    expect(kept?.appKey).toBe(appKey)
    expect(kept?.headers).toEqual([{ name: 'X-Api-Key', value: apiKey }])
  })

  it('refuses sealed secrets that its state.key does not open', async () => {
    const dir = await tempDir()
    const mock = app(stateDir(dir))
    await mock.request('/_admin/accounts/acme/webhooks', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name: 'hook',
        url: 'https://hooks.example.com/x',
        event: 'IdentityCreated',
        appKey: 'some-app-key',
      }),
    })
    await close(open[0]!)
    writeFileSync(join(dir, 'state.key'), `${'ab'.repeat(32)}\n`)
    expect(refusal(dir).message).toMatch(/does not open with this directory's state\.key/)
  })

  it('is used by one mock at a time, and taken over from a process that is gone', async () => {
    const dir = await tempDir()
    stateDir(dir)
    expect(() => stateDir(dir)).toThrow(/in use by process \d+/)
    await close(open[0]!)
    // A LOCK left by a killed process (no process has this id).
    writeFileSync(join(dir, 'LOCK'), '2147483646\n')
    notices.length = 0
    stateDir(dir)
    expect(notices.join('\n')).toMatch(/taking over from process 2147483646/)
    await close(open[0]!)
    expect(existsSync(join(dir, 'LOCK'))).toBe(false)
  })
})
