/**
 * Replays the calls of a real ClearID client, the SailPoint connector fernando-delosrios/ClearID,
 * against the mock: its token request and connection test, its aggregation (search, then per
 * identity: the identity, its teams, its principal), and its entitlement writes (team members and
 * user principals). Each call is built the way the connector builds it (src/http-client.ts, axios:
 * `baseURL` and `url` joined with one slash), with the headers and bodies it sends, and read the
 * way src/index.ts reads the answer.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import { ACME, restIdentity, restTestApp, scim, scimUser } from '../control/rest-test-client.ts'

/** The mock serves every ClearID service under one origin: `{base}/{service}`. */
const ENDPOINTS = {
  sts: '/sts',
  identity: '/identityservice/api/v2',
  search: '/searchservice/api/v1',
  role: '/roleservice/api/v3',
  principal: '/principalservice/api/v2',
} as const

/** Parsed JSON, as axios hands it to the connector. */
type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape

interface Answer {
  readonly status: number
  readonly data: Json
}

/** The connector's HTTPClient, call for call (src/http-client.ts). */
class ConnectorReplay {
  readonly accountId = ACME.accountId
  #token: string | undefined

  constructor(private readonly app: MockApp) {}

  /** axios: `baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '')`; throws on non-2xx. */
  async #axios(
    method: string,
    service: keyof typeof ENDPOINTS,
    url: string,
    headers: Record<string, string>,
    data?: unknown,
  ): Promise<Answer> {
    const path = `${ENDPOINTS[service].replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
    // axios sends the method upper-cased; fetch would not upper-case "patch".
    const init: RequestInit = { method: method.toUpperCase(), headers }
    if (data !== undefined) {
      init.body = typeof data === 'string' ? data : JSON.stringify(data)
      if (typeof data !== 'string' && !('Content-Type' in headers)) {
        init.headers = { ...headers, 'Content-Type': 'application/json' }
      }
    }
    const res = await this.app.request(`http://localhost${path}`, init)
    const text = await res.text()
    const answer = { status: res.status, data: text === '' ? '' : JSON.parse(text) }
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`)
    }
    return answer
  }

  /** getAccessToken: the form body built by hand, POST {sts}/connect/token. */
  async accessToken(): Promise<string> {
    if (this.#token) return this.#token
    const body = `client_id=${ACME.clientId}&client_secret=${ACME.clientSecret}&grant_type=client_credentials`
    const res = await this.#axios(
      'post',
      'sts',
      '/connect/token',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    )
    this.#token = res.data.access_token as string
    return this.#token
  }

  async #bearer(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.accessToken()}`, ...extra }
  }

  /** testConnection: GET {sts}/ with the bearer token; index.ts wants status 200. */
  async testConnection(): Promise<Answer> {
    return this.#axios('get', 'sts', '/', await this.#bearer())
  }

  /** getAccounts / getRoles: POST {skip, take: 100} until `totalItems` results are read. */
  async #searchAll(kind: 'identities' | 'teams'): Promise<Json[]> {
    const headers = await this.#bearer({ Accept: 'application/json' })
    const request = { skip: 0, take: 100 }
    const url = `/accounts/${this.accountId}/${kind}`
    let res = await this.#axios('post', 'search', url, headers, request)
    const total = res.data.totalItems as number
    let data = [...res.data.results]
    while (data.length < total) {
      request.skip = data.length
      res = await this.#axios('post', 'search', url, headers, request)
      data = [...data, ...res.data.results]
    }
    return data
  }

  getAccounts = () => this.#searchAll('identities')
  getRoles = () => this.#searchAll('teams')

  /** getAccount: note the `?&include=` the connector sends. */
  async getAccount(id: string): Promise<Answer> {
    const url = `/accounts/${this.accountId}/identities/${id}?&include=Ordinal&include=SystemData&include=PrivateData&include=CompanyData&include=NationalIdentityData&include=UserPermissions`
    return this.#axios('get', 'identity', url, await this.#bearer({ Accept: 'application/json' }))
  }

  async getRole(id: string): Promise<Answer> {
    const url = `/accounts/${this.accountId}/teams/${id}`
    return this.#axios('get', 'role', url, await this.#bearer({ Accept: 'application/json' }))
  }

  async getUserRoles(id: string): Promise<Answer> {
    const url = `/accounts/${this.accountId}/identities/${id}/teams`
    return this.#axios('get', 'role', url, await this.#bearer({ Accept: 'application/json' }))
  }

  async assignUserRole(roleId: string, userId: string): Promise<Answer> {
    return this.#axios(
      'post',
      'role',
      `/accounts/${this.accountId}/teams/${roleId}/members`,
      await this.#bearer({ Accept: 'application/json' }),
      { identityIds: [userId], reason: 'IdentityNow', sourceId: 'TeamService' },
    )
  }

  async removeUserRole(userId: string, roleId: string): Promise<Answer> {
    return this.#axios(
      'delete',
      'role',
      `/accounts/${this.accountId}/teams/${roleId}/members`,
      await this.#bearer({ Accept: 'application/json' }),
      { teamMembers: [{ identityId: userId, sourceId: 'TeamService' }], reason: 'IdentityNow' },
    )
  }

  /** updateAccount: the merge body under application/json-patch+json. */
  async updateAccount(id: string, data: object): Promise<Answer> {
    return this.#axios(
      'patch',
      'identity',
      `/accounts/${this.accountId}/identities/${id}`,
      await this.#bearer({ 'Content-Type': 'application/json-patch+json' }),
      data,
    )
  }

  async getIdentityPrincipal(id: string): Promise<Answer> {
    return this.#axios(
      'get',
      'principal',
      `/accounts/${this.accountId}/identityPrincipals/${id}`,
      await this.#bearer({ 'Content-Type': 'application/json' }),
    )
  }

  /** assignUserPrincipal: `url: encodeURIComponent(path)`, so the slashes arrive as %2F. */
  async assignUserPrincipal(id: string, principal: string, role: string): Promise<Answer> {
    return this.#axios(
      'put',
      'principal',
      encodeURIComponent(`/accounts/${this.accountId}/userPrincipals/${principal}`),
      await this.#bearer({ 'Content-Type': 'application/json' }),
      { identityId: id, roles: [role], principalState: 'Active' },
    )
  }

  async removeUserPrincipal(principal: string): Promise<Answer> {
    return this.#axios(
      'delete',
      'principal',
      encodeURIComponent(`/accounts/${this.accountId}/userPrincipals/${principal}`),
      await this.#bearer({ 'Content-Type': 'application/json' }),
    )
  }
}

