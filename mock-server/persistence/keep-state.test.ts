import { importPKCS8, SignJWT } from 'jose'
import { CSV_FIXTURE_CONFIG } from '../../fixtures/csv-files.ts'
import { rows, text } from '../../csv/test/check-files.ts'
import { describe, expect, it } from 'vitest'
import { createApp, type MockApp } from '../app.ts'
import {
  ACME,
  accessToken,
  ADMIN,
  api,
  FORM,
  restTestApp,
  scim,
  scimUser,
  send,
} from '../control/rest-test-client.ts'
import type { AppOptions } from '../options.ts'
import type { WebhookFetch } from '../webhooks/webhook-options.ts'
import { graphSyncOf } from '../graph-sync/graph-sync-state.ts'
import {
  configure,
  devTenant,
  graphSyncTestApp,
  SYNC,
  synchronize,
  TENANT_ADMIN,
} from '../test/graph-sync-test-client.ts'
import type { StatePersistence } from './state-persistence.ts'
import type { StateRecord } from './state-record.ts'

/**
 * Kept state in memory: records go through JSON, as they do on disk, and `settled` can be held
 * open to show that answers wait for it.
 */
class MemoryPersistence implements StatePersistence {
  readonly journal: string[] = []
  snapshotOf: (() => StateRecord[]) | undefined
  #pending: { promise: Promise<void>; release: () => void } | undefined
  holding = false

  constructor(readonly kept: readonly string[] = []) {}

  restore(apply: (record: StateRecord) => void): void {
    for (const line of this.kept) apply(JSON.parse(line) as StateRecord)
  }

  append(record: StateRecord): void {
    this.journal.push(JSON.stringify(record))
    if (this.holding && !this.#pending) {
      let release = () => undefined as void
      const promise = new Promise<void>((resolve) => (release = resolve))
      this.#pending = { promise, release }
    }
  }

  settled(): Promise<void> | undefined {
    return this.#pending?.promise
  }

  release(): void {
    this.#pending?.release()
    this.#pending = undefined
  }

  attach(state: () => StateRecord[]): void {
    this.snapshotOf = state
  }

  /** What a restart sees: the records kept so far. */
  restarted(): MemoryPersistence {
    return new MemoryPersistence([...this.kept, ...this.journal])
  }

  /** What a restart after a snapshot sees. */
  compacted(): MemoryPersistence {
    return new MemoryPersistence((this.snapshotOf?.() ?? []).map((r) => JSON.stringify(r)))
  }
}

const admin = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }
const scimHeaders = (key: string) => ({
  Authorization: `Bearer ${key}`,
  'Content-Type': 'application/scim+json',
})

const user = (name: string) => JSON.stringify(scimUser(name))

function appWith(persistence: StatePersistence, options: AppOptions = {}): MockApp {
  return restTestApp({ persistence, ...options })
}

/** A good share of the kept state, made through the API as a client would. */
async function populate(app: MockApp) {
  const created = await send(app, '/_admin/accounts', {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ accountId: 'beta' }),
  })
  expect(created.status).toBe(201)
  const key = await send(app, '/_admin/accounts/beta/scim/key', { method: 'POST', headers: admin })
  const scimKey = key.body.key as string
  const ids: string[] = []
  for (const name of ['ann', 'bob', 'cat']) {
    const res = await send(app, '/scim/v2/accounts/beta/Users', {
      method: 'POST',
      headers: scimHeaders(scimKey),
      body: user(name),
    })
    expect(res.status).toBe(201)
    ids.push(res.body.id as string)
  }
  await send(app, `/scim/v2/accounts/beta/Users/${ids[1]}`, {
    method: 'PATCH',
    headers: scimHeaders(scimKey),
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Robert' }],
    }),
  })
  expect(
    (
      await send(app, `/scim/v2/accounts/beta/Users/${ids[2]}`, {
        method: 'DELETE',
        headers: scimHeaders(scimKey),
      })
    ).status,
  ).toBe(204)
  const integration = await send(app, '/_admin/accounts/beta/integrations', {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ name: 'HR sync' }),
  })
  const integrationPath = `/_admin/accounts/beta/integrations/${integration.body.integrationId}`
  await send(app, `${integrationPath}/key`, { method: 'POST', headers: admin })
  const keyFile = await send(app, `${integrationPath}/key-file`, { headers: admin })
  expect(keyFile.status).toBe(200)
  const webhook = await send(app, '/_admin/accounts/beta/webhooks', {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({
      name: 'created',
      url: 'https://hooks.example.com/created',
      event: 'IdentityCreated',
      appKey: 'webhook-app-key-1234',
    }),
  })
  expect(webhook.status).toBe(201)
  const faults = await send(app, '/_admin/accounts/beta/faults', {
    method: 'POST',
    headers: admin,
    body: JSON.stringify([{ route: 'GET /Groups', status: 503, next: 3 }, { status: 500 }]),
  })
  expect(faults.status).toBe(201)
  // One use of the first fault, and the second removed.
  await send(app, '/scim/v2/accounts/beta/Groups', { headers: scimHeaders(scimKey) })
  await send(app, `/_admin/accounts/beta/faults/${faults.body.faults[1].id}`, {
    method: 'DELETE',
    headers: admin,
  })
  return { scimKey, ids, keyFile: keyFile.body, integrationPath }
}

