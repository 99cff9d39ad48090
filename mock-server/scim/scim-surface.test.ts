import { describe, expect, it } from 'vitest'
import { BASE, KEY, testApp } from '../test/scim-test-client.ts'

const auth = { Authorization: `Bearer ${KEY}` }

describe('SCIM surface', () => {
  it('answers Entra’s per-user look-up without a promise, recording on', () => {
    const app = testApp()
    const answer = app.fetch(
      new Request(
        `http://localhost${BASE}/Users?filter=${encodeURIComponent('externalId eq "x"')}`,
        {
          headers: auth,
        },
      ),
    )
    // A promise here means some step or middleware went asynchronous: see http/pipeline.ts.
    expect(answer).toBeInstanceOf(Response)
    expect((answer as Response).status).toBe(200)
    expect(app.mock.traffic.records('acme')).toHaveLength(1)
  })

  it('asks for the key on every SCIM route', async () => {
    const app = testApp()
    const routes = app.routes.filter((route) => route.path.startsWith('/scim/'))
    expect(routes.length).toBeGreaterThan(10)
    for (const route of routes) {
      const path = route.path
        .replace(':accountId', 'acme')
        .replace(':id', 'some-id')
        .replace('*', 'x')
      const method = route.method === 'ALL' ? 'GET' : route.method
      const res = await app.request(path, { method })
      expect(res.status, `${method} ${path}`).toBe(401)
    }
  })

  it('records, faults and authenticates a SCIM path that no route serves, then answers 404', async () => {
    const app = testApp({ faults: [{ route: 'GET /Nothing', status: 503, next: 1 }] })
    const path = `${BASE}/Nothing`
    expect((await app.request(path)).status).toBe(503)
    expect((await app.request(path)).status).toBe(401)
    const found = await app.request(path, { headers: auth })
    expect(found.status).toBe(404)
    expect(found.headers.get('content-type')).toBe('application/scim+json')
    expect(((await found.json()) as { detail: string }).detail).toMatch(
      /not a ClearID SCIM resource/,
    )
    const statuses = app.mock.traffic.records('acme').map((record) => record.response?.status)
    expect(statuses).toEqual([503, 401, 404])
  })
})