/** src/index.ts `readAccount`: the identity, then its team ids and its principal roles. */
async function readAccount(client: ConnectorReplay, id: string) {
  const identity = (await client.getAccount(id)).data
  const roles = (await client.getUserRoles(id)).data.teams.map((x: { teamId: string }) => x.teamId)
  const principal = (await client.getIdentityPrincipal(id)).data
  const principalRoles = principal.roles ? principal.roles.map((x: string) => `[${x}]`) : []
  return { identity, roles: [...roles, ...principalRoles] as string[] }
}

let app: MockApp
let client: ConnectorReplay

beforeEach(() => {
  app = restTestApp()
  client = new ConnectorReplay(app)
})

describe('the SailPoint connector (fernando-delosrios/ClearID) against the mock', () => {
  it('std:test-connection: GET on the token service root answers 200', async () => {
    expect((await client.testConnection()).status).toBe(200)
  })

  it('std:account:list reads every identity with its teams and principal roles', async () => {
    const entra = await scim(
      app,
      'POST',
      '/Users',
      scimUser('sp-1', { email: 'sp1@example.com', isAdmin: true }),
    )
    const token = await client.accessToken()
    const rest = await app.request('/identityservice/api/v2/accounts/acme/identities', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(restIdentity('sp-2')),
    })
    const restId = ((await rest.json()) as { identityId: string }).identityId
    const listed = await client.getAccounts()
    expect(listed.map((x) => x.identityId)).toEqual([entra.body.id, restId])
    const accounts = await Promise.all(
      listed.filter((x) => !x.isDeleted).map((x) => readAccount(client, x.identityId)),
    )
    expect(accounts.map((a) => a.roles)).toEqual([['[admin]'], []])
    // src/model/account.ts reads the nested objects unguarded: they must be there.
    for (const { identity } of accounts) {
      for (const group of ['privateData', 'companyData', 'systemData']) {
        expect(identity[group], group).toBeTypeOf('object')
      }
    }
  })

  it('std:entitlement:list and read: teams from the search, one by id', async () => {
    const token = await client.accessToken()
    const created = await app.request('/roleservice/api/v3/accounts/acme/teams', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Contractors', description: 'Badge access' }),
    })
    const teamId = ((await created.json()) as { teamId: string }).teamId
    const groups = (await client.getRoles()).filter((x) => !x.isDeleted)
    // src/model/group.ts: id, name, description, status; the role regex wants a GUID.
    expect(groups.map((g) => [g.teamId, g.name, g.description, g.status])).toEqual([
      [teamId, 'Contractors', 'Badge access', 'Active'],
    ])
    expect(teamId).toMatch(/.{8}-.{4}-.{4}-.{4}-.{12}/)
    expect((await client.getRole(teamId)).data.name).toBe('Contractors')
  })

  it('std:account:update adds and removes a team and the [user] / [admin] principal roles', async () => {
    const token = await client.accessToken()
    const created = await app.request('/roleservice/api/v3/accounts/acme/teams', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Engineers' }),
    })
    const teamId = ((await created.json()) as { teamId: string }).teamId
    const user = await scim(app, 'POST', '/Users', scimUser('sp-3', { email: 'sp3@example.com' }))
    const id = user.body.id as string

    // assignUserRole: a GUID role is a team; "[user]" / "[admin]" are principal roles, granted
    // with the account's e-mail (assignUserPrincipal).
    await client.assignUserRole(teamId, id)
    let account = await readAccount(client, id)
    expect(account.roles).toEqual([teamId])
    await client.assignUserPrincipal(id, account.identity.email, 'user')
    expect((await readAccount(client, id)).roles).toEqual([teamId, '[user]'])
    await client.assignUserPrincipal(id, account.identity.email, 'admin')
    account = await readAccount(client, id)
    expect(account.roles).toEqual([teamId, '[admin]'])
    // The other door agrees: Entra's next read shows the SCIM booleans.
    const ext = (await scim(app, 'GET', `/Users/${id}`)).body[
      'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
    ]
    expect(ext).toMatchObject({ hasWebPortalAccess: true, isAdmin: true })

    // removeUserPrincipal: the principalId read back is what it deletes.
    const principal = (await client.getIdentityPrincipal(id)).data.principalId as string
    await client.removeUserPrincipal(principal)
    await client.removeUserRole(id, teamId)
    expect((await readAccount(client, id)).roles).toEqual([])
  })

  it('std:account:disable: the merge PATCH with the eTag read by readAccount', async () => {
    const user = await scim(app, 'POST', '/Users', scimUser('sp-4'))
    const account = await readAccount(client, user.body.id)
    await client.updateAccount(user.body.id, { eTag: account.identity.eTag, status: 'Inactive' })
    expect((await readAccount(client, user.body.id)).identity.status).toBe('Inactive')
  })
})
