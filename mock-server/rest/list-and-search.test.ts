import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  api,
  OTHER,
  restIdentity,
  restTestApp,
  SEARCH,
  testClock,
  V2,
  V3,
} from '../control/rest-test-client.ts'

let app: MockApp
let token: string

beforeEach(async () => {
  app = restTestApp()
  token = await accessToken(app)
})

async function createMany(count: number, prefix = 'id'): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const res = await api(app, token, 'POST', V2, restIdentity(`${prefix}-${i}`))
    ids.push(res.body.identityId as string)
  }
  return ids
}

/** The v3 list with `pageSize` identities per page (a behaviour switch: no query parameter). */
async function withPageSize(pageSize: number): Promise<void> {
  app = restTestApp({ behaviour: { v3PageSize: pageSize } })
  token = await accessToken(app)
}

async function listAll(between?: (page: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = []
  let continuation: string | null = null
  let page = 0
  do {
    // The PHP v3 client starts with an empty `continuation=` and loops until it comes back empty.
    const res = await api(
      app,
      token,
      'GET',
      `${V3}?continuation=${encodeURIComponent(continuation ?? '')}`,
    )
    expect(res.status).toBe(200)
    seen.push(...res.body.identities.map((i: { identityId: string }) => i.identityId))
    continuation = res.body.continuation
    // Identities created after the last page are, correctly, not part of this listing.
    if (continuation) await between?.(page++)
  } while (continuation)
  return seen
}

describe('identity service v3: continuation list', () => {
  it('pages through every identity once; continuation is null on the last page', async () => {
    await withPageSize(2)
    const ids = await createMany(5)
    const first = await api(app, token, 'GET', `${V3}?include=SystemData`)
    expect(first.body.identities).toHaveLength(2)
    expect(first.body.identities[0].systemData.externalId).toBe('id-0')
    expect(typeof first.body.continuation).toBe('string')
    expect(await listAll()).toEqual(ids)
    const single = await api(app, token, 'GET', V3.replace('acme', 'other'), undefined, {
      Authorization: `Bearer ${await accessToken(app, OTHER)}`,
    })
    expect(single.body).toEqual({ identities: [], continuation: null })
  })

  it('has no pageSize parameter: ClearID clients send only continuation (it is ignored)', async () => {
    const ids = await createMany(3)
    const res = await api(app, token, 'GET', `${V3}?pageSize=1&PageSize=2`)
    expect(res.status).toBe(200)
    expect(res.body.identities.map((i: { identityId: string }) => i.identityId)).toEqual(ids)
    expect(res.body.continuation).toBeNull()
  })

  it('lists deleted identities with isDeleted: true, like search, until they are purged', async () => {
    const clock = testClock()
    app = restTestApp({ clock: clock.clock, behaviour: { deletedRetentionMs: 60_000 } })
    token = await accessToken(app)
    const ids = await createMany(2)
    await api(app, token, 'DELETE', `${V2}/${ids[0]}`)
    const listed = await api(app, token, 'GET', V3)
    expect(
      listed.body.identities.map((i: { identityId: string; isDeleted: boolean }) => [
        i.identityId,
        i.isDeleted,
      ]),
    ).toEqual([
      [ids[0], true],
      [ids[1], false],
    ])
    clock.advance(60_001)
    const later = await api(app, token, 'GET', V3)
    expect(later.body.identities.map((i: { identityId: string }) => i.identityId)).toEqual([ids[1]])
  })

  it('binds continuation and include in any case', async () => {
    await withPageSize(1)
    await createMany(2)
    const first = await api(app, token, 'GET', `${V3}?INCLUDE=systemdata`)
    const next = await api(
      app,
      token,
      'GET',
      `${V3}?Continuation=${encodeURIComponent(first.body.continuation)}&Include=SystemData`,
    )
    expect(next.body.identities[0].systemData.externalId).toBe('id-1')
    expect(next.body.continuation).toBeNull()
  })

  it('lists identities created and deleted while paging exactly once (creation order, not offsets)', async () => {
    await withPageSize(2)
    const ids = await createMany(4)
    const added: string[] = []
    const seen = await listAll(async (page) => {
      if (page === 0) {
        await api(app, token, 'DELETE', `${V2}/${ids[0]}`)
        await api(app, token, 'DELETE', `${V2}/${ids[1]}`)
        added.push(...(await createMany(3, 'late')))
      }
    })
    expect(seen).toEqual([ids[0], ids[1], ids[2], ids[3], ...added])
  })

  it('property: concurrent creates never make a page skip or repeat an identity', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 5 }),
        async (initial, pageSize, inserts) => {
          await withPageSize(pageSize)
          const ids = await createMany(initial, 'p')
          const seen = await listAll(async (page) => {
            ids.push(...(await createMany(inserts[page] ?? 0, `p${page}-`)))
          })
          expect(seen).toEqual(ids)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('refuses a tampered, foreign or malformed continuation with 400', async () => {
    await withPageSize(1)
    await createMany(3)
    const { body } = await api(app, token, 'GET', V3)
    const cursor = body.continuation as string
    const [payload, mac] = cursor.split('.') as [string, string]
    const forged = `${btoa(JSON.stringify({ a: 'acme', i: 'x' })).replace(/=+$/, '')}.${mac}`
    for (const bad of [forged, `${payload}.${mac.slice(1)}x`, 'garbage', `${cursor}.extra`]) {
      const res = await api(app, token, 'GET', `${V3}?continuation=${encodeURIComponent(bad)}`)
      expect(res.status).toBe(400)
      expect(res.body.errors.continuation).toBeDefined()
    }
    const otherToken = await accessToken(app, OTHER)
    const foreign = await api(
      app,
      otherToken,
      'GET',
      `/identityservice/api/v3/accounts/other/identities?continuation=${encodeURIComponent(cursor)}`,
    )
    expect(foreign.status).toBe(400)
  })
})

describe('search service', () => {
  it('answers {totalItems, results} with skip/take, deleted identities flagged', async () => {
    const ids = await createMany(5)
    await api(app, token, 'DELETE', `${V2}/${ids[1]}`)
    const res = await api(app, token, 'POST', SEARCH, { skip: 1, take: 2 })
    expect(res.status).toBe(200)
    expect(res.body.totalItems).toBe(5)
    expect(
      res.body.results.map((r: { identityId: string; isDeleted: boolean }) => [
        r.identityId,
        r.isDeleted,
      ]),
    ).toEqual([
      [ids[1], true],
      [ids[2], false],
    ])
    expect(res.body.results[0].systemData.externalId).toBe('id-1')
  })

  it('reads skip and take in any case, as ASP.NET binds JSON members', async () => {
    const ids = await createMany(3)
    const res = await api(app, token, 'POST', SEARCH, { Skip: 2, TAKE: 1 })
    expect(res.body.results.map((r: { identityId: string }) => r.identityId)).toEqual([ids[2]])
  })

  it('defaults to skip 0, take 100; take 0 counts only', async () => {
    await createMany(3)
    expect((await api(app, token, 'POST', SEARCH, {})).body.results).toHaveLength(3)
    const count = await api(app, token, 'POST', SEARCH, { take: 0 })
    expect(count.body).toEqual({ totalItems: 3, results: [] })
  })

  it.each([
    [{ take: 101 }, 'take'],
    [{ skip: -1 }, 'skip'],
    [{ take: 'all' }, 'take'],
  ])('refuses %j with 400', async (body, field) => {
    const res = await api(app, token, 'POST', SEARCH, body)
    expect(res.status).toBe(400)
    expect(res.body.errors[field]).toBeDefined()
  })
})
