import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CSV_FIXTURE_CONFIG } from '../../fixtures/csv-files.ts'
import { ACME, ADMIN, restTestApp, send } from '../../mock-server/control/rest-test-client.ts'
import { captureIo } from '../../testing/suite-support.ts'
import { rows, tempPath, text } from '../../csv/test/check-files.ts'
import { main } from '../main.ts'

describe('csv check --against', () => {
  it('tells what an upload would create, update or leave alone, and the upload then does exactly that', async () => {
    const app = restTestApp()
    const config = tempPath('config.json')
    writeFileSync(config, JSON.stringify(CSV_FIXTURE_CONFIG))
    const created = await send(app, '/_admin/accounts/acme/csv/configurations', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(CSV_FIXTURE_CONFIG),
    })
    const upload = (content: string) =>
      send(app, `/_admin/accounts/acme/csv/configurations/${created.body.id}/uploads`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}` },
        body: content,
      })
    await upload(text(rows(4)))
    const next = rows(6, (r, i) => i === 1 && (r.Department = 'Moved'))
    const file = tempPath('next.csv')
    writeFileSync(file, text(next))
    const io = captureIo({
      env: { CLEARID_CLIENT_ID: ACME.clientId, CLEARID_CLIENT_SECRET: ACME.clientSecret },
      fetch: (request: Request) => Promise.resolve(app.request(request)),
    })
    const args = [
      'csv',
      'check',
      file,
      '--config',
      config,
      '--out',
      tempPath('out'),
      '--account',
      'acme',
    ]
    expect(await main([...args, '--against', 'http://localhost/identityservice'], io)).toBe(0)
    expect(io.text()).toMatch(/Against the target: 2 to create, 1 to update, 3 unchanged\./)
    expect(io.text()).toMatch(/changes: departmentName/)
    expect(io.text()).not.toContain(ACME.clientSecret)
    const run = await upload(text(next))
    expect(run.body.counts).toMatchObject({ created: 2, updated: 1, unchanged: 3 })

    const wrong = captureIo({
      env: { CLEARID_CLIENT_ID: ACME.clientId, CLEARID_CLIENT_SECRET: 'wrong-secret' },
      fetch: (request: Request) => Promise.resolve(app.request(request)),
    })
    expect(await main([...args, '--against', 'http://localhost/identityservice'], wrong)).toBe(2)
    expect(wrong.err.join('')).toMatch(/refused the client credentials/)
    expect(wrong.err.join('')).not.toContain('wrong-secret')
  })
})
