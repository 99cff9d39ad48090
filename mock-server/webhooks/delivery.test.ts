/**
 * Webhook delivery through an injected fetch (no port): the request that causes an event never
 * waits for its callback, drain() skips the backoff, seeded and deleted identities are published.
 * The same queue against a real HTTPS receiver is in delivery.int.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  admin,
  api,
  restIdentity,
  restTestApp,
  scim,
  scimUser,
  V2,
} from '../control/rest-test-client.ts'

const HOOKS = '/accounts/acme/webhooks'
const RECEIVER = 'https://receiver.example'

let app: MockApp
afterEach(() => app?.mock.webhooks.stop())

async function subscribe(event: string): Promise<string> {
  const res = await admin(app, 'POST', HOOKS, {
    name: event,
    url: `${RECEIVER}/hooks/${event}`,
    event,
  })
  expect(res.status).toBe(201)
  return res.body.webhookId as string
}

/** A receiver that has been called once `called` resolves, and answers only when told to. */
function heldReceiver() {
  let release: (response: Response) => void = () => {}
  let calledNow: () => void = () => {}
  const answer = new Promise<Response>((resolve) => (release = resolve))
  const called = new Promise<void>((resolve) => (calledNow = resolve))
  const state = { answered: false }
  return {
    state,
    called,
    answer: (response: Response) => {
      state.answered = true
      release(response)
    },
    fetch: () => {
      calledNow()
      return answer
    },
  }
}

describe('delivery queue with an injected fetch', () => {
  it('a slow receiver does not hold up the SCIM request that caused the event', async () => {
    const receiver = heldReceiver()
    app = restTestApp({ webhookFetch: receiver.fetch })
    const id = await subscribe('IdentityCreated')
    // The receiver answers only below, after the request: had the request waited for its
    // callback, it would never have been answered and the test would time out.
    const created = await scim(app, 'POST', '/Users', scimUser('hook-7'))
    expect(created.status).toBe(201)
    await receiver.called
    expect(receiver.state.answered).toBe(false)
    receiver.answer(new Response(null, { status: 200 }))
    await app.mock.webhooks.idle()
    const entries = (await admin(app, 'GET', `${HOOKS}/${id}/logs`)).body.entries
    expect(entries.map((e: { response: string }) => e.response)).toEqual(['OK'])
  })

  it('drain() runs pending retries without waiting for the backoff; ConnectionError is logged', async () => {
    const calls: string[] = []
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    })
    app = restTestApp({
      webhookRetry: { attempts: 2, initialDelayMs: 60_000, maxDelayMs: 60_000, timeoutMs: 1000 },
      webhookFetch: async (url) => {
        calls.push(url)
        if (calls.length === 1) throw refused
        return new Response(null, { status: 204 })
      },
    })
    const id = await subscribe('IdentityCreated')
    await scim(app, 'POST', '/Users', scimUser('hook-10'))
    // The backoff (a minute) outlasts the test's timeout: waiting for it would fail the test.
    expect((await admin(app, 'POST', '/webhooks/drain')).status).toBe(204)
    expect(calls).toHaveLength(2)
    const entries = (await admin(app, 'GET', `${HOOKS}/${id}/logs`)).body.entries
    expect(entries.map((e: { response: string }) => e.response)).toEqual([
      'NoContent',
      'ConnectionError',
    ])
  })

  it('makes one attempt by default (ClearID documents no retries); retries only when asked', async () => {
    const unavailable = async () => new Response(null, { status: 503 })
    app = restTestApp({ webhookFetch: unavailable })
    const once = await subscribe('IdentityCreated')
    await scim(app, 'POST', '/Users', scimUser('hook-once'))
    await app.mock.webhooks.drain()
    const single = (await admin(app, 'GET', `${HOOKS}/${once}/logs`)).body.entries
    expect(single.map((e: { attempt: number }) => e.attempt)).toEqual([1])
    app.mock.webhooks.stop()

    app = restTestApp({
      webhookFetch: unavailable,
      webhookRetry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
    })
    const retried = await subscribe('IdentityCreated')
    await scim(app, 'POST', '/Users', scimUser('hook-thrice'))
    await app.mock.webhooks.drain()
    const entries = (await admin(app, 'GET', `${HOOKS}/${retried}/logs`)).body.entries
    expect(entries.map((e: { attempt: number }) => e.attempt)).toEqual([3, 2, 1])
    expect(new Set(entries.map((e: { eventId: string }) => e.eventId)).size).toBe(1)
  })

  it('publishes a callback for seeded identities and deleted ones', async () => {
    const bodies: string[] = []
    app = restTestApp({
      webhookFetch: async (_url, init) => {
        bodies.push(String(init.body))
        return new Response('ok')
      },
    })
    await subscribe('IdentityCreated')
    await subscribe('IdentityDeleted')
    await admin(app, 'POST', '/accounts/acme/identities/seed', {
      identities: [restIdentity('seeded')],
    })
    const token = await accessToken(app)
    const [identity] = (await api(app, token, 'GET', `${V2}?externalId=seeded`)).body
    await api(app, token, 'DELETE', `${V2}/${identity.identityId}`)
    await app.mock.webhooks.idle()
    expect(bodies.map((b) => [JSON.parse(b).eventType, JSON.parse(b).data.isDeleted])).toEqual([
      ['IdentityCreated', false],
      ['IdentityDeleted', true],
    ])
  })
})
