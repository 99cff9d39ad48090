/**
 * `POST /Users/.search` (RFC 7644 §3.4.3): optional in SPEC §2.3, so a server without it is
 * not-applicable; when present it must answer like the equivalent GET.
 *
 * @module
 */
import { notApplicable } from './context.ts'
import { defineServerRule } from './define.ts'
import { expectIds } from './filter.ts'
import { rfc7644, spec } from './sources.ts'
import { createUser, quote } from './steps.ts'
import { SCIM_SEARCH_SCHEMA } from '../../model/scim-protocol.ts'

const ABSENT = [404, 405, 501]

export const searchEndpoint = defineServerRule({
  id: 'SRV-SEARCH-001',
  level: 'MAY',
  title: 'POST /Users/.search answers like the equivalent GET, with paging and projection',
  profile: 'rfc',
  area: 'search',
  tags: ['search', 'filter', 'projection'],
  sources: [rfc7644('3.4.3'), spec('2.3', 'POST /.search optional')],
  fix: 'Implement POST /Users/.search with a SearchRequest body (filter, startIndex, count, attributes) answered with a ListResponse, or answer 404/501 so clients know it is absent.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const answer = await ctx.http.send({
      method: 'POST',
      path: '/Users/.search',
      body: {
        schemas: [SCIM_SEARCH_SCHEMA],
        filter: `userName eq ${quote(user.values.userName)}`,
        startIndex: 1,
        count: 10,
        attributes: ['userName'],
      },
    })
    if (ABSENT.includes(answer.status)) {
      notApplicable(
        ctx,
        `the server does not implement /.search (HTTP ${answer.status}); it is optional`,
      )
      return f.list
    }
    if (!expectIds(f, answer, [user.id], 'POST /Users/.search')) return f.list
    const list = f.listResponse(answer, 'POST /Users/.search')
    const resource = list?.Resources[0]
    f.check(
      resource?.displayName === undefined,
      'attributes=["userName"] must leave displayName out',
      answer,
      '(absent)',
      resource?.displayName,
    )
    const bad = await ctx.http.send({
      method: 'POST',
      path: '/Users/.search',
      body: { schemas: [SCIM_SEARCH_SCHEMA], filter: 'userName eq' },
    })
    f.scimError(
      bad,
      { status: 400, scimType: 'invalidFilter' },
      'POST /Users/.search with an invalid filter',
    )
    return f.list
  },
})
