import { describe, expect, it } from 'vitest'
import { validateReport } from '../../reports/validate.ts'
import { createApp, type MockApp } from '../app.ts'
import { DEV_ADMIN_TOKEN, type AppOptions } from '../options.ts'
import { parseSession } from './session.ts'
import { clientAudit } from '../../verify/client-audit.ts'
import { registerSecret } from '../../model/secret-values.ts'

const KEY = 'traffic-test-key-1234'
const BASE = '/scim/v2/accounts/acme'
const EXT = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'

function app(options: AppOptions = {}): MockApp {
  return createApp({ accounts: [{ id: 'acme', scimKey: KEY }, { id: 'other' }], ...options })
}

const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }
const body = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `user${n}@contoso.example`,
    displayName: `User ${n}`,
    active: 'True',
    [EXT]: { externalId: `ext-${n}`, firstName: 'User', countryCode: 'GER' },
    ...extra,
  })

describe('the traffic recorder', () => {
  it('records method, path, query, headers, bodies, status, warnings and timing', async () => {
    const a = app()
    await a.request(`${BASE}/Users`, { method: 'POST', headers, body: body(1, { nickName: 'x' }) })
    await a.request(`${BASE}/Users?filter=userName+eq+%22user1%40contoso.example%22`, { headers })
    const [create, lookup] = a.mock.traffic.records('acme')
    expect(create).toMatchObject({
      seq: 1,
      accountId: 'acme',
      request: {
        method: 'POST',
        path: '/Users',
        query: '',
        body: { userName: 'user1@contoso.example' },
      },
      response: { status: 201, body: { userName: 'user1@contoso.example' } },
      auth: 'sent',
    })
    expect(create?.warnings.map((w) => w.code).sort()).toEqual([
      'coerced-boolean-string',
      'unused-core-attribute',
    ])
    expect(create?.durationMs).toBeGreaterThanOrEqual(0)
    expect(lookup).toMatchObject({
      seq: 2,
      request: { method: 'GET', query: 'filter=userName+eq+%22user1%40contoso.example%22' },
    })
    expect(lookup?.response?.body).toMatchObject({ totalResults: 1 })
  })

  it('records the refusal reason of an ApiError', async () => {
    const a = app()
    await a.request(`${BASE}/Users`, {
      method: 'POST',
      headers,
      body: body(1, { displayName: '' }),
    })
    expect(a.mock.traffic.records('acme')[0]).toMatchObject({
      response: { status: 400 },
      rejection: { scimType: 'invalidValue', attribute: 'displayName' },
    })
  })

  it('keeps secrets out: Authorization, secret-named headers, the key inside bodies and queries', async () => {
    const a = app()
    await a.request(`${BASE}/Users?access_token=${KEY}&client_secret=param-s3cret`, {
      method: 'POST',
      headers: { ...headers, 'X-Api-Key': 'abc123', Cookie: 'session=s3cret' },
      body: body(2, { nickName: `leaked ${KEY}` }),
    })
    const text = JSON.stringify(a.mock.traffic.records('acme'))
    expect(text).not.toContain(KEY)
    expect(text).not.toContain('abc123')
    expect(text).not.toContain('s3cret')
    const [record] = a.mock.traffic.records('acme')
    expect(record?.request.headers.authorization).toBe('Bearer [REDACTED]')
    expect(record?.request.headers['x-api-key']).toBe('[REDACTED]')
  })

  it('removes secrets when read: one registered after the exchange, one across the body limit', async () => {
    const a = app({ traffic: { maxBodyChars: 100 } })
    const later = 'issued-later-s3cret-4711'
    const straddling = 'straddles-the-cut-s3cret'
    await a.request(`${BASE}/Users`, {
      method: 'POST',
      headers,
      // The straddling secret starts 10 characters before the kept text ends.
      body: `${'x'.repeat(90)}${straddling}${'y'.repeat(500)} ${later}`,
    })
    await a.request(`${BASE}/Users/${later}`, { headers })
    // Read once before the secrets are registered: both exchanges are in the log by then.
    expect(a.mock.traffic.records('acme')).toHaveLength(2)
    registerSecret(later)
    registerSecret(straddling)
    const [post, get] = a.mock.traffic.records('acme')
    expect(post?.request.bodyCut).toBe(true)
    expect(String(post?.request.body)).not.toContain(straddling.slice(0, 10))
    expect(get?.request.path).toBe('/Users/[REDACTED]')
    expect(JSON.stringify(a.mock.traffic.records('acme'))).not.toContain(later)
  })

  it('redacts each record once while the secrets stay the same, and hands the same records again', async () => {
    const a = app({ traffic: { capacity: 3 } })
    for (let i = 0; i < 2; i++) await a.request(`${BASE}/Users?i=${i}`, { headers })
    const first = a.mock.traffic.records('acme')
    expect(a.mock.traffic.records('acme')).toEqual(first)
    expect(a.mock.traffic.records('acme')[1]).toBe(first[1])
    for (let i = 2; i < 5; i++) await a.request(`${BASE}/Users?i=${i}`, { headers })
    const later = a.mock.traffic.records('acme')
    // The log keeps 3: the first two went, the newest three are there, in order.
    expect(later.map((r) => r.seq)).toEqual([3, 4, 5])
    expect(a.mock.traffic.records('acme', 3).map((r) => r.seq)).toEqual([4, 5])
    expect(a.mock.traffic.records('acme', 4)[0]).toBe(later[2])
  })

  it('records a 401 without the key and marks it rejected', async () => {
    const a = app()
    await a.request(`${BASE}/Users`, { headers: { Authorization: 'Bearer wrong-key-000000' } })
    await a.request(`${BASE}/Users`)
    expect(a.mock.traffic.records('acme').map((r) => [r.response?.status, r.auth])).toEqual([
      [401, 'rejected'],
      [401, 'none'],
    ])
  })

  it('is bounded per account, counts what it dropped, and records existing accounts only', async () => {
    const a = app({ traffic: { capacity: 3 } })
    for (let i = 0; i < 5; i++) await a.request(`${BASE}/ServiceProviderConfig`, { headers })
    await a.request('/scim/v2/accounts/nobody/Users', { headers })
    await a.request('/scim/v2/accounts/other/Users', { headers })
    expect(a.mock.traffic.records('acme').map((r) => r.seq)).toEqual([3, 4, 5])
    expect(a.mock.traffic.stats('acme')).toEqual({ capacity: 3, count: 3, dropped: 2, lastSeq: 5 })
    expect(a.mock.traffic.records('nobody')).toEqual([])
    expect(a.mock.traffic.records('other')).toHaveLength(1)
  })

  it('cuts large bodies and never parses them', async () => {
    const a = app({ traffic: { maxBodyChars: 100 } })
    await a.request(`${BASE}/Users`, {
      method: 'POST',
      headers,
      body: body(3, { description: 'x'.repeat(500) }),
    })
    const [record] = a.mock.traffic.records('acme')
    expect(record?.request.bodyCut).toBe(true)
    expect(record?.request.body).toMatch(/cut: \d+ characters/)
  })

  it('records nothing when turned off', async () => {
    const a = app({ traffic: false })
    await a.request(`${BASE}/Users`, { headers })
    expect(a.mock.traffic.records('acme')).toEqual([])
  })

  it('tells listeners about each record and survives a throwing one', async () => {
    const a = app()
    const seen: number[] = []
    a.mock.traffic.subscribe(() => {
      throw new Error('listener bug')
    })
    a.mock.traffic.subscribe((record) => seen.push(record.seq))
    expect((await a.request(`${BASE}/Users`, { headers })).status).toBe(200)
    expect(seen).toEqual([1])
    expect(a.mock.traffic.listenerErrors).toBe(1)
  })
})

