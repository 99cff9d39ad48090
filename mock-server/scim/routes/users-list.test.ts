import { beforeAll, describe, expect, it } from 'vitest'
import { CLEARID_USER_EXTENSION } from '../../../model/attributes.ts'
import type { MockApp } from '../../app.ts'
import { call, ext, testApp, userBody } from '../../test/scim-test-client.ts'

describe('GET /Users: filter, paging, projection', () => {
  let app: MockApp
  const users: Record<string, unknown>[] = []

  beforeAll(async () => {
    app = testApp()
    for (let i = 0; i < 12; i++) {
      const res = await call(
        app,
        'POST',
        'Users',
        userBody(
          { userName: `Person${i}@Contoso.com` },
          { externalId: `EXT-${i}`, departmentName: i % 2 ? 'Sales' : 'R&D' },
        ),
      )
      users.push(res.body)
    }
  })

  it('answers Entra’s form-encoded lookup (+ for spaces, %22 for quotes)', async () => {
    const res = await call(app, 'GET', 'Users?filter=userName+eq+%22person3%40contoso.com%22')
    expect(res.status).toBe(200)
    expect(res.body.totalResults).toBe(1)
    expect(res.body.Resources[0].id).toBe(users[3]!.id)
  })

  it('answers a lookup that matches nothing with 200 and an empty list', async () => {
    const res = await call(app, 'GET', 'Users?filter=userName+eq+%22cf4d78e8-0000%22')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      totalResults: 0,
      Resources: [],
      startIndex: 1,
      itemsPerPage: 0,
    })
  })

  it('matches externalId exactly, with or without the extension URN', async () => {
    for (const attribute of ['externalId', `${CLEARID_USER_EXTENSION}:externalId`]) {
      const hit = await call(
        app,
        'GET',
        `Users?filter=${encodeURIComponent(`${attribute} eq "EXT-5"`)}`,
      )
      expect(hit.body.totalResults).toBe(1)
      expect(ext(hit.body.Resources[0]).externalId).toBe('EXT-5')
      const miss = await call(
        app,
        'GET',
        `Users?filter=${encodeURIComponent(`${attribute} eq "ext-5"`)}`,
      )
      expect(miss.body.totalResults).toBe(0)
    }
  })

  it('evaluates the full grammar by scanning', async () => {
    const filter = encodeURIComponent('departmentName eq "Sales" and not (userName sw "person1")')
    const res = await call(app, 'GET', `Users?filter=${filter}`)
    // Sales: odd i (1,3,5,7,9,11); minus those starting with person1 (1, 11).
    expect(res.body.totalResults).toBe(4)
  })

  it.each(['userName eq', 'userName equals "x"', '(userName eq "x"', 'userName eq "x" garbage'])(
    'refuses %j with 400 invalidFilter',
    async (filter) => {
      const res = await call(app, 'GET', `Users?filter=${encodeURIComponent(filter)}`)
      expect(res.status).toBe(400)
      expect(res.body.scimType).toBe('invalidFilter')
    },
  )

  it('pages 1-based with startIndex and count', async () => {
    const res = await call(app, 'GET', 'Users?startIndex=3&count=4')
    expect(res.body).toMatchObject({ totalResults: 12, startIndex: 3, itemsPerPage: 4 })
    expect(res.body.Resources.map((r: { id: string }) => r.id)).toEqual(
      users.slice(2, 6).map((u) => u.id),
    )
  })

  it('treats startIndex below 1 as 1, count=0 as totals only, and caps count', async () => {
    const low = await call(app, 'GET', 'Users?startIndex=0&count=2')
    expect(low.body.startIndex).toBe(1)
    const totals = await call(app, 'GET', 'Users?count=0')
    expect(totals.body).toMatchObject({ totalResults: 12, itemsPerPage: 0, Resources: [] })
    const capped = await call(testApp({ behaviour: { maxResults: 5 } }), 'GET', 'Users?count=1000')
    expect(capped.status).toBe(200)
    const beyond = await call(app, 'GET', 'Users?startIndex=50')
    expect(beyond.body).toMatchObject({ totalResults: 12, itemsPerPage: 0, Resources: [] })
  })

  it('refuses a non-numeric startIndex with 400 invalidValue', async () => {
    const res = await call(app, 'GET', 'Users?startIndex=abc')
    expect(res.status).toBe(400)
    expect(res.body.scimType).toBe('invalidValue')
  })

  it('honours attributes and excludedAttributes, always returning id and schemas', async () => {
    const only = await call(app, 'GET', `Users/${users[0]!.id}?attributes=userName`)
    expect(Object.keys(only.body).sort()).toEqual(['id', 'schemas', 'userName'])
    const extOnly = await call(
      app,
      'GET',
      `Users?attributes=${encodeURIComponent(`${CLEARID_USER_EXTENSION}:externalId`)}&count=1`,
    )
    expect(ext(extOnly.body.Resources[0])).toEqual({ externalId: 'EXT-0' })
    const without = await call(
      app,
      'GET',
      `Users/${users[0]!.id}?excludedAttributes=displayName,id`,
    )
    expect(without.body.displayName).toBeUndefined()
    expect(without.body.id).toBe(users[0]!.id)
  })

  it('answers POST /.search like GET', async () => {
    const res = await call(app, 'POST', 'Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "PERSON7@contoso.com"',
      attributes: ['userName'],
    })
    expect(res.status).toBe(200)
    expect(res.body.totalResults).toBe(1)
    expect(res.body.Resources[0].displayName).toBeUndefined()
  })
})
