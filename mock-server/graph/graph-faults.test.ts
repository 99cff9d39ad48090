import { describe, expect, it } from 'vitest'
import { accessToken, admin, graphClient, graphTestApp } from '../test/graph-test-client.ts'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const EXPORT = {
  users: Array.from({ length: 5 }, (_, n) => ({
    id: id(n),
    userPrincipalName: `u${n}@fabrikam.onmicrosoft.com`,
    displayName: `User ${n}`,
  })),
}
const app = () => graphTestApp({ tenant: { export: EXPORT } })

describe('Graph faults', () => {
  it('throttle: 429 TooManyRequests with Retry-After, after the requests it lets through', async () => {
    const mock = app()
    const graph = await graphClient(mock)
    const set = await admin(mock, 'POST', '/faults', {
      type: 'throttle',
      retryAfter: 7,
      after: 1,
      route: 'GET /users',
    })
    expect(set.status).toBe(201)
    expect((await graph.get('/users')).status).toBe(200)
    const throttled = await graph.get('/users')
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('7')
    expect(throttled.body.error.code).toBe('TooManyRequests')
    expect(throttled.body.error.innerError['request-id']).toBe(throttled.headers.get('request-id'))
    // One use by default: the retry succeeds.
    expect((await graph.get('/users')).status).toBe(200)
  })

  it('throttle applies only to its route', async () => {
    const mock = app()
    const graph = await graphClient(mock)
    await admin(mock, 'POST', '/faults', { type: 'throttle', route: '/users/delta' })
    expect((await graph.get('/users')).status).toBe(200)
    const throttled = await graph.get('/users/delta')
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('2')
  })

  it('unavailable: 503 serviceNotAvailable, with Retry-After when given, for `next` requests', async () => {
    const mock = app()
    const graph = await graphClient(mock)
    await admin(mock, 'POST', '/faults', { type: 'unavailable', next: 2, retryAfter: 30 })
    for (let i = 0; i < 2; i++) {
      const response = await graph.get('/groups')
      expect(response.status).toBe(503)
      expect(response.body.error.code).toBe('serviceNotAvailable')
      expect(response.headers.get('retry-after')).toBe('30')
    }
    expect((await graph.get('/groups')).status).toBe(200)
    expect((await admin(mock, 'GET', '/faults')).body.faults).toEqual([])
  })

  it('expiredToken: mid-run every token issued so far expires; a new token works', async () => {
    const mock = app()
    const graph = await graphClient(mock)
    await admin(mock, 'POST', '/faults', { type: 'expiredToken', after: 2 })
    expect((await graph.get('/users?$top=2')).status).toBe(200)
    expect((await graph.get('/users?$top=2')).status).toBe(200)
    const expired = await graph.get('/users?$top=2')
    expect(expired.status).toBe(401)
    expect(expired.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Lifetime validation failed, the token is expired.',
    })
    expect((await graph.get('/users')).status).toBe(401)
    const renewed = await graphClient(mock, await accessToken(mock))
    expect((await renewed.get('/users')).status).toBe(200)
  })

  it('brokenNextLink: following a nextLink answers 400 Directory_ExpiredPageToken; a fresh list works', async () => {
    const mock = app()
    const graph = await graphClient(mock)
    await admin(mock, 'POST', '/faults', { type: 'brokenNextLink', after: 1 })
    const first = await graph.get('/users?$top=2')
    // Requests without $skiptoken do not count.
    expect((await graph.get('/users?$top=2')).status).toBe(200)
    const second = await graph.get(first.body['@odata.nextLink'])
    expect(second.status).toBe(200)
    const third = await graph.get(second.body['@odata.nextLink'])
    expect(third.status).toBe(400)
    expect(third.body.error).toMatchObject({
      code: 'Directory_ExpiredPageToken',
      message:
        'The specified page token value has expired and can no longer be included in your request.',
    })
    expect((await graph.get(second.body['@odata.nextLink'])).status).toBe(200)
  })

  it('can be set at start through createApp, listed and removed', async () => {
    const mock = graphTestApp({
      tenant: { export: EXPORT, faults: [{ type: 'throttle', next: 5 }] },
    })
    const graph = await graphClient(mock)
    expect((await graph.get('/users')).status).toBe(429)
    const listed = await admin(mock, 'GET', '/faults')
    expect(listed.body.faults).toEqual([
      {
        id: 'g1',
        type: 'throttle',
        retryAfter: 2,
        route: '* *',
        after: 0,
        remaining: 4,
        applied: 1,
      },
    ])
    expect((await admin(mock, 'DELETE', '/faults/g1')).status).toBe(204)
    expect((await graph.get('/users')).status).toBe(200)
  })

  it('refuses a malformed fault with a 400 that says what to change', async () => {
    const mock = app()
    const cases: [unknown, RegExp][] = [
      [
        { type: 'meltdown' },
        /type must be one of throttle, unavailable, expiredToken, brokenNextLink/,
      ],
      [{ type: 'throttle', retryAfter: -1 }, /retryAfter must be a whole number from 0 to 3600/],
      [{ type: 'expiredToken', retryAfter: 5 }, /retryAfter applies to throttle and unavailable/],
      [{ type: 'expiredToken', next: 2 }, /fires once/],
      [{ type: 'throttle', route: 'FETCH /users' }, /not an HTTP method/],
      [{ type: 'throttle', colour: 'red' }, /Unknown fault field "colour"/],
    ]
    for (const [spec, message] of cases) {
      const response = await admin(mock, 'POST', '/faults', spec)
      expect(response.status).toBe(400)
      expect(response.body.detail).toMatch(message)
    }
  })
})
