/**
 * The Entra ID (Graph) synchronization end to end, in-process against the fake Graph source's
 * seeded development tenant: a forced run creates identities SCIM and REST both read, with logs
 * and webhooks; a change in Graph starts an automatic run that updates exactly that identity
 * (delta); group removals, roles, managers, pictures and credentials; the secret never shown.
 */
import { describe, expect, it } from 'vitest'
import { accessToken, admin, api, scim, V2 } from '../control/rest-test-client.ts'
import { graphSyncOf } from './graph-sync-state.ts'
import {
  configure,
  devTenant,
  graphSyncTestApp,
  logEntries,
  subscribe,
  SYNC,
  synchronize,
  tenantAdmin,
} from '../test/graph-sync-test-client.ts'
import type { MockApp } from '../app.ts'
import { SYNC_LOG_TYPES } from '../sync/sync-log.ts'

async function restByExternalId(app: MockApp, externalId: string) {
  const token = await accessToken(app)
  const found = await api(
    app,
    token,
    'GET',
    `${V2}?externalId=${encodeURIComponent(externalId)}&include=privateData,companyData,systemData`,
  )
  expect(found.status, found.text).toBe(200)
  return Array.isArray(found.body) ? found.body[0] : (found.body.identities?.[0] ?? found.body)
}

/** The seeded tenant's users in "All Company" (the enabled ones), by id. */
async function allCompany(app: MockApp) {
  const tenant = await devTenant(app)
  const group = tenant.groups.sorted().find((g) => g.props.displayName === 'All Company')
  if (!group) throw new Error('no All Company group')
  return { tenant, group, members: tenant.transitiveMembersOf(group.id).map((m) => m.object) }
}

const settle = (app: MockApp) => graphSyncOf(app.mock).idle()

