import { describe, expect, it } from 'vitest'
import { clientAudit } from '../../verify/client-audit.ts'
import { emitReplayTest } from '../../verify/emit-test.ts'
import { createApp } from '../app.ts'
import { DEV_ADMIN_TOKEN } from '../options.ts'
import { parseSession } from './session.ts'

// The account's own SCIM key, put where no name-based redaction looks for it.
const KEY = 'misplaced-Key_7Qx2Lw9Vb'
const BASE = '/scim/v2/accounts/acme'

function mock() {
  return createApp({ accounts: [{ id: 'acme', scimKey: KEY }], trafficAudit: clientAudit })
}

async function admin(app: ReturnType<typeof mock>, path: string): Promise<string> {
  const res = await app.request(`/_admin/accounts/acme${path}`, {
    headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}` },
  })
  expect(res.status).toBe(200)
  return res.text()
}

/** A client that puts the key in the path, in `X-Debug`, and in a body sent with two keys. */
async function careless(app: ReturnType<typeof mock>): Promise<void> {
  const auth = { Authorization: `Bearer ${KEY}` }
  await app.request(`${BASE}/Users/${KEY}`, { headers: auth })
  await app.request(`${BASE}/Users/${encodeURIComponent(`id ${KEY}`)}?attributes=userName`, {
    headers: auth,
  })
  await app.request(`${BASE}/Users`, { headers: { ...auth, 'X-Debug': `key=${KEY}` } })
  const twice = new Headers({ 'Content-Type': 'application/scim+json' })
  twice.append('Authorization', `Bearer ${KEY}`)
  twice.append('Authorization', 'Bearer some-other-credential')
  await app.request(`${BASE}/Users`, {
    method: 'POST',
    headers: twice,
    body: JSON.stringify({ userName: 'ada@contoso.example', nickName: `debug ${KEY}` }),
  })
}

describe('a key the client put in the wrong place', () => {
  it('is in no record, no NDJSON session, no audit and no emitted replay test', async () => {
    const app = mock()
    await careless(app)
    const records = app.mock.traffic.records('acme')
    expect(records).toHaveLength(4)
    expect(records[0]?.request.path).toBe('/Users/[REDACTED]')
    expect(records[2]?.request.headers['x-debug']).toBe('key=[REDACTED]')

    const traffic = await admin(app, '/traffic')
    const ndjson = await admin(app, '/traffic.ndjson')
    const audit = await admin(app, '/audit')
    const emitted = emitReplayTest(parseSession(ndjson), {
      importFrom: 'clearid-conformance/verify',
      name: 'careless client',
    })
    for (const [where, text] of Object.entries({ traffic, ndjson, audit, emitted })) {
      expect(text, where).not.toContain(KEY)
      expect(text, where).not.toContain(encodeURIComponent(KEY))
    }
    expect(traffic).toContain('[REDACTED]')
  })
})
