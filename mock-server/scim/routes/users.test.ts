import { describe, expect, it } from 'vitest'
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../../model/attributes.ts'
import { BASE, call, ext, OTHER_KEY, testApp, userBody } from '../../test/scim-test-client.ts'

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'

function expectScimError(
  res: { status: number; headers: Headers; body: Record<string, unknown> },
  status: number,
  scimType?: string,
) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/)
  expect(res.body.schemas).toEqual([ERROR])
  expect(res.body.status).toBe(String(status))
  expect(res.body.scimType).toBe(scimType)
  expect(typeof res.body.detail).toBe('string')
}

describe('SCIM authentication', () => {
  it('refuses a request without a key with 401, a SCIM error and WWW-Authenticate', async () => {
    const app = testApp()
    const res = await call(app, 'GET', 'Users', undefined, { Authorization: '' })
    expectScimError(res, 401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('refuses a wrong key, and another account’s key, identically', async () => {
    const app = testApp()
    const wrong = await call(app, 'GET', 'Users', undefined, { Authorization: 'Bearer nope' })
    const other = await call(app, 'GET', 'Users', undefined, {
      Authorization: `Bearer ${OTHER_KEY}`,
    })
    expectScimError(wrong, 401)
    expectScimError(other, 401)
    expect(other.body.detail).toBe(wrong.body.detail)
    expect(JSON.stringify(other.body)).not.toContain('other')
  })

  it('does not reveal whether an account exists', async () => {
    const app = testApp()
    const res = await call(app, 'GET', '/scim/v2/accounts/ghost/Users')
    const known = await call(app, 'GET', 'Users', undefined, { Authorization: 'Bearer nope' })
    expect(res.status).toBe(401)
    expect(res.body.detail).toBe(known.body.detail)
  })
})

describe('POST /Users', () => {
  it('creates a user: 201, Location, ETag, full resource with both schemas', async () => {
    const app = testApp()
    const body = userBody()
    const res = await call(app, 'POST', 'Users', body)
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toBe('application/scim+json')
    expect(res.body.schemas).toEqual([CORE_USER_SCHEMA, CLEARID_USER_EXTENSION])
    expect(res.headers.get('location')).toBe(`http://localhost${BASE}/Users/${res.body.id}`)
    expect(res.headers.get('etag')).toBe(res.body.meta.version)
    expect(res.body.meta.resourceType).toBe('User')
    expect(res.body.userName).toBe(body.userName)
    expect(ext(res.body)).toEqual(ext(body))
  })

  it.each([
    ['userName', { userName: undefined }, {}],
    ['displayName', { displayName: undefined }, {}],
    ['displayName', { displayName: '  ' }, {}],
    ['externalId', {}, { externalId: undefined }],
    ['firstName', {}, { firstName: undefined, lastName: undefined }],
  ])(
    'refuses a user without %s: 400 invalidValue naming it',
    async (attribute, core, extension) => {
      const app = testApp()
      const res = await call(app, 'POST', 'Users', userBody(core, extension))
      expectScimError(res, 400, 'invalidValue')
      expect(res.body.detail).toContain(attribute)
    },
  )

  it.each([
    [{ firstName: undefined }, 'only lastName'],
    [{ lastName: undefined }, 'only firstName'],
  ])('accepts %o (%s)', async (extension, _label) => {
    const res = await call(testApp(), 'POST', 'Users', userBody({}, extension))
    expect(res.status).toBe(201)
  })

  it.each([
    ['email', 'not-an-address'],
    ['email', 'a@b'],
    ['secondaryEmail', 'x@@example.com'],
    ['countryCode', 'US'],
    ['countryCode', 'USA1'],
    ['countryCode', 'U5A'],
  ])('refuses %s = %j with 400 invalidValue', async (attribute, value) => {
    const res = await call(testApp(), 'POST', 'Users', userBody({}, { [attribute]: value }))
    expectScimError(res, 400, 'invalidValue')
    expect(res.body.detail).toContain(attribute)
  })

  it('accepts a three-letter country code that is not upper-case ISO, stored as sent', async () => {
    const res = await call(testApp(), 'POST', 'Users', userBody({}, { countryCode: 'xyz' }))
    expect(res.status).toBe(201)
    expect(ext(res.body).countryCode).toBe('xyz')
  })

  it('refuses a duplicate externalId (exact) and userName (any case) with 409 uniqueness', async () => {
    const app = testApp()
    const first = userBody()
    expect((await call(app, 'POST', 'Users', first)).status).toBe(201)
    const sameExternal = await call(
      app,
      'POST',
      'Users',
      userBody({}, { externalId: ext(first).externalId }),
    )
    expectScimError(sameExternal, 409, 'uniqueness')
    expect(sameExternal.body.detail).toContain('externalId')
    const sameUser = await call(
      app,
      'POST',
      'Users',
      userBody({ userName: String(first.userName).toUpperCase() }),
    )
    expectScimError(sameUser, 409, 'uniqueness')
    expect(sameUser.body.detail).toContain('userName')
    const otherCase = await call(
      app,
      'POST',
      'Users',
      userBody({}, { externalId: String(ext(first).externalId).toUpperCase() }),
    )
    expect(otherCase.status).toBe(201)
  })

  it.each([
    ['"True"', 'True', true],
    ['"false"', 'false', false],
    ['"FALSE"', 'FALSE', false],
    ['true', true, true],
  ])('reads active sent as %s and returns a JSON boolean', async (_label, value, expected) => {
    const res = await call(testApp(), 'POST', 'Users', userBody({ active: value }))
    expect(res.status).toBe(201)
    expect(res.body.active).toBe(expected)
  })

  it.each(['yes', 1, 'Truthy'])('refuses active = %j with 400 invalidValue', async (value) => {
    const res = await call(testApp(), 'POST', 'Users', userBody({ active: value }))
    expectScimError(res, 400, 'invalidValue')
  })

  it.each(['hasExtendedTime', 'hasWebPortalAccess', 'isAdmin'])(
    'refuses %s as a string, naming the Entra SCIM 2.0 flag',
    async (attribute) => {
      const res = await call(testApp(), 'POST', 'Users', userBody({}, { [attribute]: 'True' }))
      expectScimError(res, 400, 'invalidValue')
      expect(res.body.detail).toContain('aadOptscim062020')
    },
  )

  it('coerces extension boolean strings when told to', async () => {
    const app = testApp({ behaviour: { extensionBooleanStrings: 'coerce' } })
    const res = await call(app, 'POST', 'Users', userBody({}, { isAdmin: 'True' }))
    expect(res.status).toBe(201)
    expect(ext(res.body).isAdmin).toBe(true)
  })

  it('accepts JSON booleans for the extension booleans and matches names case-insensitively', async () => {
    const body = userBody({}, { ISADMIN: true, hasextendedtime: false })
    const res = await call(testApp(), 'POST', 'Users', body)
    expect(res.status).toBe(201)
    expect(ext(res.body).isAdmin).toBe(true)
    expect(ext(res.body).hasExtendedTime).toBe(false)
    expect(Object.keys(ext(res.body))).not.toContain('ISADMIN')
  })

  it('accepts the extension URN in another case', async () => {
    const body = userBody()
    const extension = body[CLEARID_USER_EXTENSION]
    delete body[CLEARID_USER_EXTENSION]
    body[CLEARID_USER_EXTENSION.toUpperCase()] = extension
    const res = await call(testApp(), 'POST', 'Users', body)
    expect(res.status).toBe(201)
    expect(ext(res.body).externalId).toBe((extension as Record<string, unknown>).externalId)
  })

  it('ignores unsupported, unknown and unused core attributes and does not store them', async () => {
    const body = userBody(
      { title: 'Engineer', emails: [{ value: 'x@example.com', type: 'work' }] },
      { birthday: '1990-01-01', favouriteColour: 'blue' },
    )
    const res = await call(testApp(), 'POST', 'Users', body)
    expect(res.status).toBe(201)
    expect(res.body.title).toBeUndefined()
    expect(res.body.emails).toBeUndefined()
    expect(ext(res.body).birthday).toBeUndefined()
    expect(ext(res.body).favouriteColour).toBeUndefined()
  })

  it('rejects unknown attributes in strict mode', async () => {
    const app = testApp({ behaviour: { unknownAttributes: 'reject' } })
    const res = await call(app, 'POST', 'Users', userBody({}, { favouriteColour: 'blue' }))
    expectScimError(res, 400, 'invalidValue')
    expect(res.body.detail).toContain('favouriteColour')
  })

  it('does not take core externalId as the sync key', async () => {
    const body = userBody({ externalId: 'core-only' }, { externalId: undefined })
    const res = await call(testApp(), 'POST', 'Users', body)
    expectScimError(res, 400, 'invalidValue')
    expect(res.body.detail).toContain('externalId')
  })

  it('stores values exactly as sent', async () => {
    const body = userBody(
      { displayName: '  Ada  L. ' },
      { phoneNumberPrimary: '+44 (0)20 7946 0000' },
    )
    const res = await call(testApp(), 'POST', 'Users', body)
    expect(res.body.displayName).toBe('  Ada  L. ')
    expect(ext(res.body).phoneNumberPrimary).toBe('+44 (0)20 7946 0000')
  })
})

describe('bad input', () => {
  it.each([
    ['malformed JSON', '{"userName": ', 400, 'invalidSyntax'],
    ['a JSON array', '[]', 400, 'invalidSyntax'],
    ['a JSON string', '"user"', 400, 'invalidSyntax'],
    ['an empty body', '', 400, 'invalidSyntax'],
    ['deep nesting', '['.repeat(5000) + ']'.repeat(5000), 400, 'invalidSyntax'],
  ])('answers %s with a SCIM 4xx', async (_label, text, status, scimType) => {
    const res = await call(testApp(), 'POST', 'Users', text)
    expectScimError(res, status, scimType)
  })

  it('answers 415 to a wrong content type and accepts application/json with charset', async () => {
    const app = testApp()
    const wrong = await call(app, 'POST', 'Users', userBody(), { 'Content-Type': 'text/plain' })
    expectScimError(wrong, 415, 'invalidSyntax')
    const json = await call(app, 'POST', 'Users', userBody(), {
      'Content-Type': 'application/json; charset=utf-8',
    })
    expect(json.status).toBe(201)
  })

  it('answers 413 to an oversized body and stores nothing', async () => {
    const app = testApp({ behaviour: { maxBodyBytes: 2000 } })
    const res = await call(app, 'POST', 'Users', userBody({}, { description: 'x'.repeat(3000) }))
    expectScimError(res, 413, 'tooMany')
    expect((await call(app, 'GET', 'Users')).body.totalResults).toBe(0)
  })
})

describe('GET /Users/{id} and deactivation', () => {
  it('returns 404 with a SCIM error for an unknown id', async () => {
    expectScimError(await call(testApp(), 'GET', 'Users/nope'), 404)
  })

  it('keeps a deactivated user readable by id and by filter', async () => {
    const app = testApp()
    const created = await call(app, 'POST', 'Users', userBody())
    const put = await call(app, 'PUT', `Users/${created.body.id}`, {
      ...userBody(),
      active: 'False',
      userName: created.body.userName,
      [CLEARID_USER_EXTENSION]: ext(created.body),
    })
    expect(put.status).toBe(200)
    expect(put.body.active).toBe(false)
    const byId = await call(app, 'GET', `Users/${created.body.id}`)
    expect(byId.body.active).toBe(false)
    const filter = encodeURIComponent(`userName eq "${created.body.userName}"`)
    const byFilter = await call(app, 'GET', `Users?filter=${filter}`)
    expect(byFilter.body.totalResults).toBe(1)
  })
})

describe('DELETE /Users/{id}', () => {
  it('answers 204, then 404, and frees externalId and userName for re-use', async () => {
    const app = testApp()
    const body = userBody()
    const created = await call(app, 'POST', 'Users', body)
    const del = await call(app, 'DELETE', `Users/${created.body.id}`)
    expect(del.status).toBe(204)
    expectScimError(await call(app, 'GET', `Users/${created.body.id}`), 404)
    expectScimError(await call(app, 'DELETE', `Users/${created.body.id}`), 404)
    expect((await call(app, 'POST', 'Users', body)).status).toBe(201)
  })
})

describe('ETag and If-Match', () => {
  it('honours If-Match: 412 on a stale version, success on the current one, never required', async () => {
    const app = testApp()
    const created = await call(app, 'POST', 'Users', userBody())
    const path = `Users/${created.body.id}`
    const replacement = {
      ...userBody(),
      userName: created.body.userName,
      [CLEARID_USER_EXTENSION]: ext(created.body),
    }
    const stale = await call(app, 'PUT', path, replacement, { 'If-Match': 'W/"99"' })
    expectScimError(stale, 412)
    const ok = await call(app, 'PUT', path, replacement, {
      'If-Match': created.headers.get('etag')!,
    })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).toBe('W/"2"')
    expect((await call(app, 'PUT', path, replacement)).status).toBe(200)
  })
})

describe('/Groups', () => {
  it('answers GET with an empty list and writes with 501', async () => {
    const app = testApp()
    const filter = encodeURIComponent('displayName eq "7c5f"')
    const list = await call(app, 'GET', `Groups?excludedAttributes=members&filter=${filter}`)
    expect(list.status).toBe(200)
    expect(list.body.totalResults).toBe(0)
    expect(list.body.Resources).toEqual([])
    const post = await call(app, 'POST', 'Groups', { displayName: 'g' })
    expectScimError(post, 501)
    expect(post.body.detail).toMatch(/Provision Microsoft Entra ID Groups/)
    expectScimError(await call(app, 'PATCH', 'Groups/abc', { Operations: [] }), 501)
  })
})

describe('discovery', () => {
  it('lists User as the only resource type', async () => {
    const res = await call(testApp(), 'GET', 'ResourceTypes')
    expect(res.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User'])
  })

  it('describes every extension attribute with its characteristics', async () => {
    const res = await call(testApp(), 'GET', `Schemas/${CLEARID_USER_EXTENSION}`)
    const isAdmin = res.body.attributes.find((a: { name: string }) => a.name === 'isAdmin')
    expect(isAdmin).toMatchObject({ type: 'boolean', required: false, mutability: 'readWrite' })
    const externalId = res.body.attributes.find((a: { name: string }) => a.name === 'externalId')
    expect(externalId).toMatchObject({ required: true, caseExact: true, uniqueness: 'server' })
  })

  it('states what is implemented in ServiceProviderConfig', async () => {
    const res = await call(testApp(), 'GET', 'ServiceProviderConfig')
    expect(res.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 100 },
      sort: { supported: false },
      etag: { supported: true },
    })
  })
})
