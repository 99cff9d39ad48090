import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import { createApp } from '../app.ts'
import {
  accessToken,
  ACME,
  admin,
  api,
  restIdentity,
  restTestApp,
  scim,
  scimUser,
  send,
  V2,
} from './rest-test-client.ts'

let app: MockApp
beforeEach(() => {
  app = restTestApp()
})

describe('control plane authentication', () => {
  it('needs the admin token: 401 with a challenge otherwise', async () => {
    const none = await send(app, '/_admin/accounts')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect(none.headers.get('content-type')).toBe('application/problem+json')
    const wrong = await api(app, 'not-the-admin-token', 'GET', '/_admin/accounts')
    expect(wrong.status).toBe(401)
    expect(wrong.text).not.toContain('test-admin-token')
    const scimKey = await api(app, ACME.scimKey, 'GET', '/_admin/accounts')
    expect(scimKey.status).toBe(401)
  })

  it('is off with adminToken: false', async () => {
    const off = restTestApp({ adminToken: false })
    expect((await api(off, 'test-admin-token', 'GET', '/_admin/accounts')).status).toBe(404)
  })

  it('uses the documented development token by default', async () => {
    const dev = createApp()
    expect((await api(dev, 'clearid-dev-admin-token', 'GET', '/_admin/accounts')).status).toBe(200)
  })
})

