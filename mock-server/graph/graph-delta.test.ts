import { describe, expect, it } from 'vitest'
import type { TestResponse } from '../test/test-response.ts'
import { admin, allPages, graphClient, graphTestApp } from '../test/graph-test-client.ts'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const users = (count: number) =>
  Array.from({ length: count }, (_, n) => ({
    id: id(n),
    userPrincipalName: `u${n}@fabrikam.onmicrosoft.com`,
    displayName: `User ${n}`,
    givenName: 'User',
    jobTitle: 'Guard',
  }))

/** A full delta round from `first`; returns the pages and the deltaLink at the end. */
async function round(get: (path: string) => Promise<TestResponse>, first: string) {
  const pages = await allPages(get, first)
  const deltaLink = pages.at(-1)?.body['@odata.deltaLink'] as string
  return { pages, deltaLink, value: pages.flatMap((p) => p.body.value) }
}

describe('GET /users/delta', () => {
  it('lists every user in a first round, paged by Prefer: odata.maxpagesize, ending in a deltaLink', async () => {
    const graph = await graphClient(graphTestApp({ tenant: { export: { users: users(5) } } }))
    const first = await graph.get('/users/delta?$select=displayName', {
      Prefer: 'odata.maxpagesize=2',
    })
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2')
    expect(first.body['@odata.context']).toBe(
      'http://localhost/graph/v1.0/$metadata#users(displayName)',
    )
    expect(first.body['@odata.nextLink']).toMatch(
      /^http:\/\/localhost\/graph\/v1\.0\/users\/delta\?\$skiptoken=/,
    )
    const { pages, deltaLink, value } = await round(graph.get, first.body['@odata.nextLink'])
    expect([first, ...pages].map((p) => p.body.value.length)).toEqual([2, 2, 1])
    expect(deltaLink).toMatch(/^http:\/\/localhost\/graph\/v1\.0\/users\/delta\?\$deltatoken=/)
    expect(
      [...first.body.value, ...value].map((u: { displayName: string }) => u.displayName),
    ).toEqual([0, 1, 2, 3, 4].map((n) => `User ${n}`))
    // Query options travel in the tokens: later pages keep the $select.
    expect(Object.keys(value[0])).toEqual(['displayName'])
  })

  it('returns exactly the changed user after an edit, and nothing when nothing changed', async () => {
    const app = graphTestApp({ tenant: { export: { users: users(300) } } })
    const graph = await graphClient(app)
    const initial = await round(graph.get, '/users/delta?$select=displayName,jobTitle')
    expect(initial.value).toHaveLength(300)
    const quiet = await round(graph.get, initial.deltaLink)
    expect(quiet.value).toEqual([])
    expect(
      (await admin(app, 'PATCH', `/users/${id(123)}`, { jobTitle: 'Supervisor' })).status,
    ).toBe(200)
    const changed = await round(graph.get, quiet.deltaLink)
    expect(changed.value).toEqual([{ displayName: 'User 123', jobTitle: 'Supervisor' }])
    // The next round starts after that change.
    expect((await round(graph.get, changed.deltaLink)).value).toEqual([])
  })

  it('tracks only the selected properties, as Graph does', async () => {
    const app = graphTestApp({ tenant: { export: { users: users(3) } } })
    const graph = await graphClient(app)
    const selected = await round(graph.get, '/users/delta?$select=displayName')
    const all = await round(graph.get, '/users/delta')
    await admin(app, 'PATCH', `/users/${id(1)}`, { jobTitle: 'Supervisor' })
    expect((await round(graph.get, selected.deltaLink)).value).toEqual([])
    expect((await round(graph.get, all.deltaLink)).value.map((u: { id: string }) => u.id)).toEqual([
      id(1),
    ])
  })

  it('reports deleted users with @removed: changed (soft) or deleted (permanent)', async () => {
    const app = graphTestApp({ tenant: { export: { users: users(4) } } })
    const graph = await graphClient(app)
    const initial = await round(graph.get, '/users/delta?$select=displayName')
    await admin(app, 'DELETE', `/users/${id(0)}`)
    await admin(app, 'DELETE', `/users/${id(2)}?permanent=true`)
    await admin(app, 'POST', '/users', {
      id: id(9),
      userPrincipalName: 'new@fabrikam.onmicrosoft.com',
      displayName: 'Newcomer',
    })
    expect((await round(graph.get, initial.deltaLink)).value).toEqual([
      { id: id(0), '@removed': { reason: 'changed' } },
      { id: id(2), '@removed': { reason: 'deleted' } },
      { displayName: 'Newcomer' },
    ])
  })

  it('filters on id only, and refuses a $top or a tampered token', async () => {
    const graph = await graphClient(graphTestApp({ tenant: { export: { users: users(3) } } }))
    const byId = await graph.get(
      `/users/delta?$filter=${encodeURIComponent(`id eq '${id(2)}'`)}&$select=displayName`,
    )
    expect(byId.body.value).toEqual([{ displayName: 'User 2' }])
    const other = await graph.get(
      `/users/delta?$filter=${encodeURIComponent("displayName eq 'x'")}`,
    )
    expect(other.status).toBe(400)
    expect(other.body.error.code).toBe('Request_UnsupportedQuery')
    expect((await graph.get('/users/delta?$top=5')).status).toBe(400)
    expect((await graph.get('/users/delta?$deltatoken=RFNwdAIAAQnope')).status).toBe(400)
  })

  it('starts from now with $deltatoken=latest: an empty page and a deltaLink that reports later changes', async () => {
    const app = graphTestApp({ tenant: { export: { users: users(3) } } })
    const graph = await graphClient(app)
    const latest = await graph.get('/users/delta?$select=displayName,jobTitle&$deltatoken=latest')
    expect(latest.status).toBe(200)
    expect(latest.body.value).toEqual([])
    expect(latest.body['@odata.nextLink']).toBeUndefined()
    await admin(app, 'PATCH', `/users/${id(2)}`, { jobTitle: 'Supervisor' })
    expect((await round(graph.get, latest.body['@odata.deltaLink'])).value).toEqual([
      { displayName: 'User 2', jobTitle: 'Supervisor' },
    ])
  })
})
