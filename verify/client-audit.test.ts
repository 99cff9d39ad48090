import { describe, expect, it } from 'vitest'
import { createApp } from '../mock-server/app.ts'
import { DEV_SCIM_KEY } from '../mock-server/options.ts'
import { clientAudit } from './client-audit.ts'

async function recordOf(body: unknown) {
  const app = createApp()
  await app.request('/scim/v2/accounts/demo/Users', {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEV_SCIM_KEY}`, 'Content-Type': 'application/scim+json' },
    body: JSON.stringify(body),
  })
  const [record] = app.mock.traffic.records('demo')
  if (!record) throw new Error('nothing recorded')
  return record
}

describe('clientAudit, one exchange at a time', () => {
  it('names each rule an exchange breaks, with the severity its level gives', async () => {
    const record = await recordOf({ userName: 'x@contoso.com', active: 'True' })
    const findings = clientAudit().findings?.(record, []) ?? []
    const byRule = new Map(findings.map((f) => [f.ruleId, f]))
    // MUST: an error; SHOULD: a warning.
    expect(byRule.get('CLI-CREATE-003')).toMatchObject({
      severity: 'error',
      title: 'Creates and replaces send the ClearID extension externalId',
    })
    expect(byRule.get('CLI-ATTR-002')).toMatchObject({
      severity: 'warning',
      message: 'POST /Users sent active as the string "True", accepted only by leniency.',
    })
  })

  it('finds nothing in a create that does what ClearID needs', async () => {
    const ext = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
    const record = await recordOf({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ext],
      userName: 'ada@contoso.com',
      displayName: 'Ada Lovelace',
      active: true,
      [ext]: { externalId: 'e-1', firstName: 'Ada', lastName: 'Lovelace' },
    })
    expect(clientAudit().findings?.(record, [])).toEqual([])
  })
})
