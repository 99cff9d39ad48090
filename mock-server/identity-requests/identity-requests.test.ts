/**
 * Identity requests on the control plane and their webhook events (ClearID documents "Identity
 * requests created" and "Identity requests updated"): made Pending, then approved (the identity is
 * stored and visible through REST and SCIM), denied or canceled, once; each change sends one
 * callback whose payload validates against the schema the mock publishes for the event.
 */
import Ajv2020 from 'ajv/dist/2020.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  admin,
  api,
  restIdentity,
  restTestApp,
  scim,
  send,
  V2,
} from '../control/rest-test-client.ts'

const REQUESTS = '/accounts/acme/identity-requests'

let app: MockApp
let bodies: { url: string; payload: Record<string, any> }[] // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON

beforeEach(() => {
  bodies = []
  app = restTestApp({
    webhookFetch: async (url, init) => {
      bodies.push({ url, payload: JSON.parse(String(init.body)) })
      return new Response(null, { status: 202 })
    },
  })
})
afterEach(() => app.mock.webhooks.stop())

async function subscribe(event: string): Promise<void> {
  const res = await admin(app, 'POST', '/accounts/acme/webhooks', {
    name: event,
    url: `https://receiver.example/${event}`,
    event,
  })
  expect(res.status).toBe(201)
}

function request(externalId: string, extra: Record<string, unknown> = {}) {
  return {
    requester: 'grace.hopper@example.com',
    reason: 'Contractor for the Q3 audit',
    template: 'Contractor',
    identity: restIdentity(externalId, { email: `${externalId}@example.com` }),
    ...extra,
  }
}

async function delivered(): Promise<typeof bodies> {
  await app.mock.webhooks.idle()
  return bodies
}