describe('accounts and SCIM keys', () => {
  it('creates and lists accounts', async () => {
    const created = await admin(app, 'POST', '/accounts', { accountId: 'newco' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      accountId: 'newco',
      scimKey: null,
      identities: 0,
      tenantUrl: 'http://localhost/scim/v2/accounts/newco',
    })
    const list = await admin(app, 'GET', '/accounts')
    expect(list.body.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([
      'acme',
      'other',
      'newco',
    ])
    expect(list.text).not.toContain(ACME.scimKey)
    expect((await admin(app, 'POST', '/accounts', { accountId: 'newco' })).status).toBe(409)
    expect((await admin(app, 'POST', '/accounts', { accountId: 'bad id!' })).status).toBe(400)
    expect((await admin(app, 'GET', '/accounts/nope')).status).toBe(404)
    expect((await admin(app, 'GET', '/accounts/nope/webhooks')).status).toBe(404)
  })

  it('regenerating the SCIM key returns it once and rejects the old key at once', async () => {
    expect((await scim(app, 'GET', '/Users')).status).toBe(200)
    const generated = await admin(app, 'POST', '/accounts/acme/scim/key', {
      name: 'GenetecSCIMIntegrationKey',
    })
    expect(generated.status).toBe(201)
    expect(generated.headers.get('cache-control')).toBe('no-store')
    expect(generated.body).toMatchObject({
      name: 'GenetecSCIMIntegrationKey',
      key: expect.any(String),
      tenantUrl: 'http://localhost/scim/v2/accounts/acme',
    })
    expect((await scim(app, 'GET', '/Users')).status).toBe(401)
    expect((await scim(app, 'GET', '/Users', undefined, generated.body.key)).status).toBe(200)
    const info = await admin(app, 'GET', '/accounts/acme/scim/key')
    expect(info.body).toEqual({ name: 'GenetecSCIMIntegrationKey', createdUtc: expect.any(String) })
    expect(info.text).not.toContain(generated.body.key)
  })

  it('generates a first key for a new account with a default name', async () => {
    await admin(app, 'POST', '/accounts', { accountId: 'fresh' })
    expect((await admin(app, 'GET', '/accounts/fresh/scim/key')).status).toBe(404)
    const generated = await send(app, '/_admin/accounts/fresh/scim/key', {
      method: 'POST',
      headers: { Authorization: 'Bearer test-admin-token' },
    })
    expect(generated.status).toBe(201)
    expect(generated.body.name).toBe('SCIM key')
  })
})

describe('API integrations', () => {
  it('creates an integration without a key; the key file appears only after generation', async () => {
    const created = await admin(app, 'POST', '/accounts/acme/integrations', {
      name: 'HR sync',
      description: 'Nightly',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'HR sync',
      description: 'Nightly',
      keyGeneratedUtc: null,
      keyFileAvailable: false,
    })
    expect(created.body.clientId).toBe(`${created.body.integrationId}:acme`)
    const base = `/accounts/acme/integrations/${created.body.integrationId}`
    expect((await admin(app, 'GET', `${base}/key-file`)).status).toBe(404)
    const key = await admin(app, 'POST', `${base}/key`)
    expect(key.body).toMatchObject({
      keyFileAvailable: true,
      keyFileName: 'key-acme-HR-sync.json',
      keyFileUrl: `/_admin${base}/key-file`,
    })
    const file = await admin(app, 'GET', `${base}/key-file`)
    expect(file.body.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const token = await accessToken(app, {
      ...ACME,
      clientId: created.body.clientId,
      clientSecret: file.body.clientSecret,
    })
    expect((await api(app, token, 'GET', `${V2}?externalId=x`)).status).toBe(200)
    const listed = await admin(app, 'GET', '/accounts/acme/integrations')
    expect(listed.body.integrations).toHaveLength(2)
    expect(listed.text).not.toContain(file.body.clientSecret)
    expect(listed.text).not.toContain(ACME.clientSecret)
    expect(
      (await admin(app, 'GET', '/accounts/other/integrations')).body.integrations,
    ).toHaveLength(1)
    expect((await admin(app, 'DELETE', base)).status).toBe(204)
    expect((await admin(app, 'GET', base)).status).toBe(404)
  })
})

describe('SCIM reset', () => {
  const patch = (...operations: unknown[]) => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: operations,
  })
  const EXT = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'

  it('reports Running, then Completed; there is no undo', async () => {
    let now = Date.parse('2026-05-01T08:00:00Z')
    const timed = restTestApp({ clock: () => new Date(now), scimResetDurationMs: 60_000 })
    expect((await admin(timed, 'GET', '/accounts/acme/scim/reset')).status).toBe(404)
    const started = await admin(timed, 'POST', '/accounts/acme/scim/reset')
    expect(started.status).toBe(202)
    expect(started.headers.get('location')).toBe('/_admin/accounts/acme/scim/reset')
    expect(started.body).toMatchObject({
      status: 'Running',
      startedUtc: '2026-05-01T08:00:00.000Z',
      completedUtc: null,
    })
    now += 61_000
    expect((await admin(timed, 'GET', '/accounts/acme/scim/reset')).body).toMatchObject({
      status: 'Completed',
      completedUtc: '2026-05-01T08:01:00.000Z',
    })
    expect((await admin(timed, 'DELETE', '/accounts/acme/scim/reset')).status).toBe(404)
  })

  it('the next SCIM write replaces all SCIM-managed values and clears values not sent', async () => {
    const created = await scim(
      app,
      'POST',
      '/Users',
      scimUser('reset-1', { jobTitle: 'Pilot', middleName: 'Q' }),
    )
    const token = await accessToken(app)
    const edited = await api(app, token, 'PATCH', `${V2}/${created.body.id}`, {
      eTag: created.body.meta.version,
      privateData: { zipCode: 'from-clearid' },
    })
    expect(edited.body.privateData.zipCode).toBe('from-clearid')
    await api(app, token, 'POST', V2, restIdentity('rest-made'))
    const reset = await admin(app, 'POST', '/accounts/acme/scim/reset')
    expect(reset.body).toMatchObject({
      identitiesMarked: 1,
      identitiesPending: 1,
      status: 'Completed',
    })

    // SCIM reads show the identity without its extension data (all but the sync key), so Entra's
    // diff will send every value it has; REST still shows the identity's values.
    const shown = await scim(app, 'GET', `/Users/${created.body.id}`)
    expect(shown.body[EXT]).toEqual({ externalId: 'reset-1' })
    expect(shown.body.displayName).toBe('User reset-1')
    const listed = await scim(app, 'GET', '/Users?filter=userName+eq+%22reset-1%40example.com%22')
    expect(listed.body.Resources[0][EXT]).toEqual({ externalId: 'reset-1' })
    const viaRest = await api(app, token, 'GET', `${V2}/${created.body.id}`)
    expect(viaRest.body).toMatchObject({ firstName: 'Grace', middleName: 'Q' })

    // A PATCH without extension data (a rename, a deactivation) is applied, not refused for the
    // names it does not send, and is not the replacing write: the identity stays pending.
    const renamed = await scim(
      app,
      'PATCH',
      `/Users/${created.body.id}`,
      patch({ op: 'replace', path: 'displayName', value: 'Renamed' }),
    )
    expect(renamed.status).toBe(200)
    expect(renamed.body.displayName).toBe('Renamed')
    expect(renamed.body[EXT]).toEqual({ externalId: 'reset-1' })
    expect((await admin(app, 'GET', '/accounts/acme/scim/reset')).body.identitiesPending).toBe(1)

    const sync = await scim(
      app,
      'PATCH',
      `/Users/${created.body.id}`,
      patch({
        op: 'replace',
        value: {
          [`${EXT}:firstName`]: 'Grace',
          [`${EXT}:lastName`]: 'Hopper',
          [`${EXT}:jobTitle`]: 'Admiral',
        },
      }),
    )
    expect(sync.status).toBe(200)
    expect(sync.body[EXT]).toEqual({
      externalId: 'reset-1',
      firstName: 'Grace',
      lastName: 'Hopper',
      jobTitle: 'Admiral',
    })
    expect((await admin(app, 'GET', '/accounts/acme/scim/reset')).body.identitiesPending).toBe(0)

    await api(app, token, 'PATCH', `${V2}/${created.body.id}`, {
      eTag: sync.body.meta.version,
      description: 'kept now',
    })
    const later = await scim(
      app,
      'PATCH',
      `/Users/${created.body.id}`,
      patch({ op: 'replace', path: 'active', value: false }),
    )
    expect(later.body[EXT].description).toBe('kept now')
    const restMade = (await api(app, token, 'GET', `${V2}?externalId=rest-made`)).body[0]
    expect(restMade.firstName).toBe('Ada')
  })

  it('the traffic log keeps the PATCH the client sent, not the reset rewrite', async () => {
    const created = await scim(app, 'POST', '/Users', scimUser('reset-2'))
    await admin(app, 'POST', '/accounts/acme/scim/reset')
    const body = patch({ op: 'replace', value: { [`${EXT}:firstName`]: 'Only' } })
    expect((await scim(app, 'PATCH', `/Users/${created.body.id}`, body)).status).toBe(200)
    const records = app.mock.traffic.records('acme')
    expect(records.at(-1)?.request.body).toEqual(body)
  })
})

