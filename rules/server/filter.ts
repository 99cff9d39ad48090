/**
 * Filtering as Entra uses it (research/entra.md §2.1–§2.2): `eq` lookups on the matching attribute,
 * form-encoded, case-insensitive on `userName`, case-exact on `externalId`, and 200 with an empty
 * list when nothing matches.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import { lookupPath } from '../../suites/entra/requests.ts'
import type { HttpAnswer } from '../../suites/http/types.ts'
import { defineServerRule } from './define.ts'
import { Findings } from './findings.ts'
import { entraTutorial, msValidator, okta, rfc7643, rfc7644, spec } from './sources.ts'
import { createUser, queryUsers, quote } from './steps.ts'

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
    const f = new Findings()
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
    const f = new Findings()
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
    const f = new Findings()
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
    const f = new Findings()
    const guid = ctx.data.guid()
    const probes: [string, string][] = [
      ['userName', `nobody.${guid.slice(0, 8)}+test@contoso.example`],
      ['displayName', `Nobody O'Neil ${guid.slice(0, 8)}`],
      [EXTERNAL_ID_PATH, guid],
    ]
    for (const [attribute, value] of probes) {
      const answer = await ctx.http.send({ method: 'GET', path: lookupPath(attribute, value) })
      expectIds(f, answer, [], `GET /Users?filter=${attribute} eq "<no such value>"`)
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
  fix: 'Decode the query string with form rules (URLSearchParams), not decodeURIComponent alone, so "displayName+eq+%22Ada+Lovelace%22" reads as displayName eq "Ada Lovelace".',
  writes: true,
  check: async (ctx) => {
    const f = new Findings()
    const user = await createUser(ctx)
    const name = user.values.displayName
    const userName = user.values.userName
    const variants: [string, string][] = [
      ['plus and %22', `/Users?filter=${encodeForm(`displayName eq "${name}"`)}`],
      ['%20 and %22', `/Users?filter=${encodeURIComponent(`displayName eq "${name}"`)}`],
      ['plus and raw quotes', `/Users?filter=userName+eq+"${encodeURIComponent(userName)}"`],
    ]
    for (const [label, path] of variants) {
      const answer = await ctx.http.send({ method: 'GET', path })
      const list = f.listResponse(answer, `filter encoded with ${label}`)
      if (!list) continue
      const ids = list.Resources.map((r) => r.id)
      f.check(
        ids.includes(user.id),
        `filter encoded with ${label} must find the user`,
        answer,
        user.id,
        ids,
      )
    }
    return f.list
  },
})

function encodeForm(text: string): string {
  return new URLSearchParams({ q: text }).toString().slice(2)
}

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
    const f = new Findings()
    const user = await createUser(ctx)
    const scope = `userName sw ${quote(ctx.data.prefix)}`
    for (const value of [user.values.displayName, user.values.displayName.toUpperCase()]) {
      const answer = await queryUsers(ctx, `${scope} and displayName eq ${quote(value)}`)
      expectIds(f, answer, [user.id], `filter displayName eq "${value}"`)
    }
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
    const f = new Findings()
    const user = await createUser(ctx)
    const byName = `userName eq ${quote(user.values.userName)}`
    const match = await queryUsers(
      ctx,
      `${byName} and ${EXTERNAL_ID_PATH} eq ${quote(String(user.values.ext.externalId))}`,
    )
    expectIds(f, match, [user.id], 'userName eq … and externalId eq <its externalId>')
    const miss = await queryUsers(
      ctx,
      `${byName} and ${EXTERNAL_ID_PATH} eq ${quote(ctx.data.guid())}`,
    )
    expectIds(f, miss, [], 'userName eq … and externalId eq <another value>')
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
    const f = new Findings()
    const displayName = `Zoë "Zed" O'Neil-Ng`
    const user = await createUser(ctx, { displayName })
    const answer = await queryUsers(
      ctx,
      `userName sw ${quote(ctx.data.prefix)} and displayName eq ${quote(displayName)}`,
    )
    expectIds(f, answer, [user.id], 'filter displayName eq "Zoë \\"Zed\\" O\'Neil-Ng"')
    return f.list
  },
})

export const filterNameCase = defineServerRule({
  id: 'SRV-FILTER-009',
  level: 'SHOULD',
  title: 'Attribute names and URNs in filters match case-insensitively',
  profile: 'rfc',
  area: 'filter',
  tags: ['filter', 'case'],
  sources: [rfc7643('2.1'), entraTutorial('Microsoft reference tests filter on DisplayName')],
  fix: 'Resolve filter attribute paths case-insensitively: USERNAME, DisplayName and an upper-cased extension URN are the same attributes.',
  writes: true,
  check: async (ctx) => {
    const f = new Findings()
    const user = await createUser(ctx)
    const filters = [
      `USERNAME eq ${quote(user.values.userName)}`,
      `DisplayName eq ${quote(user.values.displayName)} and userName eq ${quote(user.values.userName)}`,
      `${EXTERNAL_ID_PATH.toUpperCase().replace('EXTERNALID', 'ExternalID')} eq ${quote(String(user.values.ext.externalId))}`,
    ]
    for (const filter of filters) {
      expectIds(f, await queryUsers(ctx, filter), [user.id], `filter ${filter.split(' ')[0]} eq …`)
    }
    return f.list
  },
})
