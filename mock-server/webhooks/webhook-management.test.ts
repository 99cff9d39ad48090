import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import { admin, restTestApp, send } from '../control/rest-test-client.ts'

let app: MockApp
beforeEach(() => {
  app = restTestApp()
})

const HOOKS = '/accounts/acme/webhooks'
const valid = (extra: Record<string, unknown> = {}) => ({
  name: 'Identity updates',
  url: 'https://my-api.com:8080/identity-updated-endpoint?my-query-param=123',
  event: 'IdentityUpdated',
  ...extra,
})

describe('webhook configuration on the control plane', () => {
  it('creates, lists, reads, updates and deletes a webhook; the app key is never returned', async () => {
    const created = await admin(
      app,
      'POST',
      HOOKS,
      valid({ appKey: 'super-secret-app-key', headers: [{ name: 'X-Source', value: 'ClearID' }] }),
    )
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'Identity updates',
      description: '',
      enabled: true,
      url: 'https://my-api.com:8080/identity-updated-endpoint?my-query-param=123',
      hasAppKey: true,
      headers: [{ name: 'X-Source', value: 'ClearID' }],
      event: 'IdentityUpdated',
    })
    const id = created.body.webhookId as string
    expect(created.headers.get('location')).toBe(`/_admin${HOOKS}/${id}`)
    const listed = await admin(app, 'GET', HOOKS)
    const read = await admin(app, 'GET', `${HOOKS}/${id}`)
    for (const res of [created, listed, read])
      expect(res.text).not.toContain('super-secret-app-key')
    expect(listed.body.webhooks).toHaveLength(1)
    const disabled = await admin(app, 'PATCH', `${HOOKS}/${id}`, { enabled: false, appKey: null })
    expect(disabled.body).toMatchObject({
      enabled: false,
      hasAppKey: false,
      name: 'Identity updates',
    })
    expect((await admin(app, 'DELETE', `${HOOKS}/${id}`)).status).toBe(204)
    expect((await admin(app, 'GET', `${HOOKS}/${id}`)).status).toBe(404)
  })

  it.each([
    ['http://example.com/hook', 'url'],
    ['ftp://example.com/hook', 'url'],
    ['https://user:pass@example.com/hook', 'url'],
    ['not a url', 'url'],
  ])('refuses the URL %s with 400', async (url, field) => {
    const res = await admin(app, 'POST', HOOKS, valid({ url }))
    expect(res.status).toBe(400)
    expect(res.body.errors[field]).toBeDefined()
  })

  it('allows http:// on loopback only with allowInsecureLoopbackWebhooks', async () => {
    expect(
      (await admin(app, 'POST', HOOKS, valid({ url: 'http://127.0.0.1:9000/hook' }))).status,
    ).toBe(400)
    const dev = restTestApp({ allowInsecureLoopbackWebhooks: true })
    expect(
      (await admin(dev, 'POST', HOOKS, valid({ url: 'http://127.0.0.1:9000/hook' }))).status,
    ).toBe(201)
    expect((await admin(dev, 'POST', HOOKS, valid({ url: 'http://localhost/hook' }))).status).toBe(
      201,
    )
    expect(
      (await admin(dev, 'POST', HOOKS, valid({ url: 'http://example.com/hook' }))).status,
    ).toBe(400)
  })

  it.each([
    [[{ name: 'Connection', value: 'close' }], 'hop-by-hop'],
    [[{ name: 'Transfer-Encoding', value: 'chunked' }], 'hop-by-hop'],
    [[{ name: 'Content-Type', value: 'text/plain' }], 'computed'],
    [[{ name: 'Bad Name', value: 'x' }], 'valid HTTP header name'],
    [[{ name: 'X-A', value: 'line\r\nbreak' }], 'control characters'],
    [
      [
        { name: 'X-A', value: '1' },
        { name: 'x-a', value: '2' },
      ],
      'twice',
    ],
  ])('refuses the headers %j', async (headers, message) => {
    const res = await admin(app, 'POST', HOOKS, valid({ headers }))
    expect(res.status).toBe(400)
    expect(res.body.detail).toContain(message)
  })

  it('refuses an Authorization header together with an app key', async () => {
    const res = await admin(
      app,
      'POST',
      HOOKS,
      valid({ appKey: 'k', headers: [{ name: 'Authorization', value: 'Basic x' }] }),
    )
    expect(res.status).toBe(400)
  })

  it('needs exactly one known event and a name', async () => {
    // The portal's label is not the event name (and an event name is exact).
    expect(
      (await admin(app, 'POST', HOOKS, valid({ event: 'Identity requests created' }))).status,
    ).toBe(400)
    expect((await admin(app, 'POST', HOOKS, valid({ event: 'identitycreated' }))).status).toBe(400)
    expect(
      (await admin(app, 'POST', HOOKS, valid({ event: ['IdentityCreated', 'IdentityUpdated'] })))
        .status,
    ).toBe(400)
    expect((await admin(app, 'POST', HOOKS, valid({ name: '' }))).status).toBe(400)
    expect((await admin(app, 'POST', HOOKS, valid({ secret: 'x' }))).status).toBe(400)
  })

  it('keeps webhooks per account', async () => {
    const { body } = await admin(app, 'POST', HOOKS, valid())
    expect((await admin(app, 'GET', `/accounts/other/webhooks/${body.webhookId}`)).status).toBe(404)
    expect((await admin(app, 'GET', '/accounts/other/webhooks')).body.webhooks).toEqual([])
  })

  it('has no delivery log before the first callback, and limits the range to one year', async () => {
    const { body } = await admin(app, 'POST', HOOKS, valid())
    const logs = await admin(app, 'GET', `${HOOKS}/${body.webhookId}/logs`)
    expect(logs.body).toMatchObject({ firstCallbackUtc: null, entries: [] })
    const tooLong = await admin(
      app,
      'GET',
      `${HOOKS}/${body.webhookId}/logs?from=2025-01-01&to=2026-01-03`,
    )
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.detail).toMatch(/one year/)
    expect(
      (await admin(app, 'GET', `${HOOKS}/${body.webhookId}/logs?from=2025-01-01&to=2026-01-01`))
        .status,
    ).toBe(200)
    expect((await admin(app, 'GET', `${HOOKS}/${body.webhookId}/logs?from=yesterday`)).status).toBe(
      400,
    )
    expect(
      (await admin(app, 'GET', `${HOOKS}/${body.webhookId}/logs?from=2026-02-01&to=2026-01-01`))
        .status,
    ).toBe(400)
  })
})

