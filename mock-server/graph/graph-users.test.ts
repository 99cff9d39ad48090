import { describe, expect, it } from 'vitest'
import {
  accessToken,
  ADMIN,
  admin,
  allPages,
  APP_ID,
  graphClient,
  graphTestApp,
  SECRET,
  TENANT,
} from '../test/graph-test-client.ts'

const ADA = '0000ada0-0000-4000-8000-000000000001'
const GRACE = '0000ada0-0000-4000-8000-000000000002'
const ALAN = '0000ada0-0000-4000-8000-000000000003'
const EXT = 'extension_b2c0ffee00004000800000000000e0e0_cardNumber'

/** Three known users: Ada manages Grace; Alan is disabled and has no manager. */
const SMALL = {
  users: [
    {
      id: ADA,
      userPrincipalName: 'ada@fabrikam.onmicrosoft.com',
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      surname: 'Lovelace',
      mail: 'ada@fabrikam.example',
      department: 'Engineering',
      employeeId: '100001',
      country: 'United Kingdom',
      accountEnabled: true,
      employeeHireDate: '2019-04-01T00:00:00Z',
      onPremisesExtensionAttributes: { extensionAttribute1: '4242' },
      [EXT]: '4242',
    },
    {
      id: GRACE,
      userPrincipalName: 'grace@fabrikam.onmicrosoft.com',
      displayName: 'Grace Hopper',
      givenName: 'Grace',
      surname: 'Hopper',
      department: 'Engineering',
      employeeId: '100002',
      accountEnabled: true,
      manager: { id: ADA },
    },
    {
      id: ALAN,
      userPrincipalName: 'alan@fabrikam.onmicrosoft.com',
      displayName: 'Alan Turing',
      givenName: 'Alan',
      surname: 'Turing',
      department: 'Research',
      accountEnabled: false,
    },
  ],
}

const small = () => graphTestApp({ tenant: { export: SMALL } })

