/**
 * Issue 14 item 9: checks too weak to notice a defect. A 404 whose JSON body is not a SCIM Error,
 * and a malformed-JSON error sent as application/json, both passed before.
 */
import { describe, expect, it } from 'vitest'
import { pathOf, verdictsAgainst } from '../../../testing/rule-verdicts.ts'

describe('SRV-READ-002: a 404 for an unknown id with a JSON body that is not a SCIM Error', () => {
  it('fails', async () => {
    const verdicts = await verdictsAgainst(
      ({ request, answer }) =>
        request.method === 'GET' &&
        /^\/Users\/[^/]+$/.test(pathOf(request)) &&
        answer.status === 404
          ? new Response(JSON.stringify({ error: 'Not Found' }), {
              status: 404,
              headers: { 'Content-Type': 'application/scim+json' },
            })
          : answer,
      ['SRV-READ-002'],
    )
    expect(verdicts['SRV-READ-002']?.status).toBe('failed')
  })
})

describe('SRV-INPUT-007: the error for malformed JSON sent as application/json', () => {
  it('fails', async () => {
    const verdicts = await verdictsAgainst(
      ({ request, answer }) => {
        if (request.method !== 'POST' || answer.status !== 400) return answer
        return new Response(answer.body, {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        })
      },
      ['SRV-INPUT-007'],
    )
    expect(verdicts['SRV-INPUT-007']?.status).toBe('failed')
  })
})
