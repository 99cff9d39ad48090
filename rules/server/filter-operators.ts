/**
 * The full filter grammar SPEC §2.3 promises beyond Entra's `eq`/`and`: `co sw ew pr ne gt ge lt le`,
 * `or`, `not` and grouping, each evaluated with the attribute's `caseExact`, and 400 `invalidFilter`
 * for anything unparseable. Every query is scoped to the identities the rule created.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import type { ServerCheckContext } from './context.ts'
import { defineServerRule, type ServerRule } from './define.ts'
import { expectIds } from './filter.ts'
import { rfc7644, spec } from './sources.ts'
import { createUser, ownUsersFilter, queryUsers, usersQuery } from './steps.ts'

const ext = (name: string) => `${CLEARID_USER_EXTENSION}:${name}`

interface Trio {
  readonly a: string
  readonly b: string
  readonly c: string
}

/** Three identities with known values: A "Amelia Stone", B "Bruno Stonebridge", C "Carla Rivers". */
async function createTrio(ctx: ServerCheckContext): Promise<Trio> {
  const a = await createUser(ctx, {
    displayName: 'Amelia Stone',
    ext: { departmentName: 'Finance', employeeNumber: 'E100001', middleName: 'Jane' },
  })
  const b = await createUser(ctx, {
    displayName: 'Bruno Stonebridge',
    ext: { departmentName: 'Facilities', employeeNumber: 'E100002', middleName: undefined },
  })
  const c = await createUser(ctx, {
    displayName: 'Carla Rivers',
    ext: { departmentName: 'Research', employeeNumber: 'E100003', middleName: 'Maria' },
  })
  return { a: a.id, b: b.id, c: c.id }
}

type Case = readonly [filter: string, expected: (t: Trio) => string[]]

function operatorRule(
  id: string,
  title: string,
  operators: string,
  cases: readonly Case[],
): ServerRule {
  return defineServerRule({
    id,
    level: 'MUST',
    title,
    profile: 'clearid',
    area: 'filter',
    tags: ['filter', 'operators'],
    sources: [
      rfc7644('3.4.2.2'),
      spec('2.3', 'full filter grammar (eq ne co sw ew pr gt ge lt le, and or not, grouping)'),
    ],
    fix: `Implement the ${operators} filter operators of RFC 7644 §3.4.2.2, comparing strings with the attribute's caseExact.`,
    writes: true,
    check: async (ctx) => {
      const f = ctx.findings
      const trio = await createTrio(ctx)
      const own = await ownUsersFilter(ctx)
      for (const [filter, expected] of cases) {
        const answer = await queryUsers(ctx, `${own} and (${filter})`)
        expectIds(f, answer, expected(trio), `filter ${filter}`)
      }
      return f.list
    },
  })
}

export const stringOperators = operatorRule(
  'SRV-FILTER-020',
  'Filter operators co, sw and ew work and ignore case on caseExact=false attributes',
  'co, sw and ew',
  [
    ['displayName co "stone"', (t) => [t.a, t.b]],
    ['displayName sw "BRU"', (t) => [t.b]],
    ['displayName ew "rivers"', (t) => [t.c]],
  ],
)

export const presenceAndNegation = operatorRule(
  'SRV-FILTER-021',
  'Filter operators pr, ne and not work',
  'pr, ne and not',
  [
    [`${ext('middleName')} pr`, (t) => [t.a, t.c]],
    [`${ext('departmentName')} ne "Finance"`, (t) => [t.b, t.c]],
    [`not (${ext('departmentName')} eq "Finance")`, (t) => [t.b, t.c]],
  ],
)

export const ordering = operatorRule(
  'SRV-FILTER-022',
  'Filter operators gt, ge, lt and le compare strings and date-times',
  'gt, ge, lt and le',
  [
    [`${ext('employeeNumber')} gt "E100001"`, (t) => [t.b, t.c]],
    [`${ext('employeeNumber')} ge "E100002"`, (t) => [t.b, t.c]],
    [`${ext('employeeNumber')} lt "E100002"`, (t) => [t.a]],
    [`${ext('employeeNumber')} le "E100002"`, (t) => [t.a, t.b]],
    ['meta.lastModified gt "2000-01-01T00:00:00Z"', (t) => [t.a, t.b, t.c]],
  ],
)

export const logical = operatorRule(
  'SRV-FILTER-023',
  'Filters combine with or, and, not and parentheses with the RFC precedence',
  'or, and, not and grouping',
  [
    ['displayName sw "Amelia" or displayName sw "Carla"', (t) => [t.a, t.c]],
    [
      `(displayName sw "Amelia" or displayName sw "Bruno") and ${ext('departmentName')} eq "Facilities"`,
      (t) => [t.b],
    ],
    [
      `displayName sw "Amelia" or displayName sw "Bruno" and ${ext('departmentName')} eq "Research"`,
      (t) => [t.a],
    ],
  ],
)

const INVALID_FILTERS = [
  'userName eq',
  'userName xx "ada"',
  '(userName eq "ada"',
  'userName eq "unterminated',
  'userName eq "ada" and',
  'eq "ada"',
  'userName eq "a" or or userName eq "b"',
  'userName[type eq "work"',
]

export const invalidFilter = defineServerRule({
  id: 'SRV-FILTER-024',
  level: 'MUST',
  title: 'An unparseable filter answers 400 invalidFilter, never 5xx',
  profile: 'rfc',
  area: 'filter',
  tags: ['filter', 'read-only', 'errors', 'bad-input'],
  sources: [
    rfc7644('3.4.2.2'),
    rfc7644('3.12'),
    spec('2.3', '400 invalidFilter on anything unparseable, never 500'),
  ],
  fix: 'Parse filters with a real grammar and answer every syntax error with 400, scimType "invalidFilter" and a detail that says where the filter broke.',
  writes: false,
  check: async (ctx) => {
    const f = ctx.findings
    for (const filter of INVALID_FILTERS) {
      const answer = await ctx.http.send({ method: 'GET', path: usersQuery(filter) })
      f.scimError(answer, { status: 400, scimType: 'invalidFilter' }, `filter ${filter}`)
    }
    return f.list
  },
})