/** What a client can see of the state, to compare before and after a restart. */
async function observed(app: MockApp, scimKey: string) {
  const get = async (path: string, headers: Record<string, string> = admin) =>
    (await send(app, path, { headers })).body as unknown
  return {
    accounts: await get('/_admin/accounts'),
    users: await get('/scim/v2/accounts/beta/Users', scimHeaders(scimKey)),
    integrations: await get('/_admin/accounts/beta/integrations'),
    webhooks: await get('/_admin/accounts/beta/webhooks'),
    faults: await get('/_admin/accounts/beta/faults'),
  }
}

const ROLES = '/roleservice/api/v3/accounts/acme'

/** Teams and memberships in acme, changed every way the role service and a reset can. */
async function populateTeams(app: MockApp) {
  const token = await accessToken(app)
  const ids: string[] = []
  for (const name of ['tia', 'tom', 'tim']) {
    const res = await scim(app, 'POST', '/Users', scimUser(name))
    expect(res.status, res.text).toBe(201)
    ids.push(res.body.id as string)
  }
  const team = async (name: string) => {
    const res = await api(app, token, 'POST', `${ROLES}/teams`, { name, description: name })
    expect(res.status, res.text).toBe(201)
    return res.body.teamId as string
  }
  const [guards, cleaners, gone] = [
    await team('Guards'),
    await team('Cleaners'),
    await team('Gone'),
  ]
  const members = (teamId: string, identityIds: string[], sourceId = 'TeamService') =>
    api(app, token, 'POST', `${ROLES}/teams/${teamId}/members`, { identityIds, sourceId })
  expect((await members(guards!, ids)).status).toBe(204)
  expect((await members(guards!, [ids[0]!], 'graph')).status).toBe(204)
  expect((await members(cleaners!, [ids[1]!, ids[2]!])).status).toBe(204)
  expect((await members(gone!, [ids[0]!])).status).toBe(204)
  const removal = await api(app, token, 'DELETE', `${ROLES}/teams/${guards}/members`, {
    teamMembers: [{ identityId: ids[1], sourceId: 'TeamService' }],
  })
  expect(removal.status).toBe(204)
  expect((await api(app, token, 'DELETE', `${ROLES}/teams/${gone}`)).status).toBe(204)
  // A deleted identity leaves its teams.
  expect((await scim(app, 'DELETE', `/Users/${ids[2]}`)).status).toBe(204)
  return { token, ids, teams: [guards!, cleaners!, gone!] }
}

async function observedTeams(app: MockApp, token: string, ids: string[], teams: string[]) {
  const get = async (path: string) => (await api(app, token, 'GET', `${ROLES}${path}`)).body
  return {
    teams: await get('/teams'),
    members: await Promise.all(teams.slice(0, 2).map((id) => get(`/teams/${id}/members`))),
    ofIdentities: await Promise.all(ids.slice(0, 2).map((id) => get(`/identities/${id}/teams`))),
  }
}