describe('seeding identities', () => {
  it('seeds fixtures in the REST shape, all or nothing', async () => {
    const seeded = await admin(app, 'POST', '/accounts/acme/identities/seed', {
      identities: [restIdentity('s-1'), restIdentity('s-2', { status: 'Inactive' })],
    })
    expect(seeded.status).toBe(201)
    expect(seeded.body.created).toBe(2)
    expect(seeded.body.identities[1]).toMatchObject({
      status: 'Inactive',
      systemData: { externalId: 's-2' },
    })
    const invalid = await admin(app, 'POST', '/accounts/acme/identities/seed', {
      identities: [restIdentity('s-3'), restIdentity('s-4', { email: 'nope' })],
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body.detail).toMatch(/^identities\[1\]/)
    expect(Object.keys(invalid.body.errors)).toEqual(['identities[1].email'])
    const duplicate = await admin(app, 'POST', '/accounts/acme/identities/seed', {
      identities: [restIdentity('s-5'), restIdentity('s-5')],
    })
    expect(duplicate.status).toBe(409)
    const clash = await admin(app, 'POST', '/accounts/acme/identities/seed', {
      identities: [restIdentity('s-6'), restIdentity('s-1')],
    })
    expect(clash.status).toBe(409)
    expect((await admin(app, 'GET', '/accounts/acme')).body.identities).toBe(2)
  })

  it('seed bodies may carry the SCIM userName (mock-only), which Entra then matches on', async () => {
    const seeded = await admin(app, 'POST', '/accounts/acme/identities/seed', {
      identities: [
        restIdentity('s-7', { userName: 'ada@contoso.example' }),
        { displayName: 'No External Id', lastName: 'Nobody' },
        { displayName: 'No External Id Either', lastName: 'Nobody' },
      ],
    })
    expect(seeded.status).toBe(201)
    expect(seeded.body.identities[0]).not.toHaveProperty('userName')
    const found = await scim(app, 'GET', '/Users?filter=userName%20eq%20%22ada@contoso.example%22')
    expect(found.body.Resources[0].id).toBe(seeded.body.identities[0].identityId)
  })

  it('seeds from faker deterministically, valid under the shared rules, visible through SCIM', async () => {
    const first = await admin(app, 'POST', '/accounts/acme/identities/seed', {
      faker: { seed: 7, count: 20 },
    })
    expect(first.status).toBe(201)
    const other = restTestApp()
    const second = await admin(other, 'POST', '/accounts/acme/identities/seed', {
      faker: { seed: 7, count: 20 },
    })
    const pick = (res: typeof first) =>
      res.body.identities.map((i: { systemData: { externalId: string }; displayName: string }) => [
        i.systemData.externalId,
        i.displayName,
      ])
    expect(pick(second)).toEqual(pick(first))
    expect((await scim(app, 'GET', '/Users?count=0')).body.totalResults).toBe(20)
    expect(
      (await admin(app, 'POST', '/accounts/acme/identities/seed', { faker: { seed: 7, count: 1 } }))
        .status,
    ).toBe(409)
    for (const faker of [
      { seed: 1, count: 0 },
      { seed: 1, count: 10_001 },
      { seed: 'x', count: 1 },
    ]) {
      expect((await admin(app, 'POST', '/accounts/acme/identities/seed', { faker })).status).toBe(
        400,
      )
    }
    expect(
      (await admin(app, 'POST', '/accounts/acme/identities/seed', { nothing: true })).status,
    ).toBe(400)
  })

  it('answers with the count only when the seed request prefers return=minimal', async () => {
    const seeded = await send(app, '/_admin/accounts/acme/identities/seed', {
      method: 'POST',
      headers: {
        Authorization: 'Bearer test-admin-token',
        'Content-Type': 'application/json',
        Prefer: 'return=minimal',
      },
      body: JSON.stringify({ faker: { seed: 3, count: 25 } }),
    })
    expect(seeded.status).toBe(201)
    expect(seeded.body).toEqual({ created: 25 })
    expect(seeded.headers.get('preference-applied')).toBe('return=minimal')
    expect((await scim(app, 'GET', '/Users?count=0')).body.totalResults).toBe(25)
  })

  it('clears the identities of one account', async () => {
    await admin(app, 'POST', '/accounts/acme/identities/seed', { faker: { seed: 1, count: 3 } })
    await admin(app, 'POST', '/accounts/other/identities/seed', { faker: { seed: 2, count: 2 } })
    expect((await admin(app, 'DELETE', '/accounts/acme/identities')).status).toBe(204)
    expect((await admin(app, 'GET', '/accounts/acme')).body.identities).toBe(0)
    expect((await admin(app, 'GET', '/accounts/other')).body.identities).toBe(2)
  })
})

describe('request log', () => {
  it('records SCIM and REST requests of the account, newest first, without credentials', async () => {
    await scim(app, 'GET', '/Users?filter=userName%20eq%20%22x%22')
    const token = await accessToken(app)
    await api(app, token, 'GET', `${V2}?externalId=x`)
    await scim(app, 'GET', '/Users', undefined, 'wrong-key')
    await scim(app, 'GET', '/Users', undefined, 'x').then(() =>
      send(app, '/scim/v2/accounts/ghost/Users'),
    )
    const log = await admin(app, 'GET', '/accounts/acme/log')
    expect(
      log.body.entries.map((e: { surface: string; status: number }) => [e.surface, e.status]),
    ).toEqual([
      ['scim', 401],
      ['scim', 401],
      ['identityservice', 200],
      ['scim', 200],
    ])
    // Numbered per account, counting on when the log is cleared.
    expect(log.body.entries.map((e: { seq: number }) => e.seq)).toEqual([4, 3, 2, 1])
    app.mock.requestLog.clear('acme')
    await scim(app, 'GET', '/Users')
    expect((await admin(app, 'GET', '/accounts/acme/log')).body.entries[0].seq).toBe(5)
    expect(log.body.entries[3]).toMatchObject({
      method: 'GET',
      path: '/scim/v2/accounts/acme/Users',
      query: 'filter=userName%20eq%20%22x%22',
    })
    for (const secret of [token, ACME.scimKey, 'wrong-key']) expect(log.text).not.toContain(secret)
    expect((await admin(app, 'GET', '/accounts/other/log')).body.entries).toEqual([])
  })

  it('redacts access_token, token and every secret in play from queries and paths', async () => {
    const token = await accessToken(app)
    const query = `access_token=${token}&token=${ACME.scimKey}&count=2`
    await api(app, token, 'GET', `${V2}?${query}`)
    await scim(app, 'GET', `/Users/${ACME.scimKey}?${query}`)
    // A token cut in half at the log's 300 characters would no longer look like one.
    await scim(app, 'GET', `/Users?pad=${'x'.repeat(270)}&debug=${token}`)
    await scim(app, 'GET', `/Users?note=${encodeURIComponent(`secret ${ACME.clientSecret}`)}`)
    const log = await admin(app, 'GET', '/accounts/acme/log')
    for (const secret of [token, token.slice(0, 40), ACME.scimKey, ACME.clientSecret]) {
      expect(log.text).not.toContain(secret)
    }
    const [note, cut, inPath, rest] = log.body.entries
    expect(rest.query).toBe('access_token=[REDACTED]&token=[REDACTED]&count=2')
    expect(inPath).toMatchObject({ path: '/scim/v2/accounts/acme/Users/[REDACTED]' })
    expect(cut.query).toMatch(/&debug=\[REDACTED\]$/)
    expect(note.query).toBe('note=secret%20[REDACTED]')
  })

  it('logs what the client got, an injected fault too, with traffic recording off', async () => {
    const faulted = restTestApp({
      traffic: false,
      faults: [{ route: 'GET /Users', status: 503, next: 1 }],
    })
    await scim(faulted, 'GET', '/Users')
    await scim(faulted, 'GET', '/Users')
    const entries = (await admin(faulted, 'GET', '/accounts/acme/log')).body.entries
    expect(entries.map((e: { status: number }) => e.status)).toEqual([200, 503])
    expect(faulted.mock.traffic.records('acme')).toEqual([])
  })

  it('is bounded per account', async () => {
    const small = restTestApp({ requestLogLimit: 3 })
    for (let i = 0; i < 5; i++) await scim(small, 'GET', `/Users?count=${i}`)
    const entries = (await admin(small, 'GET', '/accounts/acme/log')).body.entries
    expect(entries.map((e: { query: string }) => e.query)).toEqual([
      'count=4',
      'count=3',
      'count=2',
    ])
  })
})
