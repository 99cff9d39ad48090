import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../node/serve.ts'
import { nextRecord } from './next-record.ts'
import { BASE, KEY, testApp, userBody } from './scim-test-client.ts'

describe('the mock over HTTP (node adapter, supertest)', () => {
  let server: RunningServer
  const app = testApp()

  beforeAll(async () => {
    server = await startServer(app)
  })
  afterAll(() => server.close())

  it('records the headers the route set, not what the adapter adds while writing', async () => {
    const recorded = nextRecord(app)
    const res = await request(server.url).get(`${BASE}/Users`).set('Authorization', `Bearer ${KEY}`)
    expect(res.headers['content-length']).toBeDefined()
    const record = await recorded
    expect(record.response?.headers).toEqual({ 'content-type': 'application/scim+json' })
  })

  it('answers the health check without auth', async () => {
    const res = await request(server.url).get('/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  it('creates, reads, patches and deletes a user', async () => {
    const auth = { Authorization: `Bearer ${KEY}` }
    const created = await request(server.url)
      .post(`${BASE}/Users`)
      .set(auth)
      .set('Content-Type', 'application/scim+json')
      .send(JSON.stringify(userBody()))
    expect(created.status).toBe(201)
    const id = JSON.parse(created.text).id as string
    expect(created.headers.location).toBe(`${server.url}${BASE}/Users/${id}`)
    const read = await request(server.url).get(`${BASE}/Users/${id}`).set(auth)
    expect(read.status).toBe(200)
    expect(read.headers['content-type']).toBe('application/scim+json')
    const patched = await request(server.url)
      .patch(`${BASE}/Users/${id}`)
      .set(auth)
      .set('Content-Type', 'application/scim+json')
      .send(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
        }),
      )
    expect(patched.status).toBe(200)
    expect(JSON.parse(patched.text).active).toBe(false)
    expect((await request(server.url).delete(`${BASE}/Users/${id}`).set(auth)).status).toBe(204)
    expect((await request(server.url).get(`${BASE}/Users/${id}`).set(auth)).status).toBe(404)
  })

  it('creates exactly one identity from 50 simultaneous POSTs with the same externalId', async () => {
    const body = userBody({}, { externalId: 'race-1' })
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${server.url}${BASE}/Users`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' },
          body: JSON.stringify({ ...body, userName: `racer${i}@example.com` }),
        }).then((r) => r.status),
      ),
    )
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    const filter = encodeURIComponent('externalId eq "race-1"')
    const list = await fetch(`${server.url}${BASE}/Users?filter=${filter}`, {
      headers: { Authorization: `Bearer ${KEY}` },
    }).then((r) => r.json() as Promise<{ totalResults: number }>)
    expect(list.totalResults).toBe(1)
  })
})
