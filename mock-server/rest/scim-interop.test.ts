import { beforeEach, describe, expect, it } from 'vitest'
import type { ExtensionAttributeName } from '../../model/attributes.ts'
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

/** One value per extension attribute, for the field-for-field round trips. */
const EVERY_VALUE = {
  description: 'Navy',
  middleName: 'Brewster',
  email: 'grace@example.com',
  countryCode: 'USA',
  employeeNumber: 'E-7',
  secondaryEmail: 'grace@home.example',
  cityOfResidence: 'Arlington',
  stateOfResidence: 'VA',
  zipCode: '22201',
  phoneNumberPrimary: '+1 555 0100',
  phoneNumberSecondary: '+1 555 0101',
  supervisorName: 'Howard Aiken',
  departmentName: 'Computation',
  jobTitle: 'Rear Admiral',
  companyName: 'US Navy',
  workerTypeDescription: 'Officer',
  workerTypeCode: 'OFF',
  hasExtendedTime: true,
  hasWebPortalAccess: true,
  isAdmin: false,
} satisfies Record<
  Exclude<ExtensionAttributeName, 'externalId' | 'firstName' | 'lastName'>,
  unknown
>

/** The same values where ClearID's REST identity carries them (real clients' placement). */
const EVERY_VALUE_IN_REST = {
  description: 'Navy',
  middleName: 'Brewster',
  email: 'grace@example.com',
  countryCode: 'USA',
  privateData: {
    employeeNumber: 'E-7',
    secondaryEmail: 'grace@home.example',
    cityOfResidence: 'Arlington',
    stateOfResidence: 'VA',
    zipCode: '22201',
    phoneNumberPrimary: '+1 555 0100',
    phoneNumberSecondary: '+1 555 0101',
  },
  companyData: {
    supervisorName: 'Howard Aiken',
    departmentName: 'Computation',
    jobTitle: 'Rear Admiral',
    companyName: 'US Navy',
    workerTypeDescription: 'Officer',
    workerTypeCode: 'OFF',
  },
  systemData: { hasExtendedTime: true },
  userPermissions: { hasWebPortalAccess: true, isAdmin: false },
}
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
      scimUser('entra-1', EVERY_VALUE, { active: false }),
    )
    expect(created.status).toBe(201)
    const [identity] = (await api(app, token, 'GET', `${V2}?externalId=entra-1&${ALL}`)).body
    expect(identity).toEqual({
      identityId: created.body.id,
      accountId: 'acme',
      displayName: 'User entra-1',
      firstName: 'Grace',
      lastName: 'Hopper',
      culture: null,
      identityType: null,
      picture: null,
      status: 'Inactive',
      ...EVERY_VALUE_IN_REST,
      privateData: { ...EVERY_VALUE_IN_REST.privateData, birthday: null },
      companyData: { ...EVERY_VALUE_IN_REST.companyData, siteId: null, approvers: null },
      systemData: {
        externalId: 'entra-1',
        hasExtendedTime: true,
        provisioningAttributes: null,
        customFields: null,
        activationDateUtc: null,
        expirationDateUtc: null,
      },
      eTag: created.body.meta.version,
      creationDateUtc: created.body.meta.created,
      lastModificationDateUtc: created.body.meta.lastModified,
      isDeleted: false,
    })
  })

  it("an identity written through REST in the clients' places reads back through SCIM, flat", async () => {
    const { body } = await api(app, token, 'POST', V2, {
      displayName: 'Grace Hopper',
      firstName: 'Grace',
      lastName: 'Hopper',
      ...EVERY_VALUE_IN_REST,
      systemData: { externalId: 'rest-all', hasExtendedTime: true },
    })
    expect(body.identityId).toBeDefined()
    const user = await scim(app, 'GET', `/Users/${body.identityId}`)
    expect(user.body[EXT]).toEqual({
      externalId: 'rest-all',
      firstName: 'Grace',
      lastName: 'Hopper',
      ...EVERY_VALUE,
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
        companyData: { departmentName: 'Analytics', approvers: [{ approverId: 'boss' }] },
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
    // REST-only members (the seed: approvers are not supported through SCIM) stay off SCIM.
    expect(JSON.stringify(user.body)).not.toContain('approver')
    const filtered = await scim(
      app,
      'GET',
      `/Users?filter=${encodeURIComponent(`${EXT}:externalId eq "rest-1"`)}`,
    )
    expect(filtered.body.totalResults).toBe(1)
  })

  it('a SCIM write keeps the members only the REST identity has', async () => {
    const created = await scim(app, 'POST', '/Users', scimUser('entra-5'))
    const rest = await api(app, token, 'PATCH', `${V2}/${created.body.id}`, {
      eTag: created.body.meta.version,
      systemData: { provisioningAttributes: [{ name: 'Parking' }] },
      companyData: { approvers: [{ approverId: 'boss' }] },
    })
    expect(rest.status).toBe(200)
    await scim(
      app,
      'PATCH',
      `/Users/${created.body.id}`,
      patchOp({ op: 'Replace', path: `${EXT}:jobTitle`, value: 'Admiral' }),
    )
    const user = scimUser('entra-5', { jobTitle: 'Commodore' })
    expect((await scim(app, 'PUT', `/Users/${created.body.id}`, user)).status).toBe(200)
    const read = await api(app, token, 'GET', `${V2}/${created.body.id}?${ALL}`)
    expect(read.body.companyData).toMatchObject({
      jobTitle: 'Commodore',
      approvers: [{ approverId: 'boss' }],
    })
    expect(read.body.systemData.provisioningAttributes).toEqual([{ name: 'Parking' }])
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
