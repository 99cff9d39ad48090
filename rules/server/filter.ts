/**
 * Filtering as Entra uses it (research/entra.md §2.1–§2.2): `eq` lookups on the matching attribute,
 * form-encoded, case-insensitive on `userName`, case-exact on `externalId`, and 200 with an empty
 * list when nothing matches.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../model/attributes.ts'
import { lookupPath } from '../../driver/entra/requests.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { defineServerRule } from './define.ts'
import type { Findings } from './findings.ts'
import { entraTutorial, msValidator, okta, rfc7643, rfc7644, spec } from './sources.ts'
import { createUser, queryUsers, quote, toolQuery, uniqueDisplayName } from './steps.ts'

const EXTERNAL_ID_PATH = `${CLEARID_USER_EXTENSION}:externalId`

/** Expects exactly the given ids (order-free) in a filtered list. */
export function expectIds(
  f: Findings,
  answer: HttpAnswer,
  expected: readonly string[],
  what: string,
): boolean {
  const list = f.listResponse(answer, what)
  if (!list) return false
  const ids = list.Resources.map((r) => String(r.id)).sort()
  const want = [...expected].sort()
  const ok =
    f.check(
      list.totalResults === want.length,
      `${what}: totalResults should be ${want.length}`,
      answer,
      want.length,
      list.totalResults,
    ) &&
    f.check(
      JSON.stringify(ids) === JSON.stringify(want),
      `${what}: wrong identities returned`,
      answer,
      want,
      ids,
    )
  return ok
}

export const filterExisting = defineServerRule({
  id: 'SRV-FILTER-001',
  level: 'MUST',
  title: 'Filter userName eq finds an existing user',
  profile: 'entra',
  area: 'filter',
  tags: ['filter', 'entra'],
  sources: [
    rfc7644('3.4.2.2'),
    entraTutorial('the matching lookup GET /Users?filter=userName eq "…"'),
    msValidator('Filter for an existing user'),
  ],
  msValidatorTest: 'Filter for an existing user',
  fix: 'Answer GET /Users?filter=userName+eq+%22<upn>%22 with 200, totalResults 1 and the user in Resources.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const answer = await ctx.entra.findUser('userName', user.values.userName)
    expectIds(f, answer, [user.id], 'GET /Users?filter=userName eq "<existing>"')
    return f.list
  },
})

export const filterDifferentCase = defineServerRule({
  id: 'SRV-FILTER-002',
  level: 'MUST',
  title: 'Filter userName eq matches regardless of case',
  profile: 'entra',
  area: 'filter',
  tags: ['filter', 'entra', 'case'],
  sources: [
    rfc7643('4.1.1'),
    msValidator('Filter for an existing user with a different case'),
    okta('Username Case Sensitivity Check'),
  ],
  msValidatorTest: 'Filter for an existing user with a different case',
  fix: 'Compare userName case-insensitively in filters (caseExact false): an upper-cased UPN must find the user, or Entra creates a duplicate and gets 409.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    for (const variant of [
      user.values.userName.toUpperCase(),
      user.values.userName.toLowerCase(),
    ]) {
      const answer = await ctx.entra.findUser('userName', variant)
      expectIds(f, answer, [user.id], `GET /Users?filter=userName eq "${variant}"`)
    }
    return f.list
  },
})

export const filterExternalId = defineServerRule({
  id: 'SRV-FILTER-003',
  level: 'MUST',
  title: 'Filter on the URN-qualified externalId matches exactly and is case-exact',
  profile: 'clearid',
  area: 'filter',
  tags: ['filter', 'case'],
  sources: [rfc7644('3.4.2.2'), rfc7643('3.1'), spec('2.2', 'extension externalId: exact')],
  fix: `Resolve "${EXTERNAL_ID_PATH}" in filters and compare it case-exactly: the exact value finds the user, a case variant finds nothing (200, empty list).`,
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const externalId = String(user.values.ext.externalId)
    const exact = await ctx.entra.findUser(EXTERNAL_ID_PATH, externalId)
    expectIds(f, exact, [user.id], `GET /Users?filter=${EXTERNAL_ID_PATH} eq "<externalId>"`)
    const upper = await ctx.entra.findUser(EXTERNAL_ID_PATH, externalId.toUpperCase())
    expectIds(f, upper, [], `GET /Users?filter=${EXTERNAL_ID_PATH} eq "<EXTERNALID upper-cased>"`)
    return f.list
  },
})

export const filterNoMatch = defineServerRule({
  id: 'SRV-FILTER-004',
  level: 'MUST',
  title: 'A filter that matches nothing answers 200 with an empty list, never 404',
  profile: 'entra',
  area: 'filter',
  tags: ['filter', 'entra', 'read-only'],
  sources: [
    rfc7644('3.4.2'),
    entraTutorial('no match must be 200 with an empty ListResponse'),
    msValidator('Filter for a non-existing user'),
    okta('Check the user does not exist (totalResults 0)'),
  ],
  msValidatorTest: 'Filter for a non-existing user',
  fix: 'Answer a filter without hits with 200 and {"totalResults":0,"Resources":[]}: a 404 is read by Entra as an incompatible service and can quarantine the job.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    const tag = ctx.data.guid().slice(0, 8)
    for (const userName of [`nobody.${tag}@contoso.example`, `o'neil+${tag}@contoso.example`]) {
      const answer = await ctx.entra.findUser('userName', userName)
      expectIds(f, answer, [], `GET /Users?filter=userName eq "${userName}"`)
    }
    return f.list
  },
})

