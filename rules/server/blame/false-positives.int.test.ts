/**
 * Issue 14 item 4: verdicts that blamed a server for doing the right thing. Each case runs the rule
 * against the mock behind a layer that behaves like the third-party server did.
 */
import { describe, expect, it } from 'vitest'
import { RULES } from '../../index.ts'
import { rewriteJson } from '../../../testing/hostile-scim.ts'
import { pathOf, verdictsAgainst } from '../../../testing/rule-verdicts.ts'

const SCIM_JSON = { 'Content-Type': 'application/scim+json' }

function scimError(status: number, detail: string, scimType?: string): Response {
  const body = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    detail,
    ...(scimType && { scimType }),
  }
  return new Response(JSON.stringify(body), { status, headers: SCIM_JSON })
}

/** The PATCH body had an empty Operations array. */
function emptyPatch(request: Request, bodyText: string): boolean {
  if (request.method !== 'PATCH') return false
  try {
    const body = JSON.parse(bodyText) as { Operations?: unknown }
    return Array.isArray(body.Operations) && body.Operations.length === 0
  } catch {
    return false
  }
}

describe('SRV-PATCH-008: an empty Operations array', () => {
  it('refused with 400, as RFC 7644 §3.5.2 allows, passes', async () => {
    const verdicts = await verdictsAgainst(
      ({ request, bodyText, answer }) =>
        emptyPatch(request, bodyText)
          ? scimError(400, 'Operations must contain at least one operation.', 'invalidValue')
          : answer,
      ['SRV-PATCH-008'],
    )
    expect(verdicts['SRV-PATCH-008']?.status).toBe('passed')
  })

  it('answered with a 5xx still fails', async () => {
    const verdicts = await verdictsAgainst(
      ({ request, bodyText, answer }) =>
        emptyPatch(request, bodyText) ? scimError(500, 'boom') : answer,
      ['SRV-PATCH-008'],
    )
    expect(verdicts['SRV-PATCH-008']?.status).toBe('failed')
  })
})

describe('SRV-CREATE-001: a Location percent-encoded where meta.location is not', () => {
  it('is the same URL, and passes', async () => {
    const verdicts = await verdictsAgainst(
      async ({ request, answer }) => {
        if (request.method !== 'POST' || pathOf(request) !== '/Users' || answer.status !== 201) {
          return answer
        }
        // An id with an "@", as servers keyed by userName have: the header encodes it, meta does not.
        const location = answer.headers.get('location') ?? ''
        return rewriteJson(
          answer,
          (body) => ({
            ...body,
            id: `${String(body.id)}@contoso.example`,
            meta: { ...(body.meta as object), location: `${location}@contoso.example` },
          }),
          { Location: `${location}%40contoso.example` },
        )
      },
      ['SRV-CREATE-001'],
    )
    expect(verdicts['SRV-CREATE-001']).toMatchObject({ status: 'passed' })
  })
})

describe('SRV-INPUT-002: accepting a text/plain body', () => {
  it('is a ClearID-profile SHOULD, not an RFC MUST', () => {
    const rule = RULES.find((candidate) => candidate.id === 'SRV-INPUT-002')
    expect(rule).toMatchObject({ level: 'SHOULD', profile: 'clearid' })
    expect(rule?.sources.some((source) => source.kind === 'rfc')).toBe(false)
  })
})
