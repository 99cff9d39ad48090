import { describe, expect, it } from 'vitest'
import { readTestResponse } from '../test/test-response.ts'
import {
  ADMIN,
  admin,
  APP_ID,
  CLIENT_CREDENTIALS,
  graphClient,
  graphTestApp,
  requestToken,
  TENANT,
} from '../test/graph-test-client.ts'

const USER = '0000beef-0000-4000-8000-000000000001'
const BOSS = '0000beef-0000-4000-8000-000000000002'
const GROUP = '0000beef-0000-4000-8000-0000000000a0'

async function adminAt(
  app: ReturnType<typeof graphTestApp>,
  method: string,
  path: string,
  body?: unknown,
) {
  return readTestResponse(
    await app.request(`/_admin/graph${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
}

describe('Graph control plane', () => {
  it('needs the admin token', async () => {
    const app = graphTestApp()
    const response = await app.request('/_admin/graph/tenants')
    expect(response.status).toBe(401)
  })

  it('adds, edits and removes users, managers, groups and memberships, as Graph then shows', async () => {
    const app = graphTestApp()
    const graph = await graphClient(app)
    const created = await admin(app, 'POST', '/users', {
      id: USER,
      userPrincipalName: 'kim@fabrikam.onmicrosoft.com',
      givenName: 'Kim',
      surname: 'Lee',
      employeeId: 'E1',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ id: USER, accountEnabled: true, displayName: 'kim' })
    await admin(app, 'POST', '/users', {
      id: BOSS,
      userPrincipalName: 'boss@fabrikam.onmicrosoft.com',
    })
    const edited = await admin(app, 'PATCH', `/users/${USER}`, {
      displayName: 'Kim Lee',
      employeeId: 'E1',
    })
    expect(edited.body.changed).toEqual(['displayName'])
    expect((await admin(app, 'PUT', `/users/${USER}/manager`, { id: BOSS })).status).toBe(204)
    expect((await graph.get(`/users/${USER}/manager?$select=id`)).body.id).toBe(BOSS)
    await admin(app, 'POST', '/groups', { id: GROUP, displayName: 'Badge holders' })
    expect((await admin(app, 'POST', `/groups/${GROUP}/members`, { id: USER })).body.type).toBe(
      'user',
    )
    expect((await graph.get(`/groups/${GROUP}/members?$select=id`)).body.value).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: USER },
    ])
    expect((await admin(app, 'DELETE', `/groups/${GROUP}/members/${USER}`)).status).toBe(204)
    expect((await graph.get(`/groups/${GROUP}/members`)).body.value).toEqual([])
    expect((await admin(app, 'DELETE', `/users/${BOSS}`)).status).toBe(204)
    expect((await graph.get(`/users/${USER}/manager`)).status).toBe(404)
    expect((await graph.get(`/users?$select=displayName`)).body.value).toEqual([
      { displayName: 'Kim Lee' },
    ])
  })

  it('refuses what Graph would not store, with a 400 or 409 naming it', async () => {
    const app = graphTestApp()
    const cases: [unknown, number, RegExp][] = [
      [{ givenName: 'No UPN' }, 400, /userPrincipalName must look like alias@domain/],
      [
        { userPrincipalName: 'a@fabrikam.onmicrosoft.com', favouriteColour: 'red' },
        400,
        /favouriteColour: is not a user property/,
      ],
      [
        { userPrincipalName: 'a@fabrikam.onmicrosoft.com', accountEnabled: 'yes' },
        400,
        /accountEnabled: must be true or false/,
      ],
      [
        { userPrincipalName: 'a@fabrikam.onmicrosoft.com', employeeHireDate: 'last week' },
        400,
        /ISO 8601/,
      ],
      [
        {
          userPrincipalName: 'a@fabrikam.onmicrosoft.com',
          createdDateTime: '2020-01-01T00:00:00Z',
        },
        400,
        /set by the directory/,
      ],
      [
        { id: 'not-a-guid', userPrincipalName: 'a@fabrikam.onmicrosoft.com' },
        400,
        /must be a GUID/,
      ],
    ]
    for (const [body, status, detail] of cases) {
      const response = await admin(app, 'POST', '/users', body)
      expect(response.status).toBe(status)
      expect(response.body.detail).toMatch(detail)
    }
    await admin(app, 'POST', '/users', { userPrincipalName: 'a@fabrikam.onmicrosoft.com' })
    const twice = await admin(app, 'POST', '/users', {
      userPrincipalName: 'A@fabrikam.onmicrosoft.com',
    })
    expect(twice.status).toBe(409)
    expect(
      (await admin(app, 'PATCH', '/users/0000beef-0000-4000-8000-00000000ffff', {})).status,
    ).toBe(404)
  })

  it('seeds believable users and groups; the same seed gives the same tenant', async () => {
    const one = graphTestApp()
    const two = graphTestApp()
    const seeded = await admin(one, 'POST', '/seed', { users: 40, groups: 6, seed: 3 })
    expect(seeded.status).toBe(200)
    expect(seeded.body).toMatchObject({ users: 40, groups: 6 })
    expect(seeded.body.managers).toBeGreaterThan(30)
    await admin(two, 'POST', '/seed', { users: 10, groups: 2, seed: 99 })
    // Seeding again replaces the content, extension definitions included.
    expect(
      (await admin(two, 'POST', '/seed', { users: 40, groups: 6, seed: 3 })).body.extensions,
    ).toBe(3)
    const exportOne = (await admin(one, 'GET', '/export')).body
    expect((await admin(two, 'GET', '/export')).body).toEqual(exportOne)
    const user = exportOne.users[0]
    for (const property of [
      'userPrincipalName',
      'givenName',
      'surname',
      'department',
      'jobTitle',
      'country',
      'employeeHireDate',
    ]) {
      expect(user[property], property).toEqual(expect.any(String))
    }
    expect(
      exportOne.extensions.map((e: { name: string }) => e.name.replace(/_[0-9a-f]{32}_/, '_')),
    ).toEqual(['extension_cardNumber', 'extension_facilityCode', 'extension_badgeType'])
    const graph = await graphClient(one)
    const extensions = await readTestResponse(
      await one.request('/graph/v1.0/directoryObjects/getAvailableExtensionProperties', {
        method: 'POST',
        headers: { Authorization: `Bearer ${graph.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      }),
    )
    expect(extensions.body.value).toHaveLength(3)
    expect(extensions.body.value[0]).toMatchObject({ dataType: 'String', targetObjects: ['User'] })
  })

  it('loads a Graph export a team made (pages, $expand results, unknown properties) and saves it back', async () => {
    const app = graphTestApp()
    const file = {
      users: [
        {
          value: [
            {
              '@odata.type': '#microsoft.graph.user',
              id: USER,
              userPrincipalName: 'kim@contoso.com',
              displayName: 'Kim',
              signInActivity: { lastSignInDateTime: '2026-01-01T00:00:00Z' },
              manager: { '@odata.type': '#microsoft.graph.user', id: BOSS },
            },
          ],
        },
        { value: [{ id: BOSS, userPrincipalName: 'boss@contoso.com', proxyAddresses: [] }] },
      ],
      groups: {
        value: [
          {
            id: GROUP,
            displayName: 'Guards',
            members: [{ id: USER }, { '@odata.type': '#microsoft.graph.device', id: 'x' }],
          },
        ],
      },
    }
    const loaded = await admin(app, 'POST', '/import', file)
    expect(loaded.status).toBe(200)
    expect(loaded.body).toEqual({
      users: 2,
      groups: 1,
      memberships: 1,
      managers: 1,
      extensions: 0,
      ignoredProperties: ['proxyAddresses', 'signInActivity'],
      skipped: { members: 1, managers: 0 },
    })
    const saved = (await admin(app, 'GET', '/export')).body
    const again = graphTestApp({ tenant: { export: saved } })
    expect(
      (
        await readTestResponse(
          await again.request(`/_admin/graph/tenants/${TENANT}/export`, {
            headers: { Authorization: `Bearer ${ADMIN}` },
          }),
        )
      ).body,
    ).toEqual(saved)
    const bad = await admin(app, 'POST', '/import', {
      users: [
        { id: USER, userPrincipalName: 'x@y.z' },
        { id: USER, userPrincipalName: 'q@y.z' },
      ],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.detail).toMatch(/users\[1\]\.id/)
    // A refused load leaves the tenant as it was.
    expect((await admin(app, 'GET', '')).body.users).toBe(2)
  })

  it('defines directory extension properties that users then carry and Graph lists', async () => {
    const app = graphTestApp()
    const defined = await admin(app, 'POST', '/extensions', { name: 'costCenter' })
    expect(defined.status).toBe(201)
    const name = `extension_${APP_ID.replaceAll('-', '')}_costCenter`
    expect(defined.body).toMatchObject({ name, dataType: 'String', targetObjects: ['User'] })
    await admin(app, 'POST', '/users', {
      id: USER,
      userPrincipalName: 'kim@fabrikam.onmicrosoft.com',
      [name]: 'CC-7',
    })
    const graph = await graphClient(app)
    expect((await graph.get(`/users/${USER}?$select=${name}`)).body[name]).toBe('CC-7')
    const apps = await graph.get(
      `/applications?$filter=${encodeURIComponent(`appId eq '${APP_ID}'`)}`,
    )
    const objectId = apps.body.value[0].id as string
    const listed = await graph.get(`/applications/${objectId}/extensionProperties`)
    expect(listed.body.value.map((e: { name: string }) => e.name)).toEqual([name])
  })

  it('refuses at start an export file the tenant would not load', () => {
    const duplicate = { id: USER, userPrincipalName: 'a@fabrikam.onmicrosoft.com' }
    expect(() =>
      graphTestApp({
        tenant: { export: { users: [duplicate, { ...duplicate, userPrincipalName: 'b@x.y' }] } },
      }),
    ).toThrow(/users\[1\]\.id/)
  })

  it('registers app credentials: the secret is shown once, and the token endpoint takes it', async () => {
    const app = graphTestApp()
    const created = await admin(app, 'POST', '/apps', {
      appId: '0000beef-0000-4000-8000-00000000c11e',
      displayName: 'Second sync',
      roles: ['User.Read.All'],
    })
    expect(created.status).toBe(201)
    const secret = created.body.clientSecret as string
    expect(secret.length).toBeGreaterThan(30)
    const listed = await admin(app, 'GET', '/apps')
    expect(JSON.stringify(listed.body)).not.toContain(secret)
    expect(listed.body.apps.map((a: { appId: string }) => a.appId)).toEqual([
      APP_ID,
      '0000beef-0000-4000-8000-00000000c11e',
    ])
    const token = await requestToken(app, {
      ...CLIENT_CREDENTIALS,
      client_id: '0000beef-0000-4000-8000-00000000c11e',
      client_secret: secret,
    })
    expect(token.status).toBe(200)
    const unknownRole = await admin(app, 'POST', '/apps', { roles: ['Everything.All'] })
    expect(unknownRole.status).toBe(400)
  })

  it('creates tenants with their own id, domain and apps; other ids are 404', async () => {
    const app = graphTestApp()
    const tenant = '0000beef-0000-4000-8000-0000000000ee'
    const created = await adminAt(app, 'POST', '/tenants', {
      id: tenant,
      domain: 'northwind.onmicrosoft.com',
      apps: [{ appId: '0000beef-0000-4000-8000-00000000a9a9' }],
      seed: { users: 3, groups: 1, seed: 1 },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: tenant,
      users: 3,
      groups: 1,
      tokenEndpoint: `http://localhost/graph/login/${tenant}/oauth2/v2.0/token`,
      graphBaseUrl: 'http://localhost/graph/v1.0',
    })
    expect(created.body.clientSecrets).toHaveLength(1)
    expect((await adminAt(app, 'GET', '/tenants')).body.tenants).toHaveLength(2)
    expect((await adminAt(app, 'POST', '/tenants', { id: tenant })).status).toBe(409)
    expect(
      (await adminAt(app, 'GET', '/tenants/0000beef-0000-4000-8000-000000000000')).status,
    ).toBe(404)
  })
})
