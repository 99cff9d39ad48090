/**
 * The mock's Cloud CSV ingestion end to end, in-process: a configuration from the same JSON
 * `csv check --config` reads, an upload that makes exactly the identities and credentials the
 * checker's preview promised, a second file sharing External IDs that updates them, logs with each
 * row's outcome, webhooks, and bad files that get a clear answer.
 */
import { writeFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { checkCsvFiles } from '../../csv/check.ts'
import { fixtureConfig, rows, tempPath, text } from '../../csv/test/check-files.ts'
import { CSV_FIXTURE_CONFIG } from '../../fixtures/csv-files.ts'
import type { IdentityEvent } from '../events.ts'
import type { MockApp } from '../app.ts'
import {
  ACME,
  ADMIN,
  accessToken,
  admin,
  api,
  restTestApp,
  send,
  V2,
} from '../control/rest-test-client.ts'

const BASE = '/_admin/accounts/acme/csv'

async function configure(
  app: MockApp,
  change: (json: Record<string, unknown>) => void = () => undefined,
) {
  const json = JSON.parse(JSON.stringify(CSV_FIXTURE_CONFIG)) as Record<string, unknown>
  change(json)
  const created = await admin(app, 'POST', '/accounts/acme/csv/configurations', json)
  expect(created.status, created.text).toBe(201)
  return created.body.id as string
}

function upload(app: MockApp, id: string, content: string | Uint8Array, fileName = 'hr.csv') {
  return send(app, `${BASE}/configurations/${id}/uploads?fileName=${fileName}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'text/csv' },
    body: content as BodyInit,
  })
}

async function restByExternalId(app: MockApp, token: string, externalId: string) {
  const found = await api(
    app,
    token,
    'GET',
    `${V2}?externalId=${encodeURIComponent(externalId)}&include=privateData,companyData,systemData`,
  )
  expect(found.status, found.text).toBe(200)
  return Array.isArray(found.body) ? found.body[0] : (found.body.identities?.[0] ?? found.body)
}

describe('Cloud CSV upload to the mock', () => {
  it('creates the identities and credentials the preview promised, through the store REST uses, with webhooks', async () => {
    const app = restTestApp()
    const events: IdentityEvent[] = []
    app.mock.events.subscribe((e) => events.push(e))
    const id = await configure(app)
    const content = text(rows(10))
    const path = tempPath('hr.csv')
    writeFileSync(path, content)
    const preview = (await checkCsvFiles([{ path, name: 'hr.csv' }], fixtureConfig())).preview

    const res = await upload(app, id, content)
    expect(res.status, res.text).toBe(201)
    expect(res.body.counts).toMatchObject({
      rows: 10,
      created: 10,
      updated: 0,
      failed: 0,
      credentialsCreated: 10,
    })
    expect(events.filter((e) => e.type === 'IdentityCreated' && e.source === 'csv')).toHaveLength(
      10,
    )

    const token = await accessToken(app)
    for (const promised of preview.first) {
      const identity = await restByExternalId(app, token, promised.externalId ?? '')
      expect(identity.displayName).toBe(promised.displayName)
      expect(identity.firstName).toBe(promised.attributes.firstName)
      expect(identity.email).toBe(promised.attributes.email)
      expect(identity.countryCode).toBe(promised.attributes.countryCode)
      expect(identity.privateData.employeeNumber).toBe(promised.attributes.employeeNumber)
      expect(identity.companyData).toMatchObject({
        companyName: 'Contoso',
        departmentName: promised.attributes.departmentName,
      })
      expect(identity.status).toBe(promised.active === false ? 'Inactive' : 'Active')
      expect(identity.picture).toEqual(promised.rest.picture)
      expect(identity.systemData).toMatchObject({
        externalId: promised.externalId,
        externalSyncSourceId: id,
      })
    }
    const credentials = await admin(
      app,
      'GET',
      `/accounts/acme/csv/credentials?externalId=${preview.first[0]?.externalId}`,
    )
    expect(credentials.body.credentials).toEqual([
      expect.objectContaining(preview.first[0]?.credentials[0]),
    ])
  })

  it('updates the same identities from a second file sharing External IDs, and leaves unchanged rows alone', async () => {
    const app = restTestApp()
    const first = await configure(app)
    expect((await upload(app, first, text(rows(6)))).body.counts.created).toBe(6)
    const second = await configure(app, (c) => {
      c.name = 'Second source'
      c.template = ['External ID', 'Department', 'Job title']
      c.identityMappings = [
        { field: 'externalId', column: 'External ID' },
        { field: 'departmentName', column: 'Department' },
        { field: 'jobTitle', column: 'Job title' },
      ]
      c.credentialMappings = []
    })
    const changed = rows(3, (r) => (r.Department = 'Relocated'))
    const res = await upload(
      app,
      second,
      text(changed, {}, ['External ID', 'Department', 'Job title']),
      'second.csv',
    )
    expect(res.body.counts).toMatchObject({ rows: 3, created: 0, updated: 3 })
    const token = await accessToken(app)
    const identity = await restByExternalId(app, token, 'hr-000001')
    expect(identity.companyData.departmentName).toBe('Relocated')
    expect(identity.firstName).toBe(rows(1)[0]?.['First name'])
    expect(identity.systemData.externalSyncSourceId).toBe(second)
    const all = await api(app, token, 'GET', '/identityservice/api/v3/accounts/acme/identities')
    expect(all.body.identities).toHaveLength(6)
    expect((await upload(app, first, text(rows(6)))).body.counts).toMatchObject({
      unchanged: 3,
      updated: 3,
    })
    expect((await upload(app, first, text(rows(6)))).body.counts).toMatchObject({
      unchanged: 6,
      updated: 0,
    })
  })

  it('overwrites a change made in ClearID on the next upload (inbound only), and updates an identity SCIM made', async () => {
    const app = restTestApp()
    const id = await configure(app)
    await upload(app, id, text(rows(2)))
    const token = await accessToken(app)
    const identity = await restByExternalId(app, token, 'hr-000001')
    const patched = await api(app, token, 'PATCH', `${V2}/${identity.identityId}`, {
      eTag: identity.eTag,
      email: 'changed@portal.example',
    })
    expect(patched.status, patched.text).toBe(200)
    await upload(app, id, text(rows(2)))
    expect((await restByExternalId(app, token, 'hr-000001')).email).toBe(rows(1)[0]?.Email)
  })

  it('logs every row with its outcome; filters by run, type, entity, errors only; refuses a range over a year', async () => {
    const app = restTestApp()
    const id = await configure(app)
    const data = rows(5, (r, i) => {
      if (i === 1) r.Email = 'not-an-address'
      if (i === 3) r.Badge = '99999'
    })
    const res = await upload(app, id, text(data))
    expect(res.status).toBe(201)
    expect(res.body.counts).toMatchObject({ rows: 5, created: 3, failed: 2 })
    const logs = await admin(
      app,
      'GET',
      `/accounts/acme/csv/configurations/${id}/logs?runId=${res.body.runId}`,
    )
    const rowsLogged = logs.body.entries.filter(
      (e: { row?: number; type: string }) => e.row !== undefined && e.type.endsWith('identity'),
    )
    expect(
      rowsLogged.map((e: { row: number; outcome: string }) => `${e.row}:${e.outcome}`).sort(),
    ).toEqual(['2:succeeded', '3:failed', '4:succeeded', '5:failed', '6:succeeded'])
    expect(logs.body.entries[0]).toMatchObject({
      type: 'Synchronization',
      message: expect.stringMatching(/5 rows: 3 created/),
    })
    const errors = await admin(
      app,
      'GET',
      `/accounts/acme/csv/configurations/${id}/logs?errorsOnly=true`,
    )
    expect(errors.body.entries.map((e: { row: number }) => e.row).sort()).toEqual([3, 5])
    expect(errors.body.entries.find((e: { row: number }) => e.row === 3).errors[0]).toMatch(
      /e-mail/,
    )
    const credentials = await admin(
      app,
      'GET',
      `/accounts/acme/csv/configurations/${id}/logs?type=Create%20credential`,
    )
    expect(credentials.body.total).toBe(3)
    const entity = await admin(
      app,
      'GET',
      `/accounts/acme/csv/configurations/${id}/logs?entity=hr-000004`,
    )
    expect(
      entity.body.entries.every((e: { entity: string }) => e.entity.includes('hr-000004')),
    ).toBe(true)
    expect(entity.body.total).toBe(1)
    const range = await admin(
      app,
      'GET',
      `/accounts/acme/csv/configurations/${id}/logs?from=2024-01-01&to=2025-06-01`,
    )
    expect(range.status).toBe(400)
    expect(
      (await admin(app, 'GET', `/accounts/acme/csv/configurations/${id}/logs?type=Frobnicate`))
        .status,
    ).toBe(400)
  })

  it('reads ISO-8859-1 uploads when so configured', async () => {
    const app = restTestApp()
    const id = await configure(app, (c) => (c.advanced = { encoding: 'ISO-8859-1' }))
    const data = rows(2, (r) => (r['Last name'] = 'Müller'))
    expect((await upload(app, id, iconv.encode(text(data), 'latin1'))).body.counts.created).toBe(2)
    expect((await restByExternalId(app, await accessToken(app), 'hr-000002')).lastName).toBe(
      'Müller',
    )
  })

  it('makes identities removed from the file Inactive with options.removedIdentities: deactivate', async () => {
    const app = restTestApp()
    const id = await configure(app, (c) => (c.options = { removedIdentities: 'deactivate' }))
    await upload(app, id, text(rows(4)))
    const res = await upload(app, id, text(rows(3)))
    expect(res.body.counts.deactivated).toBe(1)
    expect((await restByExternalId(app, await accessToken(app), 'hr-000004')).status).toBe(
      'Inactive',
    )
  })
})

describe('Cloud CSV configurations on the control plane', () => {
  it('builds a configuration part by part: template file, mappings, advanced, management; upload only once template and mappings exist', async () => {
    const app = restTestApp()
    const created = await admin(app, 'POST', '/accounts/acme/csv/configurations', {
      name: 'Badges',
    })
    const id = created.body.id as string
    expect(created.body).toMatchObject({ canUpload: false, active: false })
    expect((await upload(app, id, 'External ID,First name\r\na,b\r\n')).status).toBe(409)
    const template = await send(app, `${BASE}/configurations/${id}/template`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'text/csv' },
      body: 'External ID;Given\r\nx;y\r\n',
    })
    expect(template.status).toBe(400)
    expect(
      (
        await admin(app, 'PUT', `/accounts/acme/csv/configurations/${id}/advanced`, {
          delimiter: 'semicolon',
        })
      ).status,
    ).toBe(200)
    const ok = await send(app, `${BASE}/configurations/${id}/template`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'text/csv' },
      body: 'External ID;Given\r\nx;y\r\n',
    })
    expect(ok.body.configuration.template).toEqual(['External ID', 'Given'])
    const bad = await admin(
      app,
      'PUT',
      `/accounts/acme/csv/configurations/${id}/identity-mappings`,
      [{ field: 'firstName', column: 'Missing' }],
    )
    expect(bad.status).toBe(400)
    expect(bad.body.errors['identityMappings[0].column'][0]).toMatch(/template does not have/)
    const mapped = await admin(
      app,
      'PUT',
      `/accounts/acme/csv/configurations/${id}/identity-mappings`,
      [{ field: 'firstName', column: 'Given' }],
    )
    expect(mapped.body.canUpload).toBe(true)
    expect(
      (await admin(app, 'POST', `/accounts/acme/csv/configurations/${id}/activate`)).body.active,
    ).toBe(true)
    const res = await upload(app, id, 'External ID;Given\r\nk-1;Ann\r\n')
    expect(res.body.counts.created).toBe(1)
    expect(
      (await admin(app, 'GET', '/accounts/acme/csv/configurations')).body.configurations,
    ).toHaveLength(1)
    expect((await admin(app, 'GET', '/accounts/nobody/csv/configurations')).status).toBe(404)
    expect((await admin(app, 'GET', `/accounts/acme/csv/configurations/nope`)).status).toBe(404)
  })
})

describe('bad uploads get a clear answer, never a 500', () => {
  it('a binary file, JSON, an unclosed quote, a BOM and mixed line breaks', async () => {
    const app = restTestApp()
    const id = await configure(app)
    const zip = await upload(app, id, Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 1]))
    expect(zip.status).toBe(422)
    expect(zip.body.errors[0]).toMatch(/ZIP archive/)
    expect((await upload(app, id, '{"a": 1}')).body.errors[0]).toMatch(/JSON/)
    const unclosed = await upload(app, id, `${text(rows(3))}hr-9,"Open,End\r\n`)
    expect(unclosed.status).toBe(422)
    expect(unclosed.body.counts.created).toBe(3)
    expect(unclosed.body.errors[0]).toMatch(
      /Row 5: a double quote opens a cell here and is never closed/,
    )
    const lines = text(rows(4)).split('\r\n')
    const mixed = await upload(
      app,
      id,
      `\ufeff${lines.slice(0, 3).join('\r\n')}\n${lines.slice(3).join('\n')}`,
    )
    expect(mixed.status).toBe(201)
    expect(mixed.body.counts).toMatchObject({ rows: 4, failed: 0 })
    const wrong = await upload(app, id, text(rows(2), { delimiter: ';' }))
    expect(wrong.status).toBe(422)
    expect(wrong.body.errors.join(' ')).toMatch(/no column "External ID"/)
    expect((await upload(app, id, '')).body.errors[0]).toMatch(/empty/)
  })

  it('refuses a 2 GB upload by its Content-Length, unread, with 413', async () => {
    const app = restTestApp()
    const id = await configure(app)
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(1024 * 1024))
      },
    })
    const res = await send(app, `${BASE}/configurations/${id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Length': String(2 * 1024 ** 3) },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(res.body.detail).toMatch(/larger than 64\.0 MiB, the mock's upload limit/)
    expect(pulled).toBeLessThan(3)
  })

  it('stops reading a chunked upload at the limit', async () => {
    const app = restTestApp()
    const id = await configure(app, (c) => (c.options = { maxFileBytes: 4096 }))
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulled > 1000) return controller.close()
        controller.enqueue(new TextEncoder().encode('x'.repeat(1024)))
      },
    })
    const res = await send(app, `${BASE}/configurations/${id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}` },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(res.body.detail).toMatch(/options\.maxFileBytes/)
    expect(pulled).toBeLessThan(10)
  })

  it('needs the admin token', async () => {
    const app = restTestApp()
    const res = await send(app, `${BASE}/configurations/x/uploads`, { method: 'POST', body: 'a' })
    expect(res.status).toBe(401)
    expect(ACME.accountId).toBe('acme')
  })
})
