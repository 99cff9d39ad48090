import { describe, expect, it } from 'vitest'
import { allPages, graphClient, graphTestApp } from '../test/graph-test-client.ts'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const GUARDS = '9a000000-0000-4000-8000-000000000001'
const SECURITY = '9a000000-0000-4000-8000-000000000002'
const EMPTY = '9a000000-0000-4000-8000-000000000003'

/** Security contains Guards (nested) and user 0; Guards holds users 1–5 and a device. */
const EXPORT = {
  users: Array.from({ length: 6 }, (_, n) => ({
    id: id(n),
    userPrincipalName: `u${n}@fabrikam.onmicrosoft.com`,
    displayName: `User ${n}`,
  })),
  groups: [
    {
      id: GUARDS,
      displayName: 'Guards',
      members: [
        ...[1, 2, 3, 4, 5].map((n) => ({ '@odata.type': '#microsoft.graph.user', id: id(n) })),
        { '@odata.type': '#microsoft.graph.device', id: '9a000000-0000-4000-8000-0000000000dd' },
      ],
    },
    {
      id: SECURITY,
      displayName: 'Security',
      mailEnabled: true,
      mail: 'security@fabrikam.example',
      members: [
        { '@odata.type': '#microsoft.graph.group', id: GUARDS },
        { '@odata.type': '#microsoft.graph.user', id: id(0) },
      ],
    },
    { id: EMPTY, displayName: 'Empty' },
  ],
}

const app = () => graphTestApp({ tenant: { export: EXPORT } })

describe('GET /groups', () => {
  it('lists groups with Graph’s default properties, and filters them', async () => {
    const graph = await graphClient(app())
    const all = await graph.get('/groups')
    expect(all.body['@odata.context']).toBe('http://localhost/graph/v1.0/$metadata#groups')
    expect(all.body.value.map((g: { displayName: string }) => g.displayName)).toEqual([
      'Guards',
      'Security',
      'Empty',
    ])
    expect(all.body.value[1]).toMatchObject({
      id: SECURITY,
      mailEnabled: true,
      securityEnabled: true,
      groupTypes: [],
      mail: 'security@fabrikam.example',
    })
    const filtered = await graph.get(
      `/groups?$filter=${encodeURIComponent("startswith(displayName,'sec')")}&$select=id`,
    )
    expect(filtered.body.value).toEqual([{ id: SECURITY }])
    expect((await graph.get(`/groups/${EMPTY}?$select=displayName`)).body.displayName).toBe('Empty')
    expect((await graph.get('/groups/9a000000-0000-4000-8000-0000000000ff')).status).toBe(404)
  })
})

describe('GET /groups/{id}/members', () => {
  it('lists users and nested groups typed with @odata.type', async () => {
    const graph = await graphClient(app())
    const response = await graph.get(`/groups/${SECURITY}/members?$select=id,displayName`)
    expect(response.body['@odata.context']).toBe(
      'http://localhost/graph/v1.0/$metadata#directoryObjects',
    )
    expect(response.body.value).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: id(0), displayName: 'User 0' },
      { '@odata.type': '#microsoft.graph.group', id: GUARDS, displayName: 'Guards' },
    ])
  })

  it('pages members with $top and nextLink; a device in the export was left out', async () => {
    const graph = await graphClient(app())
    const pages = await allPages(graph.get, `/groups/${GUARDS}/members?$top=2&$select=id`)
    expect(pages.map((p) => p.body.value.length)).toEqual([2, 2, 1])
    expect(pages.flatMap((p) => p.body.value.map((m: { id: string }) => m.id))).toEqual(
      [1, 2, 3, 4, 5].map(id),
    )
  })

  it('resolves nested groups in transitiveMembers', async () => {
    const graph = await graphClient(app())
    const response = await graph.get(`/groups/${SECURITY}/transitiveMembers?$select=id`)
    expect(response.body.value.map((m: { id: string }) => m.id)).toEqual([
      ...[0, 1, 2, 3, 4, 5].map(id),
      GUARDS,
    ])
  })
})
