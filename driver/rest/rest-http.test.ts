/**
 * The REST client's safety kit, against the mock in-process: nothing that writes leaves the
 * harness without `allowWrites`, no untagged identity is created, the creation cap is the run's
 * (shared with SCIM), the control plane is off limits beyond what the run made, and no credential
 * survives in a recorded exchange even when the server echoes it.
 */
import { generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../mock-server/app.ts'
import { newTransportStats } from '../http/transport.ts'
import { CreateCapError, HarnessStop, WritesRefusedError } from '../http/errors.ts'
import { restEndpointsOf } from './rest-endpoints.ts'
import { RestHttpClient, type RestHttpOptions } from './rest-http.ts'
import { cleanupRest } from '../../suites/runner/rest-cleanup.ts'

const ORIGIN = 'http://clearid.test'
const CLIENT_ID = '33333333-3333-4333-8333-333333333333:demo'
const SECRET = `rest-http-test-secret-${crypto.randomUUID()}`
const ADMIN = `rest-http-test-admin-${crypto.randomUUID()}`
const KEYS = await generateKeyPair('RS512')

function setup(
  options: Partial<RestHttpOptions> = {},
  tamper?: (response: Response) => Promise<Response>,
) {
  const app = createApp({
    accounts: [{ id: 'demo', scimKey: 'rest-http-test-scim-key' }],
    apiIntegrations: [{ accountId: 'demo', clientId: CLIENT_ID, clientSecret: SECRET }],
    adminToken: ADMIN,
    allowedHosts: ['clearid.test'],
    tokenSigningKeys: KEYS,
  })
  const sent: string[] = []
  const client = new RestHttpClient(
    {
      endpoints: restEndpointsOf(ORIGIN, 'demo'),
      credentials: { clientId: CLIENT_ID, clientSecret: SECRET },
      control: { origin: ORIGIN, adminToken: ADMIN },
      runTag: 'cc-t1-',
      fetch: async (request) => {
        sent.push(`${request.method} ${new URL(request.url).pathname}`)
        const response = await app.fetch(request)
        return tamper ? tamper(response) : response
      },
      ...options,
    },
    { stats: newTransportStats(), budget: { attempted: 0 } },
  )
  return { app, client, sent }
}

const identity = (externalId: string) => ({
  displayName: 'Ada Lovelace',
  firstName: 'Ada',
  lastName: 'Lovelace',
  systemData: { externalId },
})

const create = (client: RestHttpClient, body: unknown) =>
  client.send({ service: 'identity', method: 'POST', path: client.identitiesPath(), body })

describe('RestHttpClient', () => {
  it('sends no write without allowWrites; token requests, reads and searches still go', async () => {
    const { client, sent } = setup({ allowWrites: false })
    await expect(create(client, identity('cc-t1-1'))).rejects.toBeInstanceOf(WritesRefusedError)
    const path = client.identitiesPath('v2', '/x')
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      await expect(client.send({ service: 'identity', method, path, body: {} })).rejects.toThrow(
        WritesRefusedError,
      )
    await expect(
      client.send({
        service: 'control',
        method: 'POST',
        path: '/accounts/demo/webhooks',
        body: {},
      }),
    ).rejects.toThrow(WritesRefusedError)
    const search = await client.send({
      service: 'search',
      method: 'POST',
      path: client.identitiesPath('v1'),
      body: { take: 0 },
    })
    expect(search.status).toBe(200)
    expect(sent).toEqual([
      'POST /sts/connect/token',
      'POST /searchservice/api/v1/accounts/demo/identities',
    ])
  })

  it('refuses to create an identity without the run tag, before sending it', async () => {
    const { client, sent } = setup()
    await expect(create(client, identity('someone-else'))).rejects.toBeInstanceOf(HarnessStop)
    expect(sent.filter((line) => line.includes('/identities'))).toEqual([])
  })

  it('counts creations against the cap the whole run shares', async () => {
    const { client } = setup({ maxCreates: 1 })
    expect((await create(client, identity('cc-t1-a'))).status).toBe(201)
    await expect(create(client, identity('cc-t1-b'))).rejects.toBeInstanceOf(CreateCapError)
  })

  it('keeps the control plane to what the run made: no reset or re-key of the main account', async () => {
    const { client, sent } = setup()
    for (const path of ['/accounts/demo/scim/reset', '/accounts/demo/scim/key'])
      await expect(client.send({ service: 'control', method: 'POST', path })).rejects.toThrow(
        /only webhooks and API integrations/,
      )
    expect(sent).toEqual([])
  })

  it('records what it created and cleanup deletes it, whatever the rules did', async () => {
    const { app, client } = setup()
    const first = await create(client, identity('cc-t1-c1'))
    await create(client, identity('cc-t1-c2'))
    const id = (first.body as { identityId: string }).identityId
    await client.send({
      service: 'identity',
      method: 'DELETE',
      path: client.identitiesPath('v2', `/${id}`),
    })
    const outcome = await cleanupRest(client)
    expect(outcome).toMatchObject({ created: 2, deletedByRules: 1, deleted: 1, failed: [] })
    expect(app.mock.store.count('demo', false)).toBe(0)
  })

  it('keeps the client secret, the tokens and the admin token out of every exchange, even echoed', async () => {
    // A server of its own, not the mock: nothing but the client may have registered the secrets.
    const secret = `rest-http-echo-secret-${crypto.randomUUID()}`
    const admin = `rest-http-echo-admin-${crypto.randomUUID()}`
    const token = `eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJlY2hvIn0.${crypto.randomUUID()}`
    const client = new RestHttpClient(
      {
        endpoints: restEndpointsOf(ORIGIN, 'demo'),
        credentials: { clientId: CLIENT_ID, clientSecret: secret },
        control: { origin: ORIGIN, adminToken: admin },
        runTag: 'cc-t1-',
        fetch: async (request) => {
          if (new URL(request.url).pathname === '/sts/connect/token')
            return Response.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 })
          const echo = `client_secret=${secret} admin=${admin} ${request.headers.get('authorization')} ${encodeURIComponent(secret)}`
          return Response.json({ detail: echo }, { status: 400, headers: { 'x-echo': echo } })
        },
      },
      { stats: newTransportStats(), budget: { attempted: 0 } },
    )
    const answers = [
      await client.send({ service: 'identity', method: 'GET', path: client.identitiesPath() }),
      await client.send({ service: 'control', method: 'GET', path: '/accounts' }),
    ]
    for (const answer of answers) {
      expect(answer.text).toContain(secret)
      const recorded = JSON.stringify(answer.exchange)
      for (const value of [secret, admin, token, encodeURIComponent(secret)])
        expect(recorded).not.toContain(value)
      expect(recorded).toContain('[REDACTED]')
    }
  })
})
