import { describe, expect, it } from 'vitest'
import type { Step } from './http/pipeline.ts'
import { UniquenessConflict } from './store/identity-store.ts'
import { BASE, call, testApp, userBody } from './test/scim-test-client.ts'

describe('createApp({ components })', () => {
  it('runs the added SCIM steps after recording and faults, before authentication', async () => {
    const seen: string[] = []
    const teapot: Step = (c, next) => {
      seen.push(`${c.req.method} ${c.req.path}`)
      return c.req.header('x-teapot') === undefined ? next() : new Response(null, { status: 418 })
    }
    const app = testApp({
      faults: [{ route: 'GET /Users', status: 503, next: 1 }],
      components: { scimSteps: () => [teapot] },
    })
    expect((await call(app, 'GET', 'Users')).status).toBe(503)
    expect((await call(app, 'GET', 'Users', undefined, { 'x-teapot': '1' })).status).toBe(418)
    expect((await call(app, 'GET', 'Users', undefined, { Authorization: '' })).status).toBe(401)
    expect(seen).toEqual([`GET ${BASE}/Users`, `GET ${BASE}/Users`])
    const statuses = app.mock.traffic.records('acme').map((record) => record.response?.status)
    expect(statuses).toEqual([503, 418, 401])
  })

  it('hands the SCIM key check its own step to wrap', async () => {
    const app = testApp({
      components: {
        scimAuth: (auth) => (c, next) =>
          c.req.header('x-trusted') === undefined ? auth(c, next) : next(),
      },
    })
    const headers = { Authorization: '', 'x-trusted': '1' }
    expect((await call(app, 'GET', 'Users', undefined, headers)).status).toBe(200)
    expect((await call(app, 'GET', 'Users', undefined, { Authorization: '' })).status).toBe(401)
  })

  it('hands User validation the mock’s own checks', async () => {
    const app = testApp({
      components: {
        validateUser: (validate) => (identity) =>
          validate(identity).filter((issue) => issue.attribute !== 'displayName'),
      },
    })
    const created = await call(app, 'POST', 'Users', userBody({ displayName: undefined }))
    expect(created.status).toBe(201)
    const refused = await call(app, 'POST', 'Users', userBody({}, { email: 'not-an-address' }))
    expect(refused.status).toBe(400)
  })

  it('hands User storage the mock’s own, with the app state', async () => {
    const saved: string[] = []
    const app = testApp({
      components: {
        saveUser: (save, ctx) => (identity, type) => {
          saved.push(type)
          try {
            save(identity, type)
          } catch (error) {
            if (!(error instanceof UniquenessConflict)) throw error
            expect(ctx.store.findByUserName(identity.accountId, error.value)).toBeDefined()
          }
        },
      },
    })
    const body = userBody()
    const first = await call(app, 'POST', 'Users', body)
    expect((await call(app, 'POST', 'Users', body)).status).toBe(201)
    await call(app, 'DELETE', `Users/${first.body.id}`)
    expect(saved).toEqual(['IdentityCreated', 'IdentityCreated', 'IdentityDeleted'])
    expect((await call(app, 'GET', 'Users')).body.totalResults).toBe(0)
  })
})