describe('GET /users', () => {
  it('returns Graph default properties, in Graph order, with @odata.context', async () => {
    const graph = await graphClient(small())
    const response = await graph.get('/users')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(
      /^application\/json;odata.metadata=minimal/,
    )
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.body['@odata.context']).toBe('http://localhost/graph/v1.0/$metadata#users')
    expect(response.body['@odata.nextLink']).toBeUndefined()
    expect(Object.keys(response.body.value[0])).toEqual([
      'businessPhones',
      'displayName',
      'givenName',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
      'id',
    ])
    // employeeId and department are returned only on $select, as in Graph.
    expect(response.body.value[0].employeeId).toBeUndefined()
    expect(response.body.value.map((u: { id: string }) => u.id)).toEqual([ADA, GRACE, ALAN])
  })

  it('returns what $select names, directory extension and on-premises attributes included', async () => {
    const graph = await graphClient(small())
    const response = await graph.get(
      `/users?$select=id,employeeId,accountEnabled,employeeHireDate,onPremisesExtensionAttributes,${EXT}`,
    )
    expect(response.body['@odata.context']).toBe(
      `http://localhost/graph/v1.0/$metadata#users(id,employeeId,accountEnabled,employeeHireDate,onPremisesExtensionAttributes,${EXT})`,
    )
    const [ada, grace] = response.body.value
    expect(ada).toMatchObject({
      id: ADA,
      employeeId: '100001',
      accountEnabled: true,
      employeeHireDate: '2019-04-01T00:00:00Z',
      [EXT]: '4242',
    })
    expect(ada.onPremisesExtensionAttributes.extensionAttribute1).toBe('4242')
    expect(ada.onPremisesExtensionAttributes.extensionAttribute15).toBeNull()
    // An unset extension property is left out, as Graph does.
    expect(Object.keys(grace)).not.toContain(EXT)
  })

  it('refuses an unknown $select name with Graph’s 400', async () => {
    const graph = await graphClient(small())
    const response = await graph.get('/users?$select=id,favouriteColour')
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: "Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.",
    })
    expect(Object.keys(response.body.error.innerError)).toEqual([
      'date',
      'request-id',
      'client-request-id',
    ])
  })

  const filters: [string, string[]][] = [
    ["department eq 'Engineering'", [ADA, GRACE]],
    ["department eq 'engineering'", [ADA, GRACE]],
    ["startswith(displayName,'gra')", [GRACE]],
    ["employeeId in ('100001','100002')", [ADA, GRACE]],
    ['accountEnabled eq false', [ALAN]],
    ["userPrincipalName eq 'ALAN@fabrikam.onmicrosoft.com'", [ALAN]],
    [`${EXT} eq '4242'`, [ADA]],
    ["givenName eq 'Ada' or surname eq 'Turing'", [ADA, ALAN]],
    ["(department eq 'Engineering') and accountEnabled eq true", [ADA, GRACE]],
    ['employeeHireDate ge 2019-01-01T00:00:00Z', [ADA]],
  ]
  for (const [filter, expected] of filters) {
    it(`filters: ${filter}`, async () => {
      const graph = await graphClient(small())
      const response = await graph.get(`/users?$filter=${encodeURIComponent(filter)}&$select=id`)
      expect(response.status).toBe(200)
      expect(response.body.value.map((u: { id: string }) => u.id)).toEqual(expected)
    })
  }

  it('needs an advanced query for ne and endswith, as Graph does', async () => {
    const graph = await graphClient(small())
    const plain = await graph.get(
      `/users?$filter=${encodeURIComponent("department ne 'Engineering'")}`,
    )
    expect(plain.status).toBe(400)
    expect(plain.body.error.code).toBe('Request_UnsupportedQuery')
    const advanced = await graph.get(
      `/users?$filter=${encodeURIComponent("department ne 'Engineering'")}&$count=true&$select=id`,
      { ConsistencyLevel: 'eventual' },
    )
    expect(advanced.status).toBe(200)
    expect(advanced.body['@odata.count']).toBe(1)
    expect(advanced.body.value).toEqual([{ id: ALAN }])
    const noHeader = await graph.get('/users?$count=true')
    expect(noHeader.status).toBe(400)
  })

  it('refuses filters on properties or operators Graph does not support', async () => {
    const graph = await graphClient(small())
    for (const filter of [
      "businessPhones eq '1'",
      "startswith(accountEnabled,'t')",
      "jobTitle gt 'a'",
    ]) {
      const response = await graph.get(`/users?$filter=${encodeURIComponent(filter)}`)
      expect(response.status).toBe(400)
      expect(response.body.error.code).toBe('Request_UnsupportedQuery')
    }
    const broken = await graph.get(`/users?$filter=${encodeURIComponent("displayName eq 'x")}`)
    expect(broken.status).toBe(400)
    expect(broken.body.error.message).toMatch(/^Invalid filter clause/)
  })

  it('takes $top from 1 to 999 only', async () => {
    const graph = await graphClient(small())
    expect((await graph.get('/users?$top=2')).body.value).toHaveLength(2)
    for (const top of ['0', '1000', 'ten']) {
      const response = await graph.get(`/users?$top=${top}`)
      expect(response.status).toBe(400)
      expect(response.body.error.message).toBe(
        `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
      )
    }
    expect((await graph.get('/users?$skip=1')).body.error.message).toBe(
      "'$skip' is not supported by the service.",
    )
  })

  it('pages through 2,500 users with $top=999 by following @odata.nextLink', async () => {
    const users = Array.from({ length: 2500 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      userPrincipalName: `user${i}@fabrikam.onmicrosoft.com`,
      displayName: `User ${i}`,
    }))
    const app = graphTestApp({ tenant: { export: { users } } })
    const graph = await graphClient(app)
    const pages = await allPages(graph.get, '/users?$top=999&$select=id,userPrincipalName')
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200])
    expect(pages.map((p) => p.body.value.length)).toEqual([999, 999, 502])
    const link = pages[0]?.body['@odata.nextLink'] as string
    expect(link).toMatch(
      /^http:\/\/localhost\/graph\/v1\.0\/users\?\$top=999&\$select=id,userPrincipalName&\$skiptoken=/,
    )
    expect(pages[2]?.body['@odata.nextLink']).toBeUndefined()
    const ids = pages.flatMap((p) => p.body.value.map((u: { id: string }) => u.id))
    expect(new Set(ids).size).toBe(2500)
    expect(Object.keys(pages[1]?.body.value[0])).toEqual(['id', 'userPrincipalName'])
  })

  it('refuses a tampered $skiptoken', async () => {
    const graph = await graphClient(small())
    const response = await graph.get('/users?$skiptoken=garbage')
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('Request_BadRequest')
  })
})

describe('GET /users/{id} and /users/{id}/manager', () => {
  it('reads a user by id or user principal name', async () => {
    const graph = await graphClient(small())
    const byId = await graph.get(`/users/${GRACE}?$select=id,employeeId`)
    expect(byId.body).toEqual({
      '@odata.context': 'http://localhost/graph/v1.0/$metadata#users(id,employeeId)/$entity',
      id: GRACE,
      employeeId: '100002',
    })
    const byUpn = await graph.get('/users/GRACE@fabrikam.onmicrosoft.com')
    expect(byUpn.body.id).toBe(GRACE)
    const missing = await graph.get('/users/0000ada0-0000-4000-8000-00000000ffff')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('Request_ResourceNotFound')
  })

  it('returns the manager as a directory object, and 404 Request_ResourceNotFound when none', async () => {
    const graph = await graphClient(small())
    const manager = await graph.get(`/users/${GRACE}/manager?$select=id,displayName`)
    expect(manager.body).toEqual({
      '@odata.context': 'http://localhost/graph/v1.0/$metadata#directoryObjects/$entity',
      '@odata.type': '#microsoft.graph.user',
      id: ADA,
      displayName: 'Ada Lovelace',
    })
    const none = await graph.get(`/users/${ALAN}/manager`)
    expect(none.status).toBe(404)
    expect(none.body.error).toMatchObject({
      code: 'Request_ResourceNotFound',
      message:
        "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
    })
  })

  it('serves a photo set on the control plane as its bytes, 404 ImageNotFound without one, and keeps it out of users delta', async () => {
    const app = small()
    const graph = await graphClient(app)
    const none = await graph.get(`/users/${ADA}/photo/$value`)
    expect(none.status).toBe(404)
    expect(none.body.error.code).toBe('ImageNotFound')
    const delta = await graph.get('/users/delta?$deltatoken=latest')
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])
    const put = await app.request(`/_admin/graph/tenants/${TENANT}/users/${ADA}/photo`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'image/jpeg' },
      body: jpeg,
    })
    expect(put.status).toBe(204)
    const photo = await app.request(`/graph/v1.0/users/${ADA}/photo/$value`, {
      headers: { Authorization: `Bearer ${graph.token}` },
    })
    expect(photo.headers.get('content-type')).toBe('image/jpeg')
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(jpeg)
    // Graph's users delta does not track photos: a photo-only change is no change of the user.
    expect((await graph.get(delta.body['@odata.deltaLink'])).body.value).toEqual([])
    const text = await app.request(`/_admin/graph/tenants/${TENANT}/users/${ADA}/photo`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'text/plain' },
      body: 'not a photo',
    })
    expect(text.status).toBe(415)
  })

  it('expands the manager on a list', async () => {
    const graph = await graphClient(small())
    const response = await graph.get('/users?$select=id&$expand=manager($select=id)')
    expect(response.body.value).toEqual([
      { id: ADA },
      { id: GRACE, manager: { '@odata.type': '#microsoft.graph.user', id: ADA } },
      { id: ALAN },
    ])
  })
})

describe('Graph authentication and permissions', () => {
  it('answers 401 InvalidAuthenticationToken without a token, with a bad one, and with an expired one', async () => {
    let now = new Date('2026-03-01T10:00:00Z')
    const app = graphTestApp({ tenant: { export: SMALL }, app: { clock: () => now } })
    const token = await accessToken(app)
    const none = await (await graphClient(app, '')).get('/users')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm=""/)
    expect(none.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    })
    const forged = await (await graphClient(app, `${token.slice(0, -4)}AAAA`)).get('/users')
    expect(forged.status).toBe(401)
    expect(forged.body.error.code).toBe('InvalidAuthenticationToken')
    const graph = await graphClient(app, token)
    expect((await graph.get('/users')).status).toBe(200)
    now = new Date('2026-03-01T11:00:00Z')
    const expired = await graph.get('/users')
    expect(expired.status).toBe(401)
    expect(expired.body.error.message).toBe('Lifetime validation failed, the token is expired.')
  })

  it('answers 403 Authorization_RequestDenied when the app lacks the permission', async () => {
    const app = graphTestApp({
      tenant: {
        export: SMALL,
        apps: [{ appId: APP_ID, secret: SECRET, roles: ['Group.Read.All'] }],
      },
    })
    const graph = await graphClient(app)
    const response = await graph.get('/users')
    expect(response.status).toBe(403)
    expect(response.body.error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    })
    expect((await graph.get('/groups')).status).toBe(200)
  })

  it('answers a write with 403, as Graph does for an app holding Read permissions', async () => {
    const app = small()
    const token = await accessToken(app)
    const response = await app.request('/graph/v1.0/users', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(403)
  })

  it('stops answering with a token of a deleted tenant', async () => {
    const app = small()
    const graph = await graphClient(app)
    expect((await admin(app, 'DELETE', '')).status).toBe(204)
    expect((await graph.get('/users')).status).toBe(401)
  })
})
