import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  api,
  EXT,
  restIdentity,
  restTestApp,
  scim,
  scimUser,
  SEARCH,
  V2,
} from '../control/rest-test-client.ts'

let app: MockApp
let token: string

beforeEach(async () => {
  app = restTestApp()
  token = await accessToken(app)
})

const ALL = 'include=CompanyData,PrivateData,SystemData,UserPermissions'
const patchOp = (...operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
})

describe('one identity store behind SCIM and REST', () => {
  it('an identity provisioned by SCIM reads back through REST, field for field', async () => {
    const created = await scim(
      app,
      'POST',
      '/Users',
      scimUser(
        'entra-1',
        {
          email: 'grace@example.com',
          countryCode: 'USA',
          employeeNumber: 'E-7',
          jobTitle: 'Rear Admiral',
          hasExtendedTime: true,
          hasWebPortalAccess: true,
          isAdmin: false,
        },
        { active: false },
      ),
    )
    expect(created.status).toBe(201)
    const [identity] = (await api(app, token, 'GET', `${V2}?externalId=entra-1&${ALL}`)).body
    expect(identity).toMatchObject({
      identityId: created.body.id,
      userName: 'entra-1@example.com',
      displayName: 'User entra-1',
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.com',
      countryCode: 'USA',
      status: 'Inactive',
      companyData: { employeeNumber: 'E-7' },
      privateData: { jobTitle: 'Rear Admiral' },
      systemData: { externalId: 'entra-1', hasExtendedTime: true },
      userPermissions: { hasWebPortalAccess: true, isAdmin: false },
      eTag: created.body.meta.version,
    })
  })

  it('an identity created through REST reads back through SCIM', async () => {
    const { body } = await api(
      app,
      token,
      'POST',
      V2,
      restIdentity('rest-1', {
        email: 'ada@example.com',
        privateData: { departmentName: 'Analytics' },
        userPermissions: { isAdmin: true },
      }),
    )
    const user = await scim(app, 'GET', `/Users/${body.identityId}`)
    expect(user.status).toBe(200)
    expect(user.body).toMatchObject({
      userName: 'rest-1',
      displayName: 'Identity rest-1',
      active: true,
    })
    expect(user.body[EXT]).toMatchObject({
      externalId: 'rest-1',
      email: 'ada@example.com',
      departmentName: 'Analytics',
      isAdmin: true,
    })
    const filtered = await scim(
      app,
      'GET',
      `/Users?filter=${encodeURIComponent(`${EXT}:externalId eq "rest-1"`)}`,
    )
    expect(filtered.body.totalResults).toBe(1)
  })

  it('REST edits to SCIM-managed fields are overwritten by the next SCIM write (sync is inbound only)', async () => {
    const created = await scim(app, 'POST', '/Users', scimUser('entra-2'))
    const [identity] = (await api(app, token, 'GET', `${V2}?externalId=entra-2`)).body
    const edited = await api(app, token, 'PATCH', `${V2}/${identity.identityId}`, {
      eTag: identity.eTag,
      firstName: 'Edited in ClearID',
    })
    expect(edited.body.firstName).toBe('Edited in ClearID')
    const sync = await scim(
      app,
      'PATCH',
      `/Users/${created.body.id}`,
      patchOp({ op: 'Replace', path: `${EXT}:firstName`, value: 'Grace' }),
    )
    expect(sync.status).toBe(200)
    expect((await api(app, token, 'GET', `${V2}/${identity.identityId}`)).body.firstName).toBe(
      'Grace',
    )
  })

  it('SCIM deactivation shows as status Inactive; SCIM delete as 404 and isDeleted in search', async () => {
    const created = await scim(app, 'POST', '/Users', scimUser('entra-3'))
    await scim(
      app,
      'PATCH',
      `/Users/${created.body.id}`,
      patchOp({ op: 'Replace', path: 'active', value: 'False' }),
    )
    expect((await api(app, token, 'GET', `${V2}/${created.body.id}`)).body.status).toBe('Inactive')
    expect((await scim(app, 'DELETE', `/Users/${created.body.id}`)).status).toBe(204)
    expect((await api(app, token, 'GET', `${V2}/${created.body.id}`)).status).toBe(404)
    const search = await api(app, token, 'POST', SEARCH, {})
    expect(search.body.results).toEqual([
      expect.objectContaining({ identityId: created.body.id, isDeleted: true }),
    ])
  })

  it('a REST delete hides the identity from SCIM; uniqueness holds across both doors', async () => {
    await scim(app, 'POST', '/Users', scimUser('shared'))
    const clash = await api(app, token, 'POST', V2, restIdentity('shared'))
    expect(clash.status).toBe(409)
    const { body } = await api(app, token, 'POST', V2, restIdentity('rest-only'))
    await api(app, token, 'DELETE', `${V2}/${body.identityId}`)
    expect((await scim(app, 'GET', `/Users/${body.identityId}`)).status).toBe(404)
  })

  it('a REST write changes the SCIM ETag the same way (one version across doors)', async () => {
    const created = await scim(app, 'POST', '/Users', scimUser('entra-4'))
    const patched = await api(app, token, 'PATCH', `${V2}/${created.body.id}`, {
      eTag: created.body.meta.version,
      description: 'x',
    })
    const user = await scim(app, 'GET', `/Users/${created.body.id}`)
    expect(user.headers.get('etag')).toBe(patched.body.eTag)
  })
})
