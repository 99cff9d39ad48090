/**
 * Blaming the wrong cause. A server that filters with `eq` only was failed for the harness's own
 * `userName sw` clause, and paging went untested; now the helper query is built from what the
 * server accepts, and a server that accepts neither `sw` nor `or` gets "could not test", not a
 * failure. SRV-DISC-007 blamed maxResults for a wrong itemsPerPage.
 */
import { describe, expect, it } from 'vitest'
import { rewriteJson, type Tamper } from '../../../testing/hostile-scim.ts'
import { pathOf, verdictsAgainst } from '../../../testing/rule-verdicts.ts'

/** Refuses every filter that uses one of `operators`, as a server with a subset of filters does. */
const refusing =
  (...operators: string[]): Tamper =>
  ({ request, answer }) => {
    const filter = new URL(request.url).searchParams.get('filter') ?? ''
    const refused = operators.find((op) => new RegExp(`\\s${op}\\s`, 'i').test(filter))
    if (request.method !== 'GET' || pathOf(request) !== '/Users' || !refused) return answer
    return new Response(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '400',
        scimType: 'invalidFilter',
        detail: `operator ${refused} is not supported`,
      }),
      { status: 400, headers: { 'Content-Type': 'application/scim+json' } },
    )
  }

describe('a server that refuses the "sw" operator', () => {
  it('still gets paging and active filters tested, scoped with "or"', async () => {
    const verdicts = await verdictsAgainst(refusing('sw'), [
      'SRV-PAGE-001',
      'SRV-PAGE-003',
      'SRV-LIFE-004',
    ])
    expect(verdicts['SRV-PAGE-001']?.status).toBe('passed')
    expect(verdicts['SRV-PAGE-003']?.status).toBe('passed')
    expect(verdicts['SRV-LIFE-004']?.status).toBe('passed')
  })

  it('fails SRV-FILTER-020 for the sw case only, not for co and ew', async () => {
    const verdict = (await verdictsAgainst(refusing('sw'), ['SRV-FILTER-020']))['SRV-FILTER-020']
    expect(verdict?.status).toBe('failed')
    expect(verdict?.messages.length).toBeGreaterThan(0)
    for (const message of verdict?.messages ?? []) expect(message).toMatch(/^filter [^:]* sw "/)
  })
})

describe('a server that refuses both "sw" and "or"', () => {
  it('reports "could not test" for the rules that need them as a tool, not a failure', async () => {
    const verdicts = await verdictsAgainst(refusing('sw', 'or'), ['SRV-PAGE-001', 'SRV-LIFE-004'])
    for (const id of ['SRV-PAGE-001', 'SRV-LIFE-004']) {
      expect(verdicts[id]?.status, id).toBe('skipped')
      expect(verdicts[id]?.reason, id).toMatch(
        /^could not test: needs the "sw" or the "or" filter operator .* refused "userName sw" \(HTTP 400\) and "or" \(HTTP 400\)/,
      )
    }
  })
})

describe('SRV-DISC-007 against a server whose itemsPerPage is the count asked for', () => {
  it('blames itemsPerPage, not the maxResults cap', async () => {
    const verdicts = await verdictsAgainst(
      async ({ request, answer }) => {
        const count = new URL(request.url).searchParams.get('count')
        if (request.method !== 'GET' || pathOf(request) !== '/Users' || count === null)
          return answer
        return rewriteJson(answer, (body) => ({ ...body, itemsPerPage: Number(count) }))
      },
      ['SRV-DISC-007'],
    )
    const verdict = verdicts['SRV-DISC-007']
    expect(verdict?.status).toBe('failed')
    expect(verdict?.messages[0]).toMatch(
      /^itemsPerPage says \d+ but the page holds \d+ resources.*cap .* held/,
    )
    expect(verdict?.messages.join('\n')).not.toMatch(/more than maxResults/)
  })
})
