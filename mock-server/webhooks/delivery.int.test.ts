/**
 * Webhook delivery to a real HTTPS receiver on a local port (a self-signed certificate made with
 * openssl): payloads, headers, retries, ordering, timeouts and TLS errors as a receiver sees them.
 */
import Ajv2020 from 'ajv/dist/2020.js'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  admin,
  api,
  restIdentity,
  restTestApp,
  scim,
  scimUser,
  send,
  V2,
} from '../control/rest-test-client.ts'
import { httpsFetch } from '../node/https-fetch.ts'
import { startHttpsReceiver, type HttpsReceiver } from '../node/https-receiver.ts'
import type { AppOptions } from '../options.ts'

const HOOKS = '/accounts/acme/webhooks'
const FAST_RETRY = { attempts: 3, initialDelayMs: 10, maxDelayMs: 40, timeoutMs: 2000 }

let receiver: HttpsReceiver
let app: MockApp

beforeAll(async () => {
  receiver = await startHttpsReceiver()
})
afterAll(() => receiver.close())
beforeEach(() => {
  receiver.requests.length = 0
  receiver.respond(() => ({ status: 202 }))
})
afterEach(() => app?.mock.webhooks.stop())

function mockWithReceiver(options: AppOptions = {}): MockApp {
  return restTestApp({
    webhookFetch: httpsFetch({ ca: receiver.ca }),
    webhookRetry: FAST_RETRY,
    ...options,
  })
}

async function subscribe(event: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await admin(app, 'POST', HOOKS, {
    name: event,
    url: `${receiver.url}/hooks/${event}?source=test`,
    event,
    ...extra,
  })
  expect(res.status).toBe(201)
  return res.body.webhookId as string
}

async function schemaValidator(event: string) {
  const schema = (await send(app, `/_mock/webhooks/schemas/${event}`)).body
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false })
  return ajv.compile(schema)
}

