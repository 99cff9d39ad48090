import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, type MockApp } from '../app.ts'
import { createFetchHandler } from '../../msw/fetch-handler.ts'
import { DEV_ADMIN_TOKEN } from '../options.ts'
import { FaultSpecError, toFaultRule } from './fault-rule.ts'
import { faultRuleFromText, parseFaultText } from './fault-text.ts'
import type { FaultOption } from './fault-registry.ts'

const KEY = 'fault-test-key-1234'
const BASE = '/scim/v2/accounts/acme'
const EXT = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'

function app(faults: readonly FaultOption[] = []): MockApp {
  return createApp({
    accounts: [
      { id: 'acme', scimKey: KEY },
      { id: 'other', scimKey: 'other-key-1234' },
    ],
    faults,
  })
}

const auth = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }
const get = (a: MockApp, path = '/Users', headers: Record<string, string> = {}) =>
  a.request(`${BASE}${path}`, { headers: { ...auth, ...headers } })

function user(n: number) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `user${n}@contoso.example`,
    displayName: `User ${n}`,
    [EXT]: { externalId: `ext-${n}`, firstName: 'User' },
  }
}
const post = (a: MockApp, n: number, headers: Record<string, string> = {}) =>
  a.request(`${BASE}/Users`, {
    method: 'POST',
    headers: { ...auth, ...headers },
    body: JSON.stringify(user(n)),
  })

/** Runs the fake clock a millisecond at a time until `answer` settles; how long that took. */
async function fakeMsUntilSettled(answer: unknown): Promise<number> {
  let settled = false
  Promise.resolve(answer).then(
    () => (settled = true),
    () => (settled = true),
  )
  let ms = 0
  while (!settled && ms < 60_000) {
    await vi.advanceTimersByTimeAsync(1)
    ms++
  }
  return ms
}

describe('fault specs', () => {
  it('reads the one-line syntax into the JSON form', () => {
    expect(parseFaultText('route=POST /Users, status=503, retry-after=2, next=2')).toEqual({
      route: 'POST /Users',
      status: 503,
      retryAfter: 2,
      next: 2,
    })
    expect(faultRuleFromText('slow-body=8:20')).toMatchObject({
      action: { type: 'slow-body', chunkBytes: 8, delayMs: 20 },
    })
    expect(faultRuleFromText('404-after-create')).toMatchObject({ method: 'GET', path: '/Users/*' })
    expect(faultRuleFromText('route=PATCH /Users/:id,latency=5')).toMatchObject({
      method: 'PATCH',
      path: '/Users/*',
      latencyMs: 5,
    })
  })

  it.each([
    [{ status: 200 }, /status must be a number from 400 to 599/],
    [{ retryAfter: 2 }, /retryAfter needs a status/],
    [{ status: 503, reset: true }, /one effect/],
    [{ rate: 2, status: 500 }, /rate must be a number from 0 to 1/],
    [{}, /needs an effect/],
    [{ status: 500, route: 'FETCH /Users' }, /not an HTTP method/],
    [{ conflictAfterSuccess: true, route: 'GET /Users' }, /POST \/Users/],
    [{ status: 500, colour: 'red' }, /Unknown fault field "colour"/],
    [{ timeout: 120_000 }, /timeout must be a number from 1 to 60000/],
  ])('refuses %j with a message that says what to change', (spec, message) => {
    expect(() => toFaultRule(spec)).toThrow(FaultSpecError)
    expect(() => toFaultRule(spec)).toThrow(message)
  })

  it('refuses unknown one-line items', () => {
    expect(() => parseFaultText('status=503,explode')).toThrow(/Unknown fault item "explode"/)
  })
})

