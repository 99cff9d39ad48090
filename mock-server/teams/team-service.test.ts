/**
 * The role service (teams, their members, an identity's teams) and the search of teams, in the
 * shapes the SailPoint connector (fernando-delosrios/ClearID) and identity-hub's DTOs use.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  admin,
  api,
  OTHER,
  restIdentity,
  restTestApp,
  V2,
} from '../control/rest-test-client.ts'

const ROLES = '/roleservice/api/v3/accounts/acme'
const SEARCH_TEAMS = '/searchservice/api/v1/accounts/acme/teams'

let app: MockApp
let token: string

beforeEach(async () => {
  app = restTestApp()
  token = await accessToken(app)
})

async function team(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api(app, token, 'POST', `${ROLES}/teams`, { name, ...extra })
  expect(res.status).toBe(201)
  return res.body.teamId as string
}

async function identity(externalId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api(app, token, 'POST', V2, restIdentity(externalId, extra))
  expect(res.status).toBe(201)
  return res.body.identityId as string
}

const addMembers = (teamId: string, body: unknown) =>
  api(app, token, 'POST', `${ROLES}/teams/${teamId}/members`, body)
const removeMembers = (teamId: string, body: unknown) =>
  api(app, token, 'DELETE', `${ROLES}/teams/${teamId}/members`, body)
const teamsOf = async (identityId: string) =>
  (await api(app, token, 'GET', `${ROLES}/identities/${identityId}/teams`)).body.teams as {
    teamId: string
    sourceId: string
  }[]

describe('role service: teams', () => {
  it('creates, reads, lists and deletes a team', async () => {
    const created = await api(app, token, 'POST', `${ROLES}/teams`, {
      name: 'Contractors',
      description: 'Badge access for contractors',
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe(`${ROLES}/teams/${created.body.teamId}`)
    expect(created.body).toMatchObject({
      name: 'Contractors',
      description: 'Badge access for contractors',
      status: 'Active',
      isDeleted: false,
    })
    const id = created.body.teamId as string
    expect((await api(app, token, 'GET', `${ROLES}/teams/${id}`)).body).toEqual(created.body)
    expect((await api(app, token, 'GET', `${ROLES}/teams`)).body.teams).toHaveLength(1)
    expect((await api(app, token, 'DELETE', `${ROLES}/teams/${id}`)).status).toBe(204)
    expect((await api(app, token, 'GET', `${ROLES}/teams/${id}`)).status).toBe(404)
    expect((await api(app, token, 'GET', `${ROLES}/teams`)).body.teams).toEqual([])
  })

  it('refuses a team without a name or with an unknown status', async () => {
    const nameless = await api(app, token, 'POST', `${ROLES}/teams`, { description: 'x' })
    expect(nameless.status).toBe(400)
    expect(nameless.body.errors).toHaveProperty('name')
    const status = await api(app, token, 'POST', `${ROLES}/teams`, { name: 'x', status: 'Gone' })
    expect(status.body.errors).toHaveProperty('status')
  })

  it('adds and removes members; an identity lists its teams', async () => {
    const engineers = await team('Engineers')
    const pilots = await team('Pilots')
    const ada = await identity('t-1', { email: 'ada@example.com' })
    const grace = await identity('t-2')
    const added = await addMembers(engineers, {
      identityIds: [ada, grace],
      reason: 'IdentityNow',
      sourceId: 'TeamService',
    })
    expect(added.status).toBe(204)
    await addMembers(pilots, { identityIds: [ada], reason: 'IdentityNow', sourceId: 'TeamService' })
    expect((await teamsOf(ada)).map((t) => t.teamId)).toEqual([engineers, pilots])
    const members = (await api(app, token, 'GET', `${ROLES}/teams/${engineers}/members`)).body
    expect(members.teamMembers).toHaveLength(2)
    expect(members.teamMembers[0]).toEqual({
      teamId: engineers,
      teamName: 'Engineers',
      identityId: ada,
      identityName: 'Identity t-1',
      identityEmail: 'ada@example.com',
      identityJobTitle: null,
      identityCompanyName: null,
      identityDepartmentName: null,
      sourceId: 'TeamService',
      startDateTimeUtc: null,
      endDateTimeUtc: null,
    })
    const removed = await removeMembers(engineers, {
      teamMembers: [{ identityId: ada, sourceId: 'TeamService' }],
      reason: 'IdentityNow',
    })
    expect(removed.status).toBe(204)
    expect((await teamsOf(ada)).map((t) => t.teamId)).toEqual([pilots])
    // Removing again is not an error: the end state holds.
    expect(
      (await removeMembers(engineers, { teamMembers: [{ identityId: ada }], reason: 'x' })).status,
    ).toBe(204)
  })

  it('adding is atomic: an unknown identity adds nobody; the bodies are checked', async () => {
    const id = await team('Visitors')
    const ada = await identity('t-3')
    const refused = await addMembers(id, { identityIds: [ada, 'nope'], reason: 'x' })
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatch(/"nope"/)
    expect(await teamsOf(ada)).toEqual([])
    for (const body of [{}, { identityIds: [] }, { identityIds: [7] }, { identityIds: 'x' }]) {
      expect((await addMembers(id, body)).status, JSON.stringify(body)).toBe(400)
    }
    const dates = await addMembers(id, {
      identityIds: [ada],
      startDateTimeUtc: '2026-02-01T00:00:00Z',
      endDateTimeUtc: '2026-01-01T00:00:00Z',
    })
    expect(dates.body.errors).toHaveProperty('endDateTimeUtc')
    const wrongShape = await removeMembers(id, { identityIds: [ada] })
    expect(wrongShape.status).toBe(400)
    expect(wrongShape.body.detail).toMatch(/teamMembers/)
  })

  it('keeps a membership per source, and its period', async () => {
    const id = await team('Night shift')
    const ada = await identity('t-4')
    await addMembers(id, { identityIds: [ada], sourceId: 'TeamService' })
    await addMembers(id, {
      identityIds: [ada],
      sourceId: 'EntraGroupSync',
      startDateTimeUtc: '2026-01-01T08:00:00+01:00',
      endDateTimeUtc: null,
    })
    const teams = await teamsOf(ada)
    expect(teams.map((t) => t.sourceId)).toEqual(['TeamService', 'EntraGroupSync'])
    expect(teams[1]).toMatchObject({ startDateTimeUtc: '2026-01-01T07:00:00.000Z' })
    await removeMembers(id, { teamMembers: [{ identityId: ada, sourceId: 'TeamService' }] })
    expect((await teamsOf(ada)).map((t) => t.sourceId)).toEqual(['EntraGroupSync'])
  })

  it('lists members with count and searchText', async () => {
    const id = await team('Everyone')
    const ids = [
      await identity('t-5', { displayName: 'Ada Lovelace' }),
      await identity('t-6', { displayName: 'Grace Hopper' }),
      await identity('t-7', { displayName: 'Alan Turing', email: 'alan@example.com' }),
    ]
    await addMembers(id, { identityIds: ids })
    const list = (query: string) =>
      api(app, token, 'GET', `${ROLES}/teams/${id}/members${query}`).then(
        (r) => r.body.teamMembers?.map((m: { identityName: string }) => m.identityName) ?? r.status,
      )
    expect(await list('?count=2')).toEqual(['Ada Lovelace', 'Grace Hopper'])
    expect(await list('?searchText=ALAN')).toEqual(['Alan Turing'])
    expect(await list('?searchText=example.com')).toEqual(['Alan Turing'])
    expect(await list('?count=0')).toBe(400)
    // Parameter names in any case, as the other REST services bind them.
    expect(await list('?Count=1&SearchText=a')).toEqual(['Ada Lovelace'])
  })

  it('a deleted identity leaves its teams; a deleted team loses its members', async () => {
    const id = await team('Temporary')
    const ada = await identity('t-8')
    const grace = await identity('t-9')
    await addMembers(id, { identityIds: [ada, grace] })
    await api(app, token, 'DELETE', `${V2}/${ada}`)
    const members = (await api(app, token, 'GET', `${ROLES}/teams/${id}/members`)).body
    expect(members.teamMembers.map((m: { identityId: string }) => m.identityId)).toEqual([grace])
    expect((await api(app, token, 'GET', `${ROLES}/identities/${ada}/teams`)).status).toBe(404)
    await api(app, token, 'DELETE', `${ROLES}/teams/${id}`)
    expect(await teamsOf(grace)).toEqual([])
    expect((await addMembers(id, { identityIds: [grace] })).status).toBe(404)
  })

  it('clearing the account identities empties the teams but keeps them', async () => {
    const id = await team('Kept')
    await addMembers(id, { identityIds: [await identity('t-10')] })
    expect((await admin(app, 'DELETE', '/accounts/acme/identities')).status).toBe(204)
    const again = await identity('t-10')
    expect(await teamsOf(again)).toEqual([])
    expect((await api(app, token, 'GET', `${ROLES}/teams/${id}`)).status).toBe(200)
  })

  it("the account's request log lists the role and principal services' requests", async () => {
    const id = await team('Logged')
    await api(app, token, 'GET', `${ROLES}/teams/${id}`)
    const ada = await identity('t-11')
    await api(app, token, 'GET', `/principalservice/api/v2/accounts/acme/identityPrincipals/${ada}`)
    const entries = (await admin(app, 'GET', '/accounts/acme/log')).body.entries as {
      surface: string
      method: string
      status: number
    }[]
    expect(entries.slice(0, 2).map((e) => [e.surface, e.method, e.status])).toEqual([
      ['principalservice', 'GET', 200],
      ['identityservice', 'POST', 201],
    ])
    expect(entries.map((e) => e.surface)).toContain('roleservice')
  })

  it('needs a token of the account; teams are per account', async () => {
    const id = await team('Acme only')
    expect((await api(app, 'x', 'GET', `${ROLES}/teams/${id}`)).status).toBe(401)
    const other = await accessToken(app, OTHER)
    expect((await api(app, other, 'GET', `${ROLES}/teams/${id}`)).status).toBe(403)
    const otherTeams = '/roleservice/api/v3/accounts/other/teams'
    expect((await api(app, other, 'GET', `${otherTeams}/${id}`)).status).toBe(404)
    const search = '/searchservice/api/v1/accounts/other/teams'
    expect((await api(app, other, 'POST', search, {})).body).toEqual({ totalItems: 0, results: [] })
  })
})

describe('search service: teams', () => {
  it('pages with skip/take, lists deleted teams with isDeleted, caps take at 100', async () => {
    const ids = [await team('A'), await team('B'), await team('C')]
    await api(app, token, 'DELETE', `${ROLES}/teams/${ids[1]}`)
    const first = await api(app, token, 'POST', SEARCH_TEAMS, { skip: 0, take: 2 })
    expect(first.body.totalItems).toBe(3)
    expect(first.body.results.map((t: { name: string }) => t.name)).toEqual(['A', 'B'])
    expect(first.body.results[1]).toMatchObject({ teamId: ids[1], isDeleted: true })
    const rest = await api(app, token, 'POST', SEARCH_TEAMS, { skip: 2, take: 2 })
    expect(rest.body.results.map((t: { name: string }) => t.name)).toEqual(['C'])
    expect((await api(app, token, 'POST', SEARCH_TEAMS, { take: 101 })).status).toBe(400)
    expect((await api(app, token, 'POST', SEARCH_TEAMS, [])).status).toBe(400)
    // Member names in any case, as the identity search reads them.
    const named = await api(app, token, 'POST', SEARCH_TEAMS, { Skip: 2, TAKE: 1 })
    expect(named.body.results.map((t: { name: string }) => t.name)).toEqual(['C'])
  })
})
