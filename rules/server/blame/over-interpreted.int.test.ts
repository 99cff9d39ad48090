/**
 * Issue 14 item 6: MUST rules that asked more than their source. A server that refuses a string
 * boolean without naming the flag, or that ignores a PATCH path naming an unknown attribute, broke
 * a SHOULD of the ClearID profile, not a MUST.
 */
import { describe, expect, it } from 'vitest'
import { ENTRA_SCIM2_FLAG } from '../../../model/attributes.ts'
import { rewriteJson } from '../../../testing/hostile-scim.ts'
import { pathOf, verdictsAgainst } from '../../../testing/rule-verdicts.ts'

describe('a string extension boolean refused without naming the flag', () => {
  it('passes the MUST (SRV-CREATE-031) and fails only the SHOULD (SRV-CREATE-034)', async () => {
    const verdicts = await verdictsAgainst(
      async ({ request, answer }) => {
        if (request.method !== 'POST' || pathOf(request) !== '/Users' || answer.status !== 400) {
          return answer
        }
        const text = await answer.clone().text()
        if (!text.includes(ENTRA_SCIM2_FLAG)) return answer
        return rewriteJson(answer, (body) => ({ ...body, detail: 'Invalid value.' }))
      },
      ['SRV-CREATE-031', 'SRV-CREATE-034'],
    )
    expect(verdicts['SRV-CREATE-031']?.status).toBe('passed')
    expect(verdicts['SRV-CREATE-034']?.status).toBe('failed')
  })
})

describe('a PATCH path naming an unknown attribute, ignored like an unknown body attribute', () => {
  it('passes the RFC MUST (SRV-PATCH-011) and fails only the ClearID SHOULD (SRV-PATCH-019)', async () => {
    const verdicts = await verdictsAgainst(
      async ({ request, bodyText, answer }) => {
        const ignoredPath = request.method === 'PATCH' && bodyText.includes('noSuchAttribute')
        if (!ignoredPath || answer.status !== 400) return answer
        // Answer as a lenient server does: 200 with the user unchanged.
        const authorization = request.headers.get('authorization') ?? ''
        return fetch(request.url, { headers: { authorization } })
      },
      ['SRV-PATCH-011', 'SRV-PATCH-019'],
    )
    expect(verdicts['SRV-PATCH-011']?.status).toBe('passed')
    expect(verdicts['SRV-PATCH-019']?.status).toBe('failed')
  })
})