describe('fault injection in the request path', () => {
  it('answers the status with Retry-After for the next N matching requests, then retires', async () => {
    const a = app([{ route: 'GET /Users', status: 429, retryAfter: 3, next: 2 }])
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await get(a)).status)
    expect(statuses).toEqual([429, 429, 200])
    const first = await createApp({ faults: [{ status: 503, retryAfter: 7 }] }).request(
      '/scim/v2/accounts/demo/Users',
      { headers: { Authorization: 'Bearer clearid-dev-scim-key' } },
    )
    expect(first.headers.get('retry-after')).toBe('7')
    expect(((await first.json()) as { status: string }).status).toBe('503')
    expect(a.mock.traffic.records('acme')[0]?.fault).toEqual({
      id: 'f1',
      type: 'status',
      status: 429,
      retryAfterSeconds: 3,
    })
  })

  it('matches only its route and account', async () => {
    const a = app([{ route: 'POST /Users', status: 500, account: 'other' }])
    expect((await post(a, 1)).status).toBe(201)
    expect((await get(a)).status).toBe(200)
  })

  it('picks the same requests for the same seed at a rate', async () => {
    const pattern = async () => {
      const a = app([{ route: 'GET /Users', status: 503, rate: 0.5, seed: 7 }])
      const out: number[] = []
      for (let i = 0; i < 20; i++) out.push((await get(a)).status)
      return out
    }
    const first = await pattern()
    expect(await pattern()).toEqual(first)
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(3)
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3)
  })

  it('draws X-Mock-Fault rates from a seeded sequence too', async () => {
    const pattern = async () => {
      const a = app()
      const out: number[] = []
      for (let i = 0; i < 20; i++)
        out.push((await get(a, '/Users', { 'X-Mock-Fault': 'status=503,rate=0.5,seed=3' })).status)
      return out
    }
    const first = await pattern()
    expect(await pattern()).toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 503]))
  })

  it('drops the connection: app.fetch and the fetch handler reject with a TypeError', async () => {
    const a = app([{ route: 'GET /Users', reset: true, next: 1 }])
    await expect(get(a)).rejects.toThrow(TypeError)
    expect((await get(a)).status).toBe(200)
    const fetch = createFetchHandler({ app: a })
    await expect(
      fetch(`https://clearid.test${BASE}/Users`, { headers: { ...auth, 'X-Mock-Fault': 'reset' } }),
    ).rejects.toThrow('fetch failed')
    const records = a.mock.traffic.records('acme')
    expect(records[0]?.error).toMatch(/connection reset/)
    expect(records[0]?.response).toBeUndefined()
  })

  it('applies a create, then answers 409 (a retry of a create that succeeded)', async () => {
    const a = app([{ conflictAfterSuccess: true, next: 1 }])
    const response = await post(a, 1)
    expect(response.status).toBe(409)
    expect(((await response.json()) as { scimType: string }).scimType).toBe('uniqueness')
    const found = await get(
      a,
      `/Users?filter=${encodeURIComponent('userName eq "user1@contoso.example"')}`,
    )
    expect(((await found.json()) as { totalResults: number }).totalResults).toBe(1)
  })

  it('answers 404 once for a user created moments ago', async () => {
    const a = app([{ notFoundAfterCreate: 60_000 }])
    const created = (await (await post(a, 1)).json()) as { id: string }
    expect((await get(a, `/Users/${created.id}`)).status).toBe(404)
    expect((await get(a, `/Users/${created.id}`)).status).toBe(200)
  })

  it('reports a bad X-Mock-Fault header as a SCIM 400', async () => {
    const response = await get(app(), '/Users', { 'X-Mock-Fault': 'status=999' })
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/X-Mock-Fault/)
  })

  it('throws on invalid createApp faults', () => {
    expect(() => app([{ status: 42 }])).toThrow(FaultSpecError)
  })
})

describe('faults that take time, on a fake clock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('adds latency', async () => {
    expect(await fakeMsUntilSettled(get(app([{ latency: 60 }])))).toBe(60)
  })

  it('times out: waits until the client gives up, or at most the bound', async () => {
    const a = app()
    const fetch = createFetchHandler({ app: a })
    const controller = new AbortController()
    const abandoned = fetch(`https://clearid.test${BASE}/Users`, {
      headers: { ...auth, 'X-Mock-Fault': 'timeout=5000' },
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 50)
    expect(await fakeMsUntilSettled(abandoned)).toBe(50)
    await expect(abandoned).rejects.toThrow(/abort/i)

    const dropped = get(a, '/Users', { 'X-Mock-Fault': 'timeout=80' })
    expect(await fakeMsUntilSettled(dropped)).toBe(80)
    await expect(dropped).rejects.toThrow(TypeError)
  })

  it('streams a slow body in chunks, with a pause before each', async () => {
    const a = app([
      { route: 'GET /ServiceProviderConfig', slowBody: { chunkBytes: 512, delayMs: 15 } },
    ])
    const text = Promise.resolve(get(a, '/ServiceProviderConfig')).then((r) => r.text())
    const ms = await fakeMsUntilSettled(text)
    expect(JSON.parse(await text)).toHaveProperty('schemas')
    const chunks = Math.ceil(new TextEncoder().encode(await text).length / 512)
    expect(chunks).toBeGreaterThan(1)
    expect(ms).toBe(chunks * 15)
  })
})

describe('faults on the control plane', () => {
  const admin = { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'Content-Type': 'application/json' }
  const faults = (a: MockApp, init: RequestInit = {}, suffix = '') =>
    a.request(`/_admin/accounts/acme/faults${suffix}`, {
      ...init,
      headers: { ...admin, ...init.headers },
    })

  it('adds, lists and removes faults, validating each', async () => {
    const a = app()
    const added = await faults(a, {
      method: 'POST',
      body: JSON.stringify([{ route: 'POST /Users', status: 503, next: 1 }, { text: 'latency=1' }]),
    })
    expect(added.status).toBe(201)
    const { faults: list } = (await added.json()) as {
      faults: { id: string; description: string }[]
    }
    expect(list.map((f) => f.description)).toEqual([
      'POST /Users, status 503, next 1',
      'latency 1 ms',
    ])
    expect((await post(a, 1)).status).toBe(503)
    const listed = (await (await faults(a)).json()) as { faults: unknown[] }
    expect(listed.faults).toHaveLength(1)
    expect((await faults(a, { method: 'DELETE' }, `/${list[1]?.id}`)).status).toBe(204)
    expect((await faults(a, { method: 'DELETE' }, '/f99')).status).toBe(404)
    expect((await faults(a, { method: 'DELETE' })).status).toBe(204)
  })

  it('answers 400 naming the bad field, and adds nothing', async () => {
    const a = app()
    const bad = await faults(a, {
      method: 'POST',
      body: JSON.stringify([{ status: 503 }, { status: 'soon' }]),
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/Fault 2: status must be a number/)
    expect(((await (await faults(a)).json()) as { faults: unknown[] }).faults).toEqual([])
  })

  it('needs the admin token', async () => {
    const response = await app().request('/_admin/accounts/acme/faults')
    expect(response.status).toBe(401)
  })
})
