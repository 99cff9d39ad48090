/**
 * The principal service (ClearID's portal users) and the SCIM booleans hasWebPortalAccess /
 * isAdmin read and write one state: whatever one door writes, the other reads.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  api,
  EXT,
  OTHER,
  restIdentity,
  restTestApp,
  scim,
  scimUser,
  V2,
} from '../control/rest-test-client.ts'

const PS = '/principalservice/api/v2/accounts/acme'
const patchOp = (...operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
})

let app: MockApp
let token: string

beforeEach(async () => {
  app = restTestApp()
  token = await accessToken(app)
})

async function scimIdentity(externalId: string, ext: Record<string, unknown> = {}) {
  const created = await scim(
    app,
    'POST',
    '/Users',
    scimUser(externalId, { email: `${externalId}@example.com`, ...ext }),
  )
  expect(created.status).toBe(201)
  return created.body.id as string
}

const principalOf = async (id: string) =>
  (await api(app, token, 'GET', `${PS}/identityPrincipals/${id}`)).body
const scimExt = async (id: string) => (await scim(app, 'GET', `/Users/${id}`)).body[EXT]
const grant = (id: string, email: string, roles: unknown, extra: Record<string, unknown> = {}) =>
  api(app, token, 'PUT', `${PS}/userPrincipals/${email}`, {
    identityId: id,
    roles,
    principalState: 'Active',
    ...extra,
  })

describe('principal service', () => {
  it('an identity without portal access has no principal (200, empty), as the connector reads it', async () => {
    const id = await scimIdentity('p-1')
    expect(await principalOf(id)).toEqual({
      identityId: id,
      principalId: null,
      roles: [],
      principalState: null,
    })
  })

  it('PUT with role user or admin sets the SCIM booleans; DELETE clears them', async () => {
    const id = await scimIdentity('p-2')
    const user = await grant(id, 'p-2@example.com', ['user'])
    expect(user.status).toBe(200)
    expect(user.body).toEqual({
      identityId: id,
      principalId: 'p-2@example.com',
      roles: ['user'],
      principalState: 'Active',
    })
    expect(await scimExt(id)).toMatchObject({ hasWebPortalAccess: true, isAdmin: false })

    await grant(id, 'p-2@example.com', ['admin'])
    expect(await scimExt(id)).toMatchObject({ hasWebPortalAccess: true, isAdmin: true })
    expect((await principalOf(id)).roles).toEqual(['admin'])

    const removed = await api(app, token, 'DELETE', `${PS}/userPrincipals/P-2@EXAMPLE.COM`)
    expect(removed.status).toBe(204)
    expect(await scimExt(id)).toMatchObject({ hasWebPortalAccess: false, isAdmin: false })
    expect((await principalOf(id)).principalId).toBeNull()
    expect((await api(app, token, 'DELETE', `${PS}/userPrincipals/p-2@example.com`)).status).toBe(
      404,
    )
  })

  it('SCIM writes show in the principal service, named by the business e-mail', async () => {
    const id = await scimIdentity('p-3', { hasWebPortalAccess: true })
    expect(await principalOf(id)).toEqual({
      identityId: id,
      principalId: 'p-3@example.com',
      roles: ['user'],
      principalState: 'Active',
    })
    await scim(
      app,
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'replace', path: `${EXT}:isAdmin`, value: true }),
    )
    expect((await principalOf(id)).roles).toEqual(['admin'])
    await scim(
      app,
      'PATCH',
      `/Users/${id}`,
      patchOp({
        op: 'replace',
        value: { [`${EXT}:isAdmin`]: false, [`${EXT}:hasWebPortalAccess`]: false },
      }),
    )
    expect((await principalOf(id)).roles).toEqual([])
  })

  it('a grant is an identity write: new eTag, same REST view of userPermissions', async () => {
    const created = await api(
      app,
      token,
      'POST',
      V2,
      restIdentity('p-4', { email: 'p4@example.com' }),
    )
    const id = created.body.identityId as string
    await grant(id, 'p4@example.com', ['user'])
    const read = await api(app, token, 'GET', `${V2}/${id}?include=UserPermissions`)
    expect(read.body.eTag).not.toBe(created.body.eTag)
    expect(read.body.userPermissions).toEqual({ hasWebPortalAccess: true, isAdmin: false })
    const again = await grant(id, 'p4@example.com', ['user'])
    expect(again.status).toBe(200)
    expect((await api(app, token, 'GET', `${V2}/${id}`)).body.eTag).toBe(read.body.eTag)
  })

  it('the principal keeps the e-mail it was granted under, and one e-mail names one identity', async () => {
    const first = await scimIdentity('p-5')
    const second = await scimIdentity('p-6')
    await grant(first, 'portal.login@example.com', ['user'])
    expect((await principalOf(first)).principalId).toBe('portal.login@example.com')
    const taken = await grant(second, 'Portal.Login@example.com', ['user'])
    expect(taken.status).toBe(409)
    expect(await scimExt(second)).not.toHaveProperty('hasWebPortalAccess')
    // Access gone, the name goes too: the next grant through SCIM is named by the e-mail again.
    await api(app, token, 'DELETE', `${PS}/userPrincipals/portal.login@example.com`)
    await scim(
      app,
      'PATCH',
      `/Users/${first}`,
      patchOp({ op: 'add', path: `${EXT}:hasWebPortalAccess`, value: true }),
    )
    expect((await principalOf(first)).principalId).toBe('p-5@example.com')
  })

  it('refuses bad grants with 400 and names the member', async () => {
    const id = await scimIdentity('p-7')
    const cases: [string, unknown, string][] = [
      ['p-7@example.com', { identityId: id, roles: [] }, 'roles'],
      ['p-7@example.com', { identityId: id, roles: ['owner'] }, 'roles'],
      ['p-7@example.com', { identityId: id, roles: 'user' }, 'roles'],
      ['p-7@example.com', { roles: ['user'] }, 'identityId'],
      ['p-7@example.com', { identityId: 'nope', roles: ['user'] }, 'identityId'],
      [
        'p-7@example.com',
        { identityId: id, roles: ['user'], principalState: 'Disabled' },
        'principalState',
      ],
    ]
    for (const [email, body, member] of cases) {
      const res = await api(app, token, 'PUT', `${PS}/userPrincipals/${email}`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys(res.body.errors ?? {}), JSON.stringify(body)).toEqual([member])
    }
    const notEmail = await grant(id, 'not-an-email', ['user'])
    expect(notEmail.status).toBe(400)
    const caseless = await api(app, token, 'PUT', `${PS}/userPrincipals/p-7@example.com`, {
      IdentityId: id,
      Roles: ['ADMIN'],
    })
    expect(caseless.body.roles).toEqual(['admin'])
  })

  it('needs a token of the account and answers 404 for an unknown identity', async () => {
    const id = await scimIdentity('p-8')
    expect((await api(app, 'x', 'GET', `${PS}/identityPrincipals/${id}`)).status).toBe(401)
    const other = await accessToken(app, OTHER)
    expect((await api(app, other, 'GET', `${PS}/identityPrincipals/${id}`)).status).toBe(403)
    expect((await api(app, token, 'GET', `${PS}/identityPrincipals/nope`)).status).toBe(404)
    await scim(app, 'DELETE', `/Users/${id}`)
    expect((await api(app, token, 'GET', `${PS}/identityPrincipals/${id}`)).status).toBe(404)
  })

  it('accepts the PUT and DELETE with the path percent-encoded, as the SailPoint connector sends them', async () => {
    const id = await scimIdentity('p-9')
    const encoded = (email: string) =>
      `/principalservice/api/v2/${encodeURIComponent(`/accounts/acme/userPrincipals/${email}`)}`
    const put = await api(app, token, 'PUT', encoded('p-9@example.com'), {
      identityId: id,
      roles: ['admin'],
      principalState: 'Active',
    })
    expect(put.status).toBe(200)
    expect(await scimExt(id)).toMatchObject({ hasWebPortalAccess: true, isAdmin: true })
    const other = await accessToken(app, OTHER)
    expect((await api(app, other, 'DELETE', encoded('p-9@example.com'))).status).toBe(403)
    expect((await api(app, token, 'DELETE', encoded('p-9@example.com'))).status).toBe(204)
    expect((await principalOf(id)).roles).toEqual([])
    const elsewhere = `/principalservice/api/v2/${encodeURIComponent('/accounts/acme/other')}`
    expect((await api(app, token, 'DELETE', elsewhere)).status).toBe(404)
  })
})