describe('webhook event schemas', () => {
  it.each(['IdentityCreated', 'IdentityUpdated', 'IdentityDeleted'])(
    'serves the JSON Schema of %s',
    async (event) => {
      const res = await send(app, `/_mock/webhooks/schemas/${event}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/schema+json')
      expect(res.body).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        properties: { eventType: { const: event } },
      })
      expect(res.body.properties.data.properties.systemData.properties.externalId).toBeDefined()
    },
  )

  it.each(['IdentityRequestCreated', 'IdentityRequestUpdated'])(
    'serves the JSON Schema of %s, whose data is the identity request',
    async (event) => {
      const res = await send(app, `/_mock/webhooks/schemas/${event}`)
      expect(res.status).toBe(200)
      const data = res.body.properties.data
      expect(data.required).toEqual(expect.arrayContaining(['identityRequestId', 'status']))
      expect(data.properties.status.enum).toEqual(['Pending', 'Approved', 'Denied', 'Canceled'])
      expect(data.properties.identity.properties.systemData.properties.externalId).toBeDefined()
      expect(data.properties.identity.properties.identityId).toBeUndefined()
    },
  )

  it('answers 404 for an unknown event', async () => {
    expect((await send(app, '/_mock/webhooks/schemas/IdentityExploded')).status).toBe(404)
  })
})