describe('Graph synchronization: force and automatic runs', () => {
  it('creates the seeded users as identities SCIM and REST both read, with logs and webhooks', async () => {
    const { app, deliveries } = graphSyncTestApp()
    await subscribe(app, 'IdentityCreated', 'IdentityUpdated')
    const id = await configure(app)
    const { members } = await allCompany(app)

    const run = await synchronize(app, id)
    expect(run.status, run.text).toBe(201)
    expect(run.body).toMatchObject({ mode: 'force', read: 'full', status: 'completed', errors: [] })
    expect(run.body.counts).toMatchObject({
      users: members.length,
      created: members.length,
      updated: 0,
      failed: 0,
    })
    expect(run.body.counts.credentialsCreated).toBeGreaterThan(members.length / 2)
    expect(run.body.counts.supervisorsUpdated).toBeGreaterThan(0)

    // SCIM and REST read the same identities.
    const listed = await scim(app, 'GET', '/Users?count=200')
    expect(listed.body.totalResults).toBe(members.length)
    const ada = members.find((u) => typeof u.props.employeeId === 'string') ?? members[0]
    const props = ada?.props ?? {}
    const rest = await restByExternalId(app, String(props.id))
    expect(rest).toMatchObject({
      displayName: props.displayName,
      firstName: props.givenName,
      lastName: props.surname,
      status: 'Active',
      countryCode: 'USA',
      companyData: { jobTitle: props.jobTitle, departmentName: props.department },
      systemData: { externalId: props.id, externalSyncSourceId: id },
    })
    const filtered = await scim(
      app,
      'GET',
      `/Users?filter=${encodeURIComponent(`externalId eq "${props.id}"`)}`,
    )
    expect(filtered.body.Resources[0].displayName).toBe(props.displayName)
    const stored = app.mock.store.findByExternalId('acme', String(props.id))
    expect(stored?.source).toBe('graph')

    // One webhook per identity created; supervisors are set in the same write.
    await app.mock.webhooks.idle()
    expect(deliveries.filter((d) => d.event === 'IdentityCreated')).toHaveLength(members.length)
    expect(deliveries.filter((d) => d.event === 'IdentityUpdated')).toHaveLength(0)

    // The log: the documented types, entity search, only errors.
    const entries = await logEntries(app, id, '?limit=5000')
    const types = new Set(entries.map((e) => e.type))
    for (const type of [
      'Extraction',
      'Create identity',
      'Create credential',
      'Add member to role',
      'Update supervisor',
      'Synchronization',
    ])
      expect(types).toContain(type)
    expect(entries[0]?.type).toBe('Synchronization')
    const upn = String(props.userPrincipalName)
    const search = await logEntries(app, id, `?entity=${encodeURIComponent(upn.toUpperCase())}`)
    expect(search.length).toBeGreaterThan(0)
    expect(search.every((e) => e.entity.toLowerCase().includes(upn))).toBe(true)
    const errorsOnly = await logEntries(app, id, '?errorsOnly=true')
    expect(errorsOnly.every((e) => e.outcome === 'failed')).toBe(true)
    const byType = await logEntries(app, id, '?type=create%20identity')
    expect(byType).toHaveLength(members.length)

    // Force synchronization turned automatic synchronization on.
    const view = await admin(app, 'GET', `${SYNC}/configurations/${id}`)
    expect(view.body).toMatchObject({ automatic: true, deltaLinkKept: true, source: 'fake' })
  })

  it('updates exactly the changed identity when one Graph user changes (an automatic, delta run)', async () => {
    const { app, deliveries } = graphSyncTestApp()
    await subscribe(app, 'IdentityCreated', 'IdentityUpdated')
    const id = await configure(app)
    expect((await synchronize(app, id)).status).toBe(201)
    await app.mock.webhooks.idle()
    deliveries.length = 0
    const { members } = await allCompany(app)
    const target = members[3]
    const versions = new Map(
      [...app.mock.store.scan('acme', false)].map((i) => [i.id, i.version] as const),
    )

    const patched = await tenantAdmin(app, 'PATCH', `/users/${target?.id}`, {
      jobTitle: 'Night Shift Supervisor',
    })
    expect(patched.status, patched.text).toBe(200)
    await settle(app)

    const runs = (await admin(app, 'GET', `${SYNC}/configurations/${id}/runs`)).body.runs
    expect(runs).toHaveLength(2)
    expect(runs[0]).toMatchObject({
      mode: 'automatic',
      read: 'delta',
      trigger: 'change',
      status: 'completed',
      counts: { users: 1, updated: 1, created: 0, unchanged: 0 },
    })
    const changed = [...app.mock.store.scan('acme', false)].filter(
      (i) => i.version !== versions.get(i.id),
    )
    expect(changed.map((i) => i.attributes.externalId)).toEqual([target?.id])
    expect((await restByExternalId(app, String(target?.id))).companyData.jobTitle).toBe(
      'Night Shift Supervisor',
    )
    await app.mock.webhooks.idle()
    expect(deliveries.map((d) => d.event)).toEqual(['IdentityUpdated'])
    const runEntries = await logEntries(app, id, `?runId=${runs[0].runId}`)
    expect(runEntries.filter((e) => e.type === 'Update identity')).toHaveLength(1)
  })

  it('starts no automatic run for a picture-only change; a force run then takes the picture', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app)
    await synchronize(app, id)
    const { members } = await allCompany(app)
    const target = members[0]
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0xff, 0xd9])
    const put = await app.request(
      `/_admin/graph/tenants/c1ea41d0-6a5f-4d3e-9b1c-00000000e17a/users/${target?.id}/photo`,
      {
        method: 'PUT',
        headers: { Authorization: 'Bearer test-admin-token', 'Content-Type': 'image/jpeg' },
        body: jpeg,
      },
    )
    expect(put.status).toBe(204)
    await settle(app)
    expect((await admin(app, 'GET', `${SYNC}/configurations/${id}/runs`)).body.runs).toHaveLength(1)
    const again = await synchronize(app, id)
    expect(again.body.counts).toMatchObject({ updated: 1 })
    const rest = await restByExternalId(app, String(target?.id))
    expect(rest.picture).toEqual({
      kind: 'base64',
      bytes: 8,
      contentType: 'image/jpeg',
      data: btoa(String.fromCharCode(...jpeg)),
    })
  })

  it('deactivates the identity of a user removed from the synchronized group (the default), and deletes it with removedIdentities: delete', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app)
    await synchronize(app, id)
    const { group, members } = await allCompany(app)
    const leaver = members[5]
    expect(
      (await tenantAdmin(app, 'DELETE', `/groups/${group.id}/members/${leaver?.id}`)).status,
    ).toBe(204)
    await settle(app)
    const identity = app.mock.store.findByExternalId('acme', String(leaver?.id))
    expect(identity?.active).toBe(false)
    const entries = await logEntries(app, id, '?type=Update%20identity')
    expect(entries[0]).toMatchObject({ outcome: 'deactivated' })
    expect(entries[0]?.message).toContain('no longer in a group that synchronizes identities')

    await admin(app, 'PUT', `${SYNC}/configurations/${id}/options`, { removedIdentities: 'delete' })
    const gone = members[6]
    expect((await tenantAdmin(app, 'DELETE', `/users/${gone?.id}`)).status).toBe(204)
    await settle(app)
    expect(app.mock.store.findByExternalId('acme', String(gone?.id))).toBeUndefined()
    const scimRead = await scim(
      app,
      'GET',
      `/Users?filter=${encodeURIComponent(`externalId eq "${gone?.id}"`)}`,
    )
    expect(scimRead.body.totalResults).toBe(0)
    expect((await logEntries(app, id, '?type=Update%20identity'))[0]).toMatchObject({
      outcome: 'deleted',
      message: expect.stringContaining('no longer in Graph'),
    })
  })

  it('creates the identity of a new user who joins the synchronized group (automatic run)', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app)
    await synchronize(app, id)
    const { group } = await allCompany(app)
    const created = await tenantAdmin(app, 'POST', '/users', {
      userPrincipalName: 'new.hire@contoso.onmicrosoft.com',
      displayName: 'New Hire',
      givenName: 'New',
      surname: 'Hire',
    })
    expect(created.status, created.text).toBe(201)
    await settle(app)
    // Not in a synchronized group yet: nothing to do.
    expect(app.mock.store.findByExternalId('acme', created.body.id)).toBeUndefined()
    await tenantAdmin(app, 'POST', `/groups/${group.id}/members`, { id: created.body.id })
    await settle(app)
    const identity = app.mock.store.findByExternalId('acme', created.body.id)
    expect(identity).toMatchObject({ displayName: 'New Hire', active: true, source: 'graph' })
    const runs = (await admin(app, 'GET', `${SYNC}/configurations/${id}/runs`)).body.runs
    expect(runs[0]).toMatchObject({ read: 'delta', counts: { users: 1, created: 1 } })
  })

  it('synchronizes every user with options.users: all, disabled ones Inactive', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app, (json) => {
      json.groups = []
      json.options = { users: 'all' }
    })
    const run = await synchronize(app, id)
    const tenant = await devTenant(app)
    expect(run.body.counts).toMatchObject({ users: tenant.users.sorted().length, failed: 0 })
    const disabled = tenant.users.sorted().find((u) => u.props.accountEnabled === false)
    expect(app.mock.store.findByExternalId('acme', String(disabled?.id))?.active).toBe(false)
  })

  it('keeps role memberships in step with the groups, and leaves other sources’ memberships alone', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app)
    await synchronize(app, id)
    const tenant = await devTenant(app)
    const staff = tenant.groups.sorted().find((g) => g.props.displayName === 'Security Staff')
    const team = app.mock.teams.list('acme', false).find((t) => t.name === 'Security')
    expect(team).toBeDefined()
    const members = app.mock.teams.membersOf('acme', team?.id ?? '')
    const expected = tenant
      .transitiveMembersOf(staff?.id ?? '')
      .filter((m) => m.type === 'user' && app.mock.store.findByExternalId('acme', m.object.id))
    expect(members).toHaveLength(expected.length)
    expect(members.every((m) => m.sourceId === `graph:${id}`)).toBe(true)

    // A manual membership of another source stays; a member who leaves the group leaves the role.
    const other = [...app.mock.store.scan('acme', false)].find(
      (i) => !members.some((m) => m.identityId === i.id),
    )
    app.mock.teams.add('acme', [
      {
        teamId: team?.id ?? '',
        identityId: other?.id ?? '',
        sourceId: 'TeamService',
        startDateTimeUtc: null,
        endDateTimeUtc: null,
        reason: null,
        addedUtc: '2026-01-01T00:00:00Z',
      },
    ])
    const direct = tenant.membersOf(staff?.id ?? '').find((m) => m.type === 'user')
    await tenantAdmin(app, 'DELETE', `/groups/${staff?.id}/members/${direct?.object.id}`)
    await settle(app)
    const after = app.mock.teams.membersOf('acme', team?.id ?? '')
    expect(after.some((m) => m.sourceId === 'TeamService')).toBe(true)
    const leaverIdentity = app.mock.store.findByExternalId('acme', String(direct?.object.id))
    expect(after.some((m) => m.identityId === leaverIdentity?.id)).toBe(false)
    expect(await logEntries(app, id, '?type=Remove%20member%20from%20role')).toHaveLength(1)
  })

  it('overwrites supervisors with Entra managers (Synchronize managers)', async () => {
    const { app } = graphSyncTestApp()
    const { members, tenant } = await allCompany(app)
    const report = members.find(
      (u) => tenant.managerOf(u.id) && members.includes(tenant.managerOf(u.id)!),
    )
    const manager = tenant.managerOf(report?.id ?? '')
    const token = await accessToken(app)
    const before = await api(app, token, 'POST', V2, {
      displayName: 'Old Name',
      firstName: 'Old',
      systemData: { externalId: report?.id },
      companyData: {
        supervisorName: 'Someone Else',
        approvers: [{ approverId: '00000000-0000-4000-8000-000000000001' }],
      },
    })
    expect(before.status, before.text).toBe(201)
    const id = await configure(app)
    await synchronize(app, id)
    const rest = await restByExternalId(app, String(report?.id))
    const managerIdentity = app.mock.store.findByExternalId('acme', String(manager?.id))
    expect(rest.companyData.approvers).toEqual([{ approverId: managerIdentity?.id }])
    expect(
      app.mock.store.findByExternalId('acme', String(report?.id))?.attributes.supervisorName,
    ).toBe(manager?.props.displayName)
  })

  it('logs all 13 documented types: portal users from mapped access, credentials created, updated and deleted', async () => {
    const { app } = graphSyncTestApp()
    const { members } = await allCompany(app)
    const user = members.find(
      (u) => typeof u.props.extension_a272e379e70843d28617d7ed134ebbc1_cardNumber === 'string',
    )
    const id = await configure(app, (json) => {
      const mappings = json.identityMappings as Record<string, unknown>[]
      mappings.push(
        {
          field: 'hasWebPortalAccess',
          attribute: 'onPremisesExtensionAttributes/extensionAttribute3',
        },
        { field: 'isAdmin', attribute: 'onPremisesExtensionAttributes/extensionAttribute4' },
      )
      const credential = (json.credentialMappings as Record<string, unknown>[])[0] ?? {}
      credential.activationDateAttribute = 'employeeHireDate'
    })
    await synchronize(app, id)
    const edit = (props: Record<string, unknown>) =>
      tenantAdmin(app, 'PATCH', `/users/${user?.id}`, props).then(() => settle(app))
    const attributes = (values: Record<string, string | null>) => ({
      onPremisesExtensionAttributes: { extensionAttribute2: 'CC-1', ...values },
    })
    await edit(attributes({ extensionAttribute3: 'true' }))
    await edit(attributes({ extensionAttribute3: 'true', extensionAttribute4: 'true' }))
    await edit(attributes({ extensionAttribute3: 'false', extensionAttribute4: 'false' }))
    await edit({ employeeHireDate: '2020-02-02T00:00:00Z' })
    await edit({ extension_a272e379e70843d28617d7ed134ebbc1_cardNumber: '777' })
    // A guard leaves All Company but stays in Security Staff: deactivated, and still in the role;
    // then leaves Security Staff too: out of the role.
    const { tenant, group } = await allCompany(app)
    const staff = tenant.groups.sorted().find((g) => g.props.displayName === 'Security Staff')
    const guard = tenant
      .membersOf(staff?.id ?? '')
      .find((m) => m.type === 'user' && members.includes(m.object))?.object
    const team = app.mock.teams.list('acme', false).find((t) => t.name === 'Security')
    const guardIdentity = app.mock.store.findByExternalId('acme', String(guard?.id))
    const inRole = () =>
      app.mock.teams
        .membersOf('acme', team?.id ?? '')
        .some((m) => m.identityId === guardIdentity?.id)
    expect(inRole()).toBe(true)
    await tenantAdmin(app, 'DELETE', `/groups/${group.id}/members/${guard?.id}`)
    await settle(app)
    expect(app.mock.store.findByExternalId('acme', String(guard?.id))?.active).toBe(false)
    expect(inRole()).toBe(true)
    expect(await logEntries(app, id, '?type=Remove%20member%20from%20role')).toEqual([])
    await tenantAdmin(app, 'DELETE', `/groups/${staff?.id}/members/${guard?.id}`)
    await settle(app)
    expect(inRole()).toBe(false)
    const types = new Set((await logEntries(app, id, '?limit=5000')).map((e) => e.type))
    expect([...types].sort()).toEqual([...SYNC_LOG_TYPES].sort())
    const credentials = (await logEntries(app, id, `?entity=${user?.id}`)).filter((e) =>
      e.type.endsWith('credential'),
    )
    expect(credentials.map((e) => e.type).slice(0, 3)).toEqual([
      'Delete credential',
      'Create credential',
      'Update credential',
    ])
  })

  it('keeps the client secret apart: never in a view, a log or a run', async () => {
    const { app } = graphSyncTestApp()
    const id = await configure(app, (json) => {
      ;(json.connection as Record<string, unknown>).clientSecret = 'wrong-secret-4711'
    })
    const view = await admin(app, 'GET', `${SYNC}/configurations/${id}`)
    expect(view.body.clientSecretSet).toBe(true)
    expect(view.text).not.toContain('wrong-secret-4711')
    const run = await synchronize(app, id)
    expect(run.status).toBe(502)
    expect(run.body.status).toBe('failed')
    expect(run.body.errors[0]).toMatch(/token endpoint refused the app \(401 invalid_client\)/)
    const logs = await admin(app, 'GET', `${SYNC}/logs`)
    expect(`${run.text}${logs.text}`).not.toContain('wrong-secret-4711')
    expect(app.mock.store.count('acme', false)).toBe(0)
    // A connection sent without a secret keeps the one set.
    const connection = {
      tenantId: 'c1ea41d0-6a5f-4d3e-9b1c-00000000e17a',
      clientId: 'c1ea41d0-5e7c-4a2b-8f00-00000000a991',
    }
    await admin(app, 'PUT', `${SYNC}/configurations/${id}/connection`, connection)
    expect((await admin(app, 'GET', `${SYNC}/configurations/${id}`)).body.clientSecretSet).toBe(
      true,
    )
    await admin(app, 'PUT', `${SYNC}/configurations/${id}/connection`, {
      ...connection,
      clientSecret: 'clearid-dev-graph-secret',
    })
    expect((await synchronize(app, id)).status).toBe(201)
  })

  it('refuses a bad configuration with the problems by path, and a bad run request with 400', async () => {
    const { app } = graphSyncTestApp()
    const bad = await admin(app, 'POST', `${SYNC}/configurations`, {
      identityMappings: [{ field: 'email', attribute: 'emailAddress' }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toHaveProperty(['identityMappings[0].attribute'])
    const id = await configure(app)
    expect((await synchronize(app, id, 'sometimes' as 'force')).status).toBe(400)
    expect((await admin(app, 'GET', `${SYNC}/configurations/nope`)).status).toBe(404)
    expect((await admin(app, 'GET', `${SYNC}/logs?type=Delete%20identity`)).status).toBe(400)
  })
})
