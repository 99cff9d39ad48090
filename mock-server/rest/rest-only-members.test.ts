/**
 * The members only ClearID's REST identity has (`model/rest-members.ts`): accepted on POST, PATCH
 * and PUT, stored and returned, checked against their kind with a 400 naming the member, and never
 * dropped while the write answers 200.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import { accessToken, api, restIdentity, restTestApp, V2 } from '../control/rest-test-client.ts'

let app: MockApp
let token: string

beforeEach(async () => {
  app = restTestApp()
  token = await accessToken(app)
})

const ALL =
  'include=Ordinal,PrivateData,CompanyData,SystemData,UserPermissions,NationalIdentityData'

const EVERY_REST_ONLY_MEMBER = {
  identityType: 'Employee',
  culture: 'pt-BR',
  picture: { pictureBlobName: 'ada.jpg' },
  nationalIdentityData: { documentType: 'Passport', documentNumber: 'P-1' },
  privateData: { birthday: '1815-12-10' },
  companyData: {
    siteId: '4f7c1e52-0000-4000-8000-000000000001',
    approvers: [{ approverId: '4f7c1e52-0000-4000-8000-000000000002' }],
  },
  systemData: {
    externalId: 'all',
    provisioningAttributes: [{ name: 'Parking' }, { name: 'Lab access' }],
    customFields: [
      { customFieldType: 'Text', customFieldName: 'Badge colour', customFieldValue: 'Blue' },
      { customFieldName: 'Locker', customFieldValue: '12' },
    ],
    activationDateUtc: '2026-01-01T00:00:00Z',
    expirationDateUtc: '2026-12-31T23:59:59Z',
  },
}

describe('REST-only members', () => {
  it('are stored on create and returned by GET, each in its place', async () => {
    const created = await api(app, token, 'POST', V2, {
      ...restIdentity('all'),
      ...EVERY_REST_ONLY_MEMBER,
    })
    expect(created.status).toBe(201)
    const read = await api(app, token, 'GET', `${V2}/${created.body.identityId}?${ALL}`)
    expect(read.body).toMatchObject({
      ...EVERY_REST_ONLY_MEMBER,
      systemData: {
        ...EVERY_REST_ONLY_MEMBER.systemData,
        // An optional item member not sent reads back as null: every item has the same members.
        customFields: [
          { customFieldType: 'Text', customFieldName: 'Badge colour', customFieldValue: 'Blue' },
          { customFieldType: null, customFieldName: 'Locker', customFieldValue: '12' },
        ],
      },
    })
  })

  it('systemData.provisioningAttributes: PATCH replaces the list, null clears it, PUT sets it', async () => {
    const { body } = await api(app, token, 'POST', V2, restIdentity('prov'))
    const url = `${V2}/${body.identityId}`
    // The SailPoint connector's entitlement assignment, as it sends it.
    const assigned = await api(
      app,
      token,
      'PATCH',
      url,
      { eTag: body.eTag, systemData: { provisioningAttributes: [{ name: 'Parking' }] } },
      { 'Content-Type': 'application/json-patch+json' },
    )
    expect(assigned.status).toBe(200)
    expect(assigned.body.systemData).toMatchObject({
      externalId: 'prov',
      provisioningAttributes: [{ name: 'Parking' }],
    })
    const replaced = await api(app, token, 'PATCH', url, {
      eTag: assigned.body.eTag,
      systemData: { provisioningAttributes: [{ name: 'Lab' }] },
    })
    expect(replaced.body.systemData.provisioningAttributes).toEqual([{ name: 'Lab' }])
    const cleared = await api(app, token, 'PATCH', url, {
      eTag: replaced.body.eTag,
      systemData: { provisioningAttributes: null },
    })
    expect(cleared.body.systemData).toMatchObject({
      externalId: 'prov',
      provisioningAttributes: null,
    })
    const put = await api(app, token, 'PUT', url, {
      ...restIdentity('prov'),
      eTag: cleared.body.eTag,
      systemData: { externalId: 'prov', provisioningAttributes: [{ name: 'Gym' }] },
    })
    expect(put.body.systemData.provisioningAttributes).toEqual([{ name: 'Gym' }])
    const read = await api(app, token, 'GET', `${url}?include=SystemData`)
    expect(read.body.systemData.provisioningAttributes).toEqual([{ name: 'Gym' }])
  })

  it('PATCH merges them like any member; a group sent as null clears its REST-only members too', async () => {
    const { body } = await api(app, token, 'POST', V2, {
      ...restIdentity('merge'),
      ...EVERY_REST_ONLY_MEMBER,
      systemData: { externalId: 'merge' },
    })
    const url = `${V2}/${body.identityId}`
    const patched = await api(app, token, 'PATCH', url, { eTag: body.eTag, culture: 'de-DE' })
    expect(patched.body).toMatchObject({
      culture: 'de-DE',
      identityType: 'Employee',
      companyData: EVERY_REST_ONLY_MEMBER.companyData,
    })
    const cleared = await api(app, token, 'PATCH', url, {
      eTag: patched.body.eTag,
      companyData: null,
      nationalIdentityData: null,
    })
    expect(cleared.body.companyData).toMatchObject({ siteId: null, approvers: null })
    expect(cleared.body.nationalIdentityData).toBeNull()
    expect(cleared.body.privateData.birthday).toBe('1815-12-10')
  })

  it('PUT clears the REST-only members it does not send', async () => {
    const { body } = await api(app, token, 'POST', V2, {
      ...restIdentity('put'),
      ...EVERY_REST_ONLY_MEMBER,
      systemData: { externalId: 'put' },
    })
    const put = await api(app, token, 'PUT', `${V2}/${body.identityId}`, {
      ...restIdentity('put'),
      eTag: body.eTag,
    })
    expect(put.body).toMatchObject({
      identityType: null,
      culture: null,
      picture: null,
      nationalIdentityData: null,
      privateData: { birthday: null },
      companyData: { approvers: null, siteId: null },
    })
  })

  it.each([
    [{ identityType: 7 }, 'identityType'],
    [{ privateData: { birthday: '10/12/1815' } }, 'privateData.birthday'],
    [{ systemData: { activationDateUtc: 'tomorrow' } }, 'systemData.activationDateUtc'],
    [{ companyData: { approvers: { approverId: 'x' } } }, 'companyData.approvers'],
    [{ companyData: { approvers: [{}] } }, 'companyData.approvers[0].approverId'],
    [
      { companyData: { approvers: [{ approverId: 'x', weight: '1' }] } },
      'companyData.approvers[0].weight',
    ],
    [
      { systemData: { provisioningAttributes: ['Parking'] } },
      'systemData.provisioningAttributes[0]',
    ],
    [
      { systemData: { provisioningAttributes: [{ name: 5 }] } },
      'systemData.provisioningAttributes[0].name',
    ],
    [
      { systemData: { customFields: [{ customFieldValue: 'x' }] } },
      'systemData.customFields[0].customFieldName',
    ],
    [{ nationalIdentityData: 'P-1' }, 'nationalIdentityData'],
  ])('refuses %j with 400 naming %s, storing nothing', async (change, path) => {
    const res = await api(app, token, 'POST', V2, { ...restIdentity('bad'), ...change })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.errors)).toEqual([path])
    expect((await api(app, token, 'GET', `${V2}?externalId=bad`)).body).toEqual([])
  })

  it('item member names bind in any case and read back in ClearID spelling', async () => {
    const res = await api(app, token, 'POST', V2, {
      ...restIdentity('items'),
      companyData: { Approvers: [{ ApproverID: 'boss' }] },
    })
    expect(res.status).toBe(201)
    expect(res.body.companyData.approvers).toEqual([{ approverId: 'boss' }])
  })
})
