/**
 * Lost evidence: when a step a check depends on fails, the findings gathered before it stay in the
 * result and the failed step is named. A server whose DELETE with a stale If-Match deleted the user
 * was reported only as "read-back 404"; now the wrong DELETE is the first finding.
 */
import { describe, expect, it } from 'vitest'
import { pathOf, verdictsAgainst } from '../../../testing/rule-verdicts.ts'

describe('SRV-ETAG-003 against a server that deletes despite a stale If-Match', () => {
  it('keeps the DELETE finding and names the read-back step that stopped the check', async () => {
    const verdicts = await verdictsAgainst(
      async ({ request, answer, key }) => {
        if (
          request.method !== 'DELETE' ||
          !request.headers.has('if-match') ||
          !/^\/Users\/[^/]+$/.test(pathOf(request))
        )
          return answer
        // Ignore the precondition: delete for real, as the defective server did.
        await fetch(request.url, { method: 'DELETE', headers: { Authorization: `Bearer ${key}` } })
        return new Response(null, { status: 204 })
      },
      ['SRV-ETAG-003'],
    )
    const verdict = verdicts['SRV-ETAG-003']
    expect(verdict?.status).toBe('failed')
    expect(verdict?.messages).toEqual([
      expect.stringMatching(/^DELETE with a stale If-Match: expected HTTP 412, got 204/),
      'The check stopped at the step "read the identity back (GET /Users/{id})": the server answered HTTP 404',
    ])
  })
})