describe('traffic and audit on the control plane', () => {
  const admin = { Authorization: `Bearer ${DEV_ADMIN_TOKEN}` }

  it('serves the log as JSON and NDJSON, clears it, and serves the audit report', async () => {
    // The auditor comes from the client-verification layer, as the CLI and msw handlers pass it.
    const a = app({ trafficAudit: clientAudit })
    await a.request(`${BASE}/Users`, { method: 'POST', headers, body: body(1) })
    await a.request(`${BASE}/Users`, { headers })
    const log = (await (
      await a.request('/_admin/accounts/acme/traffic?since=1', { headers: admin })
    ).json()) as {
      records: { seq: number }[]
      lastSeq: number
    }
    expect(log.records.map((r) => r.seq)).toEqual([2])
    expect(log.lastSeq).toBe(2)

    const ndjson = await a.request('/_admin/accounts/acme/traffic.ndjson', { headers: admin })
    expect(ndjson.headers.get('content-type')).toMatch(/x-ndjson/)
    const session = parseSession(await ndjson.text())
    expect(session.map((e) => [e.seq, e.request.method, e.response?.status])).toEqual([
      [1, 'POST', 201],
      [2, 'GET', 200],
    ])
    expect(session[0]?.offsetMs).toBe(0)

    const audit = await (await a.request('/_admin/accounts/acme/audit', { headers: admin })).json()
    const validation = validateReport(audit)
    expect(validation.ok, JSON.stringify(validation)).toBe(true)
    const failed = (audit as { results: { ruleId: string; status: string }[] }).results
      .filter((r) => r.status === 'failed')
      .map((r) => r.ruleId)
    expect(failed.sort()).toEqual(['CLI-ATTR-002', 'CLI-ATTR-004'])

    expect(
      (await a.request('/_admin/accounts/acme/traffic', { method: 'DELETE', headers: admin }))
        .status,
    ).toBe(204)
    expect(a.mock.traffic.records('acme')).toEqual([])
    expect((await a.request('/_admin/accounts/nobody/traffic', { headers: admin })).status).toBe(
      404,
    )
    expect((await a.request('/_admin/accounts/acme/traffic')).status).toBe(401)
  })

  it('answers 501 with the way out when the app was made without an auditor', async () => {
    const res = await app().request('/_admin/accounts/acme/audit', { headers: admin })
    expect(res.status).toBe(501)
    expect(JSON.stringify(await res.json())).toContain('trafficAudit')
  })
})
