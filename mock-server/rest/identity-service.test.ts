import { generateKeyPair } from 'jose'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  accessToken,
  ACME,
  admin,
  api,
  OTHER,
  restIdentity,
  restTestApp,
  scim,
  SEARCH,
  send,
  V2,
} from '../control/rest-test-client.ts'
import type { IdentityEvent } from '../events.ts'

let app: MockApp
let token: string

beforeEach(async () => {
  app = restTestApp()
  token = await accessToken(app)
})

const create = (body: unknown) => api(app, token, 'POST', V2, body)

describe('identity service v2: create and read', () => {
  it('creates an identity: 201, Location, ETag and every nested object', async () => {
    const res = await create(
      restIdentity('ext-1', { email: 'ada@example.com', countryCode: 'GBR' }),
    )
    expect(res.status).toBe(201)
    expect(res.headers.get('location')).toBe(`http://localhost${V2}/${res.body.identityId}`)
    expect(res.headers.get('etag')).toBe(res.body.eTag)
    expect(res.body).toMatchObject({
      accountId: 'acme',
      displayName: 'Identity ext-1',
      firstName: 'Ada',
      email: 'ada@example.com',
      countryCode: 'GBR',
      status: 'Active',
      ordinal: 1,
      systemData: { externalId: 'ext-1', hasExtendedTime: null, provisioningAttributes: null },
      privateData: { employeeNumber: null, birthday: null },
      companyData: { jobTitle: null, approvers: null },
      userPermissions: { hasWebPortalAccess: null, isAdmin: null },
      nationalIdentityData: null,
      isDeleted: false,
    })
    expect(res.body).not.toHaveProperty('userName')
    expect(res.body.creationDateUtc).toBe(res.body.lastModificationDateUtc)
  })

  it('creates an identity without an external id (ClearID has such identities)', async () => {
    const res = await create({ displayName: 'No Key', lastName: 'Key' })
    expect(res.status).toBe(201)
    expect(res.body.systemData.externalId).toBeNull()
    const read = await api(app, token, 'GET', `${V2}/${res.body.identityId}?include=SystemData`)
    expect(read.body).toMatchObject({ displayName: 'No Key', systemData: { externalId: null } })
    expect((await create({ displayName: 'No Key 2', lastName: 'Key' })).status).toBe(201)
  })

  it('returns nested objects only when named in include (repeatable, comma-separated, any case)', async () => {
    const { body } = await create(
      restIdentity('ext-2', {
        privateData: { zipCode: '12345' },
        nationalIdentityData: { documentNumber: 'X1' },
      }),
    )
    const url = `${V2}/${body.identityId}`
    const plain = await api(app, token, 'GET', url)
    expect(plain.status).toBe(200)
    for (const member of ['privateData', 'systemData', 'ordinal', 'nationalIdentityData']) {
      expect(plain.body).not.toHaveProperty(member)
    }
    const some = await api(
      app,
      token,
      'GET',
      `${url}?include=privatedata,SYSTEMDATA&include=Ordinal`,
    )
    expect(some.body.privateData.zipCode).toBe('12345')
    expect(some.body.systemData.externalId).toBe('ext-2')
    expect(some.body.ordinal).toBe(1)
    expect(some.body.companyData).toBeUndefined()
    expect(some.body).not.toHaveProperty('nationalIdentityData')
    const all = await api(
      app,
      token,
      'GET',
      `${url}?&include=Ordinal&include=SystemData&include=PrivateData&include=CompanyData&include=NationalIdentityData&include=UserPermissions`,
    )
    expect(Object.keys(all.body)).toEqual(
      expect.arrayContaining(['companyData', 'privateData', 'systemData', 'userPermissions']),
    )
    expect(all.body.nationalIdentityData).toEqual({ documentNumber: 'X1' })
    const bad = await api(app, token, 'GET', `${url}?include=Pictures`)
    expect(bad.status).toBe(400)
    expect(bad.body.errors.include).toBeDefined()
    // Names every object has are not include values either.
    for (const inherited of ['constructor', '__proto__']) {
      expect((await api(app, token, 'GET', `${url}?include=${inherited}`)).status, inherited).toBe(
        400,
      )
    }
  })

  it('looks identities up by externalId: an array of 0 or 1', async () => {
    await create(restIdentity('lookup-me'))
    const found = await api(app, token, 'GET', `${V2}?externalId=lookup-me&include=SystemData`)
    expect(found.status).toBe(200)
    expect(found.body).toHaveLength(1)
    expect(found.body[0].systemData.externalId).toBe('lookup-me')
    expect((await api(app, token, 'GET', `${V2}?externalId=LOOKUP-ME`)).body).toEqual([])
    const missing = await api(app, token, 'GET', V2)
    expect(missing.status).toBe(400)
    expect(missing.body.detail).toMatch(/v3/)
  })

  it('binds query parameter names in any case, as ASP.NET does', async () => {
    await create(restIdentity('Case-1', { privateData: { employeeNumber: 'E-1' } }))
    // Genetec's PowerShell sample: `…/identities?externalid=<id>`.
    const lower = await api(app, token, 'GET', `${V2}?externalid=Case-1`)
    expect(lower.status).toBe(200)
    expect(lower.body).toHaveLength(1)
    const upper = await api(app, token, 'GET', `${V2}?EXTERNALID=Case-1&INCLUDE=PrivateData`)
    expect(upper.body[0].privateData.employeeNumber).toBe('E-1')
    const byId = await api(app, token, 'GET', `${V2}/${lower.body[0].identityId}?Include=ordinal`)
    expect(byId.body.ordinal).toBe(1)
    // A simple parameter sent twice binds its first value.
    expect(
      (await api(app, token, 'GET', `${V2}?externalId=Case-1&ExternalID=x`)).body,
    ).toHaveLength(1)
  })

  it('answers 404 problem details for an unknown id', async () => {
    const res = await api(app, token, 'GET', `${V2}/00000000-0000-0000-0000-000000000000`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' })
  })

  it('publishes IdentityCreated, IdentityUpdated and IdentityDeleted with source rest', async () => {
    const seen: IdentityEvent[] = []
    app.mock.events.subscribe((event) => seen.push(event))
    const { body } = await create(restIdentity('events'))
    await api(app, token, 'PATCH', `${V2}/${body.identityId}`, {
      eTag: body.eTag,
      status: 'Inactive',
    })
    await api(app, token, 'DELETE', `${V2}/${body.identityId}`)
    expect(seen.map((e) => [e.type, e.source])).toEqual([
      ['IdentityCreated', 'rest'],
      ['IdentityUpdated', 'rest'],
      ['IdentityDeleted', 'rest'],
    ])
    expect(seen[1]?.identity.active).toBe(false)
  })
})

describe('identity service v2: validation (the same rules as SCIM)', () => {
  it.each([
    ['neither firstName nor lastName', { firstName: undefined, lastName: undefined }, 'firstName'],
    ['an invalid email', { email: 'not-an-address' }, 'email'],
    ['a two-letter countryCode', { countryCode: 'US' }, 'countryCode'],
    [
      'an invalid secondary email',
      { privateData: { secondaryEmail: 'x@' } },
      'privateData.secondaryEmail',
    ],
    ['no displayName', { displayName: undefined }, 'displayName'],
    ['an empty externalId', { systemData: { externalId: '' } }, 'systemData.externalId'],
    ['a status other than Active/Inactive', { status: 'Disabled' }, 'status'],
    [
      'a boolean sent as a string',
      { userPermissions: { isAdmin: 'True' } },
      'userPermissions.isAdmin',
    ],
    ['a field in the wrong object', { externalId: 'top-level' }, 'externalId'],
    [
      'the seed heading instead of the REST place',
      { companyData: { employeeNumber: 'E-1' } },
      'companyData.employeeNumber',
    ],
    ['an unknown top-level member', { favouriteColour: 'blue' }, 'favouriteColour'],
    ['an unknown nested member', { privateData: { shoeSize: '42' } }, 'privateData.shoeSize'],
    ['a userName (ClearID has none)', { userName: 'ada' }, 'userName'],
  ])('refuses %s with 400 naming the field', async (_name, change, field) => {
    const res = await create({ ...restIdentity('invalid'), ...change })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(Object.keys(res.body.errors)).toContain(field)
    expect((await api(app, token, 'GET', `${V2}?externalId=invalid`)).body).toEqual([])
  })

  it('refuses a duplicate systemData.externalId with 409', async () => {
    await create(restIdentity('dup'))
    const external = await create(restIdentity('dup'))
    expect(external.status).toBe(409)
    expect(external.body.errors['systemData.externalId']).toBeDefined()
  })

  it('says where a member belongs, and lists the members of the place for an unknown one', async () => {
    const moved = await create(restIdentity('where', { privateData: { jobTitle: 'Analyst' } }))
    expect(moved.body.errors['privateData.jobTitle']).toEqual(['belongs at companyData.jobTitle.'])
    const unknown = await create(restIdentity('where', { companyData: { floor: '3' } }))
    expect(unknown.body.detail).toMatch(/companyData\.floor: .*departmentName.*approvers/)
  })

  it('reads status in any case, as the .NET enum converter does, and answers it canonically', async () => {
    const res = await create(restIdentity('status-case', { status: 'inactive' }))
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('Inactive')
  })
})

describe('identity service v2: PATCH (merge) and PUT (replace) with eTag', () => {
  let id: string
  let eTag: string
  beforeEach(async () => {
    const { body } = await create(
      restIdentity('upd', { middleName: 'M', companyData: { jobTitle: 'Engineer' } }),
    )
    id = body.identityId
    eTag = body.eTag
  })

  it('merges a partial identity; null clears a value; the eTag changes', async () => {
    const res = await api(
      app,
      token,
      'PATCH',
      `${V2}/${id}`,
      { eTag, status: 'Inactive', middleName: null, privateData: { zipCode: '999' } },
      { 'Content-Type': 'application/json-patch+json' },
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'Inactive',
      middleName: null,
      firstName: 'Ada',
      privateData: { zipCode: '999' },
      companyData: { jobTitle: 'Engineer' },
    })
    expect(res.body.eTag).not.toBe(eTag)
    expect(res.body.lastModificationDateUtc >= res.body.creationDateUtc).toBe(true)
  })

  it('needs the eTag: missing 400, stale 412', async () => {
    const missing = await api(app, token, 'PATCH', `${V2}/${id}`, { status: 'Inactive' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors.eTag).toBeDefined()
    await api(app, token, 'PATCH', `${V2}/${id}`, { eTag, lastName: 'Byron' })
    const stale = await api(app, token, 'PATCH', `${V2}/${id}`, { eTag, lastName: 'King' })
    expect(stale.status).toBe(412)
    const stalePut = await api(app, token, 'PUT', `${V2}/${id}`, { ...restIdentity('upd'), eTag })
    expect(stalePut.status).toBe(412)
    expect((await api(app, token, 'GET', `${V2}/${id}`)).body.lastName).toBe('Byron')
  })

  it('refuses a JSON Patch array and a PATCH that breaks a rule, changing nothing', async () => {
    const array = await api(app, token, 'PATCH', `${V2}/${id}`, [
      { op: 'replace', path: '/status', value: 'Inactive' },
    ])
    expect(array.status).toBe(400)
    const broken = await api(app, token, 'PATCH', `${V2}/${id}`, {
      eTag,
      firstName: null,
      lastName: null,
    })
    expect(broken.status).toBe(400)
    expect((await api(app, token, 'GET', `${V2}/${id}`)).body.eTag).toBe(eTag)
  })

  it('PUT replaces every field: members not sent are cleared', async () => {
    const res = await api(app, token, 'PUT', `${V2}/${id}`, {
      eTag,
      displayName: 'Replaced',
      lastName: 'Only',
      systemData: { externalId: 'upd' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      displayName: 'Replaced',
      firstName: null,
      lastName: 'Only',
      middleName: null,
      companyData: { jobTitle: null },
      status: 'Active',
    })
    // The SCIM userName, which the REST identity has not, is kept.
    expect((await scim(app, 'GET', `/Users/${id}`)).body.userName).toBe('upd')
  })

  it('PUT accepts a GET body sent back (output-only members are ignored)', async () => {
    const current = await api(
      app,
      token,
      'GET',
      `${V2}/${id}?include=Ordinal,CompanyData,PrivateData,SystemData,UserPermissions,NationalIdentityData`,
    )
    const res = await api(app, token, 'PUT', `${V2}/${id}`, {
      ...current.body,
      description: 'round trip',
    })
    expect(res.status).toBe(200)
    expect(res.body.description).toBe('round trip')
    expect(res.body.companyData.jobTitle).toBe('Engineer')
    expect(res.body.ordinal).toBe(current.body.ordinal)
  })

  it.each(['resourceFilters', 'horizonId', 'externalSyncSourceId', 'externalSyncTimeUtc'])(
    'PUT refuses the read-only systemData.%s with 400 naming it',
    async (field) => {
      const res = await api(app, token, 'PUT', `${V2}/${id}`, {
        ...restIdentity('upd'),
        eTag,
        systemData: { externalId: 'upd', [field]: [] },
      })
      expect(res.status).toBe(400)
      expect(res.body.errors).toHaveProperty([`systemData.${field}`])
      expect(res.body.detail).toContain(`systemData.${field}`)
    },
  )
})

describe('identity service v2: DELETE (soft delete)', () => {
  it('answers 204, then 404 by id; search still lists it as deleted; the externalId is reusable', async () => {
    const { body } = await create(restIdentity('gone'))
    const deleted = await api(app, token, 'DELETE', `${V2}/${body.identityId}`)
    expect(deleted.status).toBe(204)
    expect((await api(app, token, 'GET', `${V2}/${body.identityId}`)).status).toBe(404)
    expect((await api(app, token, 'DELETE', `${V2}/${body.identityId}`)).status).toBe(404)
    expect((await api(app, token, 'GET', `${V2}?externalId=gone`)).body).toEqual([])
    const search = await api(app, token, 'POST', SEARCH, { skip: 0, take: 10 })
    expect(search.body.results).toEqual([
      expect.objectContaining({ identityId: body.identityId, isDeleted: true }),
    ])
    expect((await create(restIdentity('gone'))).status).toBe(201)
  })
})

describe('identity service authentication', () => {
  it('401 with a Bearer challenge without a token, and invalid_token for a bad one', async () => {
    const none = await send(app, `${V2}?externalId=x`)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="ClearID API"')
    expect(none.headers.get('content-type')).toBe('application/problem+json')
    const garbage = await api(app, 'not.a.jwt', 'GET', `${V2}?externalId=x`)
    expect(garbage.status).toBe(401)
    expect(garbage.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
  })

  it('refuses a token of another mock instance (signature) with 401', async () => {
    const stranger = restTestApp({ tokenSigningKeys: await generateKeyPair('RS512') })
    const foreign = await accessToken(stranger)
    expect((await api(app, foreign, 'GET', `${V2}?externalId=x`)).status).toBe(401)
  })

  it("answers 403 when the token's account is not the path's", async () => {
    const otherToken = await accessToken(app, OTHER)
    const res = await api(app, otherToken, 'GET', `${V2}?externalId=x`)
    expect(res.status).toBe(403)
    expect(res.text).not.toContain(otherToken)
    expect((await api(app, otherToken, 'POST', SEARCH.replace('acme', 'other'), {})).status).toBe(
      200,
    )
  })

  it('refuses tokens of a deleted API integration', async () => {
    const integrationId = ACME.clientId.split(':')[0] as string
    expect(
      (await admin(app, 'DELETE', `/accounts/acme/integrations/${integrationId}`)).status,
    ).toBe(204)
    const res = await api(app, token, 'GET', `${V2}?externalId=x`)
    expect(res.status).toBe(401)
  })
})