export const filterFormEncoding = defineServerRule({
  id: 'SRV-FILTER-005',
  level: 'MUST',
  title: 'Filters are decoded form-style: "+" is a space, %22 and raw quotes both work',
  profile: 'entra',
  area: 'filter',
  tags: ['filter', 'entra', 'encoding'],
  sources: [
    entraTutorial('Entra sends spaces as "+" and quotes as %22'),
    spec('2.1', 'decode query strings form-style'),
  ],
  fix: 'Decode the query string with form rules (URLSearchParams), not decodeURIComponent alone, so "userName+eq+%22a%40b.example%22" reads as userName eq "a@b.example".',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const userName = user.values.userName
    const variants: [string, string][] = [
      ['plus and %22 (Entra)', lookupPath('userName', userName)],
      ['%20 and %22', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`],
      [
        'plus and raw quotes (Validator)',
        `/Users?filter=userName+eq+"${encodeURIComponent(userName)}"`,
      ],
    ]
    for (const [label, path] of variants) {
      const answer = await ctx.http.send({ method: 'GET', path })
      expectIds(f, answer, [user.id], `filter encoded with ${label}`)
    }
    return f.list
  },
})

export const filterDisplayName = defineServerRule({
  id: 'SRV-FILTER-006',
  level: 'MUST',
  title: 'Filter displayName eq matches regardless of case',
  profile: 'rfc',
  area: 'filter',
  tags: ['filter', 'case'],
  sources: [rfc7643('4.1.1'), entraTutorial('displayName filters must match regardless of case')],
  fix: 'Compare displayName case-insensitively in filters (caseExact false).',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const displayName = uniqueDisplayName(ctx, 'Ada Lovelace')
    const user = await createUser(ctx, { displayName })
    // The exact-case query is the tool (filtering on displayName at all); the other is the subject.
    const exact = await toolQuery(ctx, `displayName eq ${quote(displayName)}`)
    expectIds(f, exact, [user.id], `filter displayName eq "${displayName}"`)
    const upper = displayName.toUpperCase()
    const other = await queryUsers(ctx, `displayName eq ${quote(upper)}`)
    expectIds(f, other, [user.id], `filter displayName eq "${upper}"`)
    return f.list
  },
})

export const filterAnd = defineServerRule({
  id: 'SRV-FILTER-007',
  level: 'MUST',
  title: 'Filters joined with "and" require both sides',
  profile: 'rfc',
  area: 'filter',
  tags: ['filter', 'entra'],
  sources: [rfc7644('3.4.2.2'), entraTutorial('Entra uses only eq and and')],
  fix: 'Evaluate "and" as a logical conjunction of both expressions.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const byName = `userName eq ${quote(user.values.userName)}`
    const match = await toolQuery(ctx, `id eq ${quote(user.id)} and ${byName}`)
    expectIds(f, match, [user.id], 'id eq <its id> and userName eq <its userName>')
    const miss = await toolQuery(ctx, `id eq ${quote(ctx.data.guid())} and ${byName}`)
    expectIds(f, miss, [], 'id eq <another id> and userName eq <its userName>')
    return f.list
  },
})

export const filterEscapes = defineServerRule({
  id: 'SRV-FILTER-008',
  level: 'SHOULD',
  title: 'Escaped quotes and percent-encoded characters in filter values work',
  profile: 'rfc',
  area: 'filter',
  tags: ['filter', 'encoding'],
  sources: [rfc7644('3.4.2.2'), entraTutorial('special characters in matching values')],
  fix: 'Unescape \\" inside filter string literals (JSON string rules) after form-decoding the query.',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const displayName = uniqueDisplayName(ctx, `Zoë "Zed" O'Neil-Ng`)
    const user = await createUser(ctx, { displayName })
    // The tool is filtering on displayName at all; the escaped literal is the subject.
    await toolQuery(ctx, `displayName eq ${quote(ctx.data.guid())}`)
    const answer = await queryUsers(ctx, `displayName eq ${quote(displayName)}`)
    expectIds(f, answer, [user.id], 'filter displayName eq "Zoë \\"Zed\\" O\'Neil-Ng …"')
    return f.list
  },
})

export const filterNameCase = defineServerRule({
  id: 'SRV-FILTER-009',
  level: 'SHOULD',
  title: 'Attribute names in filters match case-insensitively and may carry the core URN',
  profile: 'rfc',
  area: 'filter',
  tags: ['filter', 'case'],
  sources: [
    rfc7643('2.1'),
    rfc7644('3.10'),
    entraTutorial('Microsoft reference tests filter on DisplayName'),
  ],
  fix: 'Resolve filter attribute paths case-insensitively, and accept the fully qualified core path (urn:ietf:params:scim:schemas:core:2.0:User:userName).',
  writes: true,
  check: async (ctx) => {
    const f = ctx.findings
    const user = await createUser(ctx)
    const value = quote(user.values.userName)
    for (const name of ['USERNAME', 'UserName', `${CORE_USER_SCHEMA}:userName`]) {
      expectIds(f, await queryUsers(ctx, `${name} eq ${value}`), [user.id], `filter ${name} eq …`)
    }
    return f.list
  },
})
