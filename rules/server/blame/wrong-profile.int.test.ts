/**
 * Issue 14 item 5: RFC-level checks lived only in ClearID rules, so `--profile rfc` missed them.
 * Each case shows the defect of a real server, now failed by a rule of the rfc profile.
 */
import { describe, expect, it } from 'vitest'
import { RULES } from '../../index.ts'
import { pathOf, verdictsAgainst } from '../../../testing/rule-verdicts.ts'

const profileOf = (id: string) => RULES.find((rule) => rule.id === id)?.profile

describe('a 401 without WWW-Authenticate', () => {
  it('fails SRV-AUTH-001 and SRV-AUTH-002, both in the rfc profile', async () => {
    const verdicts = await verdictsAgainst(
      ({ answer }) => {
        if (answer.status !== 401) return answer
        const headers = new Headers(answer.headers)
        headers.delete('www-authenticate')
        return new Response(answer.body, { status: 401, headers })
      },
      ['SRV-AUTH-001', 'SRV-AUTH-002'],
    )
    for (const id of ['SRV-AUTH-001', 'SRV-AUTH-002']) {
      expect(profileOf(id), id).toBe('rfc')
      expect(verdicts[id]?.status, id).toBe('failed')
    }
  })
})

describe('a case-variant duplicate userName accepted with 201, no id, Location …/undefined', () => {
  it('fails SRV-CREATE-021, in the rfc profile', async () => {
    const verdicts = await verdictsAgainst(
      ({ request, answer }) => {
        if (request.method !== 'POST' || pathOf(request) !== '/Users' || answer.status !== 409) {
          return answer
        }
        const location = `${request.url}/undefined`
        return new Response(JSON.stringify({ schemas: [] }), {
          status: 201,
          headers: { 'Content-Type': 'application/scim+json', Location: location },
        })
      },
      ['SRV-CREATE-021'],
    )
    expect(profileOf('SRV-CREATE-021')).toBe('rfc')
    expect(verdicts['SRV-CREATE-021']?.status).toBe('failed')
  })
})

describe("a deleted user's userName kept reserved", () => {
  it('fails SRV-DEL-005 (rfc, RFC 7644 §3.6) as well as the ClearID SRV-DEL-003', async () => {
    const deleted = new Set<string>()
    const verdicts = await verdictsAgainst(
      async ({ request, bodyText, answer }) => {
        if (request.method === 'DELETE' && answer.status === 204) deleted.add(pathOf(request))
        if (request.method !== 'POST' || pathOf(request) !== '/Users' || deleted.size === 0) {
          return answer
        }
        // Reserve every userName once any user was deleted: enough for a create after a delete.
        const userName = (JSON.parse(bodyText) as { userName?: unknown }).userName
        return typeof userName === 'string' && userName.includes('@') && answer.status === 201
          ? new Response(JSON.stringify({ detail: 'userName taken' }), { status: 409 })
          : answer
      },
      ['SRV-DEL-005'],
    )
    expect(profileOf('SRV-DEL-005')).toBe('rfc')
    expect(verdicts['SRV-DEL-005']?.status).toBe('failed')
  })
})