describe('kept state', () => {
  it('gives a restarted app the same Graph configurations, secret, progress and credentials', async () => {
    const first = new MemoryPersistence()
    const { app } = graphSyncTestApp({ persistence: first })
    // The development app's secret: the fake tenant lets it in.
    const secret = 'clearid-dev-graph-secret'
    const id = await configure(app, (json) => {
      ;(json.connection as Record<string, unknown>).clientSecret = secret
    })
    const run = await synchronize(app, id)
    expect(run.body.status, run.text).toBe('completed')
    const view = async (from: MockApp) => {
      const {
        runs: _runs,
        lastRun: _lastRun,
        ...configuration
      } = (await send(from, `/_admin${SYNC}/configurations/${id}`, { headers: admin }))
        .body as Record<string, unknown>
      const credentials = (await send(from, `/_admin${SYNC}/credentials`, { headers: admin })).body
      return { configuration, credentials }
    }
    // A change in the tenant starts an automatic run; what it leaves (a new delta link) is kept.
    const tenant = await devTenant(app)
    const group = tenant.groups.sorted().find((g) => g.props.displayName === 'All Company')
    const someone = tenant.transitiveMembersOf(group!.id)[3]!.object.id
    const patched = await send(app, `/_admin${TENANT_ADMIN}/users/${someone}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ jobTitle: 'Night Shift Supervisor' }),
    })
    expect(patched.status).toBe(200)
    await graphSyncOf(app.mock).idle()
    const kept = first.journal
      .map((line) => JSON.parse(line) as { type: string; progress?: { deltaLink?: string } })
      .filter((record) => record.type === 'graph-configuration')
      .at(-1)
    const now = graphSyncOf(app.mock).configurations.get('acme', id).progress.deltaLink
    expect(kept?.progress?.deltaLink).toBe(now)
    const before = await view(app)
    expect(before.configuration).toMatchObject({ clientSecretSet: true, deltaLinkKept: true })
    for (const restart of [first.restarted(), first.compacted()]) {
      const again = graphSyncTestApp({ persistence: restart }).app
      expect(await view(again)).toEqual(before)
      // The next automatic run reads the changes since the kept delta link: none.
      const next = await synchronize(again, id, 'automatic')
      expect(next.body).toMatchObject({ status: 'completed', read: 'delta' })
      expect(next.body.counts).toMatchObject({ created: 0, updated: 0 })
    }
  })

  it('gives a restarted app the same Cloud CSV configurations, credentials and removal baseline', async () => {
    const first = new MemoryPersistence()
    const app = appWith(first)
    const csv = '/_admin/accounts/acme/csv'
    const config = { ...CSV_FIXTURE_CONFIG, options: { removedIdentities: 'deactivate' } }
    const created = await send(app, `${csv}/configurations`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(config),
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as string
    const upload = (to: MockApp, content: string) =>
      send(to, `${csv}/configurations/${id}/uploads?fileName=hr.csv`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'text/csv' },
        body: content,
      })
    const made = await upload(app, text(rows(4)))
    expect(made.body.counts).toMatchObject({ created: 4, credentialsCreated: 4 })
    // Upload runs and logs are history, not kept: the count of uploads starts again.
    const view = async (from: MockApp) => ({
      configurations: (
        (await send(from, `${csv}/configurations`, { headers: admin })).body.configurations as {
          uploads: number
        }[]
      ).map(({ uploads: _uploads, ...rest }) => rest),
      credentials: (await send(from, `${csv}/credentials`, { headers: admin })).body,
    })
    const before = await view(app)
    expect(before.credentials.credentials).toHaveLength(4)
    for (const restart of [first.restarted(), first.compacted()]) {
      const again = appWith(restart)
      expect(await view(again)).toEqual(before)
      // The next upload finds what the last one made: the row left out is deactivated, the others
      // and their cards are unchanged.
      const next = await upload(again, text(rows(3)))
      expect(next.body.counts).toMatchObject({
        unchanged: 3,
        deactivated: 1,
        credentialsCreated: 0,
      })
    }
  })

  it('gives a restarted app the same teams and memberships, after removals, deletions and a reset', async () => {
    const first = new MemoryPersistence()
    const app = appWith(first)
    const { token, ids, teams } = await populateTeams(app)
    const before = await observedTeams(app, token, ids, teams)
    expect(before.teams.teams).toHaveLength(2)
    expect(before.members[0].teamMembers).toHaveLength(2)
    expect(before.members[1].teamMembers).toHaveLength(1)
    for (const restart of [first.restarted(), first.compacted()]) {
      const again = appWith(restart)
      expect(await observedTeams(again, await accessToken(again), ids, teams)).toEqual(before)
    }
    // The account's reset clears every membership; the teams stay, also after a restart.
    const reset = await send(app, '/_admin/accounts/acme/identities', {
      method: 'DELETE',
      headers: admin,
    })
    expect(reset.status, reset.text).toBeLessThan(300)
    const again = appWith(first.restarted())
    const after = await observedTeams(again, await accessToken(again), [], teams)
    expect(after.teams.teams).toHaveLength(2)
    expect(after.members.map((m) => m.teamMembers)).toEqual([[], []])
    // Not only hidden (their identities are gone): the memberships themselves went.
    expect(teams.map((id) => again.mock.teams.membersOf('acme', id))).toEqual([[], [], []])
  })

  it('gives a restarted app the same accounts, keys, identities, integrations, webhooks and faults', async () => {
    const first = new MemoryPersistence()
    const app = appWith(first)
    const { scimKey } = await populate(app)
    const before = await observed(app, scimKey)

    for (const restart of [first.restarted(), first.compacted()]) {
      const again = appWith(restart)
      const after = await observed(again, scimKey)
      // The key file went out once, before the restart: not available again either way.
      expect(after).toEqual(before)
      expect(restart.journal).toEqual([])
    }
  })

  it('keeps digests of SCIM keys and client secrets, never the secrets or the private key', async () => {
    const kept = new MemoryPersistence()
    const app = appWith(kept)
    const { scimKey, keyFile } = await populate(app)
    const text = kept.journal.join('\n')
    expect(text).not.toContain(scimKey)
    expect(text).not.toContain(ACME.clientSecret)
    expect(text).not.toContain(keyFile.clientSecret)
    expect(text).not.toContain('PRIVATE KEY')
    expect(text).toContain('"digest"')
  })

  it('lets the kept keys in after a restart, and only them', async () => {
    const kept = new MemoryPersistence()
    const { scimKey, keyFile } = await populate(appWith(kept))
    const again = appWith(kept.restarted())
    const users = (key: string) =>
      send(again, '/scim/v2/accounts/beta/Users', { headers: scimHeaders(key) })
    expect((await users(scimKey)).status).toBe(200)
    expect((await users(`${scimKey}x`)).status).toBe(401)
    // The client secret and the private key of the key file still work.
    const secretGrant = await send(again, '/sts/connect/token', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: keyFile.clientId,
        client_secret: keyFile.clientSecret,
      }).toString(),
    })
    expect(secretGrant.status).toBe(200)
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS512', kid: keyFile.keyId, typ: 'JWT' })
      .setIssuer(keyFile.clientId)
      .setSubject(keyFile.clientId)
      .setAudience(keyFile.audience)
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importPKCS8(keyFile.privateKeyPem, 'RS512'))
    const assertionGrant = await send(again, '/sts/connect/token', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString(),
    })
    expect(assertionGrant.status).toBe(200)
  })

  it('takes a kept account as kept: a start-up seed does not replace its SCIM key', async () => {
    const kept = new MemoryPersistence()
    const app = appWith(kept)
    const regenerated = await send(app, `/_admin/accounts/${ACME.accountId}/scim/key`, {
      method: 'POST',
      headers: admin,
    })
    const again = appWith(kept.restarted())
    const users = (key: string) =>
      send(again, '/scim/v2/accounts/acme/Users', { headers: scimHeaders(key) })
    expect((await users(regenerated.body.key as string)).status).toBe(200)
    expect((await users(ACME.scimKey)).status).toBe(401)
  })

  it('never hands out an ordinal twice, not even after a clear and a restart', async () => {
    const kept = new MemoryPersistence()
    const app = appWith(kept)
    const post = (target: MockApp, name: string) =>
      send(target, '/scim/v2/accounts/acme/Users', {
        method: 'POST',
        headers: scimHeaders(ACME.scimKey),
        body: user(name),
      })
    await post(app, 'one')
    await post(app, 'two')
    await send(app, '/_admin/accounts/acme/identities', { method: 'DELETE', headers: admin })
    for (const restart of [kept.restarted(), kept.compacted()]) {
      const again = appWith(restart)
      const created = await post(again, 'three')
      const stored = again.mock.store.get('acme', created.body.id as string)
      expect(stored?.ordinal).toBe(3)
    }
  })

  it('holds an answer until the change it reports is durable', async () => {
    const kept = new MemoryPersistence()
    kept.holding = true
    const app = appWith(kept)
    let answered = false
    const answer = Promise.resolve(
      app.request('/scim/v2/accounts/acme/Users', {
        method: 'POST',
        headers: scimHeaders(ACME.scimKey),
        body: user('held'),
      }),
    ).then((res) => {
      answered = true
      return res
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(answered).toBe(false)
    kept.release()
    expect((await answer).status).toBe(201)
  })

  it('answers 503 with the reason when the change cannot be kept', async () => {
    const failing: StatePersistence = {
      restore: () => undefined,
      append: () => undefined,
      settled: () =>
        Promise.reject(new Error('The state directory could not be written (ENOSPC).')),
      attach: () => undefined,
    }
    const app = createApp({ persistence: failing })
    const res = await send(app, '/_admin/accounts', {
      headers: { Authorization: 'Bearer clearid-dev-admin-token' },
    })
    expect(res.status).toBe(503)
    expect(res.body.detail).toContain('ENOSPC')
  })

  it('fires no webhook and publishes nothing when it restores', async () => {
    const kept = new MemoryPersistence()
    const delivered: string[] = []
    const webhookFetch: WebhookFetch = async (url) => {
      delivered.push(String(url))
      return new Response(null, { status: 200 })
    }
    const app = appWith(kept, { webhookFetch })
    const { scimKey } = await populate(app)
    // A create after the webhook exists: its record follows the webhook's in the journal.
    const created = await send(app, '/scim/v2/accounts/beta/Users', {
      method: 'POST',
      headers: scimHeaders(scimKey),
      body: user('dan'),
    })
    expect(created.status).toBe(201)
    await app.mock.webhooks.drain()
    expect(delivered).toEqual(['https://hooks.example.com/created'])
    const again = appWith(kept.restarted(), { webhookFetch })
    await again.mock.webhooks.drain()
    expect(delivered).toHaveLength(1)
  })
})