describe('identity requests', () => {
  it('a request is Pending and sends IdentityRequestCreated; no identity exists yet', async () => {
    await subscribe('IdentityRequestCreated')
    await subscribe('IdentityCreated')
    const made = await admin(app, 'POST', REQUESTS, request('req-1'))
    expect(made.status).toBe(201)
    expect(made.headers.get('location')).toBe(`/_admin${REQUESTS}/${made.body.identityRequestId}`)
    expect(made.body).toMatchObject({
      accountId: 'acme',
      status: 'Pending',
      requester: 'grace.hopper@example.com',
      reason: 'Contractor for the Q3 audit',
      template: 'Contractor',
      decisionReason: null,
      identityId: null,
      identity: {
        firstName: 'Ada',
        email: 'req-1@example.com',
        systemData: { externalId: 'req-1' },
      },
    })
    expect(made.body.identity.identityId).toBeUndefined()
    expect(made.body.identity.eTag).toBeUndefined()
    const token = await accessToken(app)
    expect((await api(app, token, 'GET', `${V2}?externalId=req-1`)).body).toEqual([])
    const [callback, ...others] = await delivered()
    expect(others).toEqual([])
    expect(callback?.url).toBe('https://receiver.example/IdentityRequestCreated')
    expect(callback?.payload).toMatchObject({
      eventType: 'IdentityRequestCreated',
      accountId: 'acme',
      data: made.body,
    })
  })

  it('approval stores the requested identity and sends IdentityRequestUpdated and IdentityCreated', async () => {
    await subscribe('IdentityRequestUpdated')
    await subscribe('IdentityCreated')
    const made = await admin(app, 'POST', REQUESTS, request('req-2'))
    const path = `${REQUESTS}/${made.body.identityRequestId}`
    expect((await admin(app, 'POST', `${path}/approve`, {})).status).toBe(400)
    const approved = await admin(app, 'POST', `${path}/approve`, { reason: 'Signed contract' })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'Approved', decisionReason: 'Signed contract' })
    const identityId = approved.body.identityId as string
    const token = await accessToken(app)
    const stored = await api(app, token, 'GET', `${V2}/${identityId}`)
    expect(stored.body).toMatchObject({ firstName: 'Ada', email: 'req-2@example.com' })
    expect((await scim(app, 'GET', `/Users/${identityId}`)).status).toBe(200)
    const events = (await delivered()).map((b) => b.payload.eventType).sort()
    expect(events).toEqual(['IdentityCreated', 'IdentityRequestUpdated'])
    const update = bodies.find((b) => b.payload.eventType === 'IdentityRequestUpdated')
    expect(update?.payload.data).toMatchObject({ status: 'Approved', identityId })
    expect((await admin(app, 'GET', path)).body).toEqual(approved.body)
  })

  it('deny needs a reason; a decided request cannot be decided again', async () => {
    await subscribe('IdentityRequestUpdated')
    const made = await admin(app, 'POST', REQUESTS, request('req-3'))
    const path = `${REQUESTS}/${made.body.identityRequestId}`
    const noReason = await admin(app, 'POST', `${path}/deny`)
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors).toHaveProperty('reason')
    const denied = await admin(app, 'POST', `${path}/deny`, { reason: 'No contract' })
    expect(denied.body).toMatchObject({ status: 'Denied', decisionReason: 'No contract' })
    for (const action of ['approve', 'deny', 'cancel']) {
      const again = await admin(app, 'POST', `${path}/${action}`, { reason: 'again' })
      expect(again.status, action).toBe(409)
      expect(again.body.detail).toMatch(/already Denied/)
    }
    const token = await accessToken(app)
    expect((await api(app, token, 'GET', `${V2}?externalId=req-3`)).body).toEqual([])
    expect((await delivered()).map((b) => b.payload.data.status)).toEqual(['Denied'])
  })

  it('cancel needs no reason', async () => {
    const made = await admin(app, 'POST', REQUESTS, request('req-4'))
    const canceled = await admin(app, 'POST', `${REQUESTS}/${made.body.identityRequestId}/cancel`)
    expect(canceled.body).toMatchObject({ status: 'Canceled', decisionReason: null })
  })

  it('refuses an invalid requested identity at once, naming the path under identity.', async () => {
    const invalid = await admin(
      app,
      'POST',
      REQUESTS,
      request('req-5', { identity: restIdentity('req-5', { firstName: null, lastName: null }) }),
    )
    expect(invalid.status).toBe(400)
    expect(Object.keys(invalid.body.errors)).toEqual(['identity.firstName'])
    const missing = await admin(app, 'POST', REQUESTS, request('req-6', { reason: '' }))
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toHaveProperty('reason')
    expect((await admin(app, 'GET', REQUESTS)).body.identityRequests).toEqual([])
  })

  it('an approval that would duplicate an external id is refused and leaves the request Pending', async () => {
    const token = await accessToken(app)
    await api(app, token, 'POST', V2, restIdentity('req-7'))
    const made = await admin(app, 'POST', REQUESTS, request('req-7'))
    const path = `${REQUESTS}/${made.body.identityRequestId}`
    const refused = await admin(app, 'POST', `${path}/approve`, { reason: 'ok' })
    expect(refused.status).toBe(409)
    expect((await admin(app, 'GET', path)).body).toMatchObject({
      status: 'Pending',
      identityId: null,
    })
  })

  it('keeps requests per account and answers 404 for an unknown one', async () => {
    const made = await admin(app, 'POST', REQUESTS, request('req-8'))
    const id = made.body.identityRequestId as string
    expect((await admin(app, 'GET', `/accounts/other/identity-requests/${id}`)).status).toBe(404)
    expect((await admin(app, 'GET', '/accounts/other/identity-requests')).body).toEqual({
      identityRequests: [],
    })
    expect((await admin(app, 'GET', REQUESTS)).body.identityRequests).toHaveLength(1)
    expect((await admin(app, 'POST', `${REQUESTS}/nope/approve`, { reason: 'x' })).status).toBe(404)
  })

  it('every payload validates against the schema published for its event', async () => {
    await subscribe('IdentityRequestCreated')
    await subscribe('IdentityRequestUpdated')
    const made = await admin(app, 'POST', REQUESTS, request('req-9'))
    await admin(app, 'POST', `${REQUESTS}/${made.body.identityRequestId}/approve`, {
      reason: 'ok',
    })
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
    const payloads = await delivered()
    expect(payloads).toHaveLength(2)
    for (const { payload } of payloads) {
      const schema = (await send(app, `/_mock/webhooks/schemas/${payload.eventType}`)).body
      const validate = ajv.compile(schema)
      expect(validate(payload), JSON.stringify(validate.errors)).toBe(true)
    }
  })
})