describe('webhook delivery to a real HTTPS receiver', () => {
  it('POSTs a schema-valid IdentityCreated payload with the configured headers and app key', async () => {
    app = mockWithReceiver()
    await subscribe('IdentityCreated', {
      appKey: 'app-key-123',
      headers: [
        { name: 'X-Source', value: 'ClearID mock' },
        { name: 'Origin', value: 'https://clearid.example' },
      ],
    })
    const created = await scim(
      app,
      'POST',
      '/Users',
      scimUser('hook-1', { email: 'hook@example.com' }),
    )
    await app.mock.webhooks.idle()
    expect(receiver.requests).toHaveLength(1)
    const [request] = receiver.requests
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe('/hooks/IdentityCreated?source=test')
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      authorization: 'Bearer app-key-123',
      'x-source': 'ClearID mock',
      origin: 'https://clearid.example',
    })
    const payload = JSON.parse(request?.body ?? '')
    expect(payload).toMatchObject({
      eventType: 'IdentityCreated',
      accountId: 'acme',
      data: {
        identityId: created.body.id,
        email: 'hook@example.com',
        systemData: { externalId: 'hook-1' },
        status: 'Active',
      },
    })
    const validate = await schemaValidator('IdentityCreated')
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true)
  })

  it('sends IdentityUpdated for REST and SCIM updates, including deactivation, once per change', async () => {
    app = mockWithReceiver()
    await subscribe('IdentityUpdated')
    const token = await accessToken(app)
    const { body } = await api(app, token, 'POST', V2, restIdentity('hook-2'))
    await api(app, token, 'PATCH', `${V2}/${body.identityId}`, {
      eTag: body.eTag,
      status: 'Inactive',
    })
    await scim(app, 'PATCH', `/Users/${body.identityId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    })
    await app.mock.webhooks.idle()
    const payloads = receiver.requests.map((r) => JSON.parse(r.body))
    expect(payloads.map((p) => [p.eventType, p.data.status])).toEqual([
      ['IdentityUpdated', 'Inactive'],
      ['IdentityUpdated', 'Active'],
    ])
    const validate = await schemaValidator('IdentityUpdated')
    for (const payload of payloads) expect(validate(payload)).toBe(true)
    expect(new Set(payloads.map((p) => p.eventId)).size).toBe(2)
  })

  it('retries 500 twice then 200: three attempts logged newest first with .NET status names', async () => {
    app = mockWithReceiver()
    const id = await subscribe('IdentityCreated')
    receiver.respond((_req, index) => ({ status: index < 2 ? 500 : 200 }))
    await scim(app, 'POST', '/Users', scimUser('hook-3'))
    await app.mock.webhooks.idle()
    expect(receiver.requests).toHaveLength(3)
    expect(new Set(receiver.requests.map((r) => JSON.parse(r.body).eventId)).size).toBe(1)
    const logs = await admin(app, 'GET', `${HOOKS}/${id}/logs`)
    expect(
      logs.body.entries.map((e: { response: string; attempt: number }) => [e.attempt, e.response]),
    ).toEqual([
      [3, 'OK'],
      [2, 'InternalServerError'],
      [1, 'InternalServerError'],
    ])
    expect(logs.body.entries[0]).toMatchObject({
      url: `${receiver.url}/hooks/IdentityCreated?source=test`,
      statusCode: 200,
      eventType: 'IdentityCreated',
    })
    expect(logs.body.firstCallbackUtc).toBe(logs.body.entries[2].callbackDateUtc)
  })

  it('does not retry a 400 and logs it as BadRequest', async () => {
    app = mockWithReceiver()
    const id = await subscribe('IdentityCreated')
    receiver.respond(() => ({ status: 400 }))
    await scim(app, 'POST', '/Users', scimUser('hook-4'))
    await app.mock.webhooks.idle()
    expect(receiver.requests).toHaveLength(1)
    expect(
      (await admin(app, 'GET', `${HOOKS}/${id}/logs`)).body.entries.map(
        (e: { response: string }) => e.response,
      ),
    ).toEqual(['BadRequest'])
  })

  it('delivers many rapid updates of one identity in order', async () => {
    app = mockWithReceiver()
    await subscribe('IdentityUpdated')
    // Early callbacks are slower, so only the per-identity queue keeps them in order.
    receiver.respond((_req, index) => ({ status: 200, delayMs: Math.max(0, 30 - index * 3) }))
    const token = await accessToken(app)
    let { body } = await api(app, token, 'POST', V2, restIdentity('hook-5'))
    for (let i = 0; i < 12; i++) {
      body = (
        await api(app, token, 'PATCH', `${V2}/${body.identityId}`, {
          eTag: body.eTag,
          description: `v${i}`,
        })
      ).body
    }
    await app.mock.webhooks.idle()
    expect(receiver.requests.map((r) => JSON.parse(r.body).data.description)).toEqual(
      Array.from({ length: 12 }, (_v, i) => `v${i}`),
    )
  })

  it('sends nothing for a disabled webhook or another event', async () => {
    app = mockWithReceiver()
    const id = await subscribe('IdentityCreated', { enabled: false })
    await subscribe('IdentityDeleted')
    await scim(app, 'POST', '/Users', scimUser('hook-6'))
    await app.mock.webhooks.idle()
    expect(receiver.requests).toHaveLength(0)
    expect((await admin(app, 'GET', `${HOOKS}/${id}/logs`)).body.entries).toEqual([])
  })

  it('logs ConnectionError, no status, when the receiver is slower than timeoutMs', async () => {
    app = mockWithReceiver({ webhookRetry: { ...FAST_RETRY, attempts: 1, timeoutMs: 100 } })
    const id = await subscribe('IdentityCreated')
    receiver.respond(() => ({ status: 200, delayMs: 500 }))
    await scim(app, 'POST', '/Users', scimUser('hook-8'))
    await app.mock.webhooks.idle()
    const entries = (await admin(app, 'GET', `${HOOKS}/${id}/logs`)).body.entries
    expect(entries).toEqual([
      expect.objectContaining({ response: 'ConnectionError', statusCode: null }),
    ])
  })

  it('logs ConnectionError when the certificate is not trusted (default fetch)', async () => {
    app = restTestApp({ webhookRetry: { ...FAST_RETRY, attempts: 1, timeoutMs: 500 } })
    const id = await subscribe('IdentityCreated')
    await scim(app, 'POST', '/Users', scimUser('hook-9'))
    await app.mock.webhooks.idle()
    expect(receiver.requests).toHaveLength(0)
    const entries = (await admin(app, 'GET', `${HOOKS}/${id}/logs`)).body.entries
    expect(entries).toEqual([expect.objectContaining({ response: 'ConnectionError' })])
  })
})
