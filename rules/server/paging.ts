/**
 * Index paging (RFC 7644 §3.4.2.4): 1-based `startIndex`, values below 1 read as 1, `count=0` for
 * totals only, negative counts read as 0, pages past the end empty, `totalResults` always the number
 * of matches. Each check pages over identities only it created.
 *
 * @module
 */
import type { ServerCheckContext } from './context.ts'
import { defineServerRule, type ServerRuleSpec } from './define.ts'
import type { Findings } from './findings.ts'
import { type ListBody } from './findings.ts'
import { entraTutorial, rfc7644 } from './sources.ts'
import { createUsers, ownUsersFilter, queryUsers } from './steps.ts'

const PAGINATION_TEST = {
  kind: 'entra-doc',
  ref: 'Entra gallery validation: SCIM_User_Pagination_Test (startIndex=N&count=5, startIndex echoed)',
} as const

async function page(ctx: ServerCheckContext, f: Findings, params: Record<string, string>) {
  const answer = await queryUsers(ctx, await ownUsersFilter(ctx), params)
  const label = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  return { answer, label, list: f.listResponse(answer, `GET /Users?filter=…&${label}`) }
}

function pagingRule(spec: Omit<ServerRuleSpec, 'profile' | 'area' | 'writes'>) {
  return defineServerRule({ ...spec, profile: 'rfc', area: 'paging', writes: true })
}

const ids = (list: ListBody | undefined) => (list?.Resources ?? []).map((r) => String(r.id))

export const pageWalk = pagingRule({
  id: 'SRV-PAGE-001',
  level: 'MUST',
  title: 'Paging with startIndex and count walks every match exactly once',
  tags: ['paging'],
  sources: [
    rfc7644('3.4.2.4'),
    PAGINATION_TEST,
    entraTutorial('listing and pagination are requirements'),
  ],
  fix: 'Apply the filter first, then return matches startIndex..startIndex+count-1 (1-based); echo startIndex and set itemsPerPage to the page size.',
  check: async (ctx) => {
    const f = ctx.findings
    const users = await createUsers(ctx, 5)
    const seen: string[] = []
    for (const [startIndex, size] of [
      [1, 2],
      [3, 2],
      [5, 1],
    ] as const) {
      const { answer, list } = await page(ctx, f, { startIndex: String(startIndex), count: '2' })
      if (!list) return f.list
      f.check(
        list.totalResults === 5,
        `startIndex=${startIndex}: totalResults must be 5`,
        answer,
        5,
        list.totalResults,
      )
      f.check(
        list.startIndex === startIndex,
        `startIndex=${startIndex} must be echoed`,
        answer,
        startIndex,
        list.startIndex,
      )
      f.check(
        list.Resources.length === size,
        `startIndex=${startIndex}&count=2 must hold ${size} resources`,
        answer,
        size,
        list.Resources.length,
      )
      f.check(
        list.itemsPerPage === list.Resources.length,
        'itemsPerPage must equal the page size',
        answer,
        list.Resources.length,
        list.itemsPerPage,
      )
      seen.push(...ids(list))
    }
    const expected = users.map((u) => u.id).sort()
    f.check(
      JSON.stringify([...seen].sort()) === JSON.stringify(expected),
      'the pages together must hold every match exactly once',
      undefined,
      expected,
      seen,
    )
    return f.list
  },
})

export const startIndexBelowOne = pagingRule({
  id: 'SRV-PAGE-002',
  level: 'MUST',
  title: 'A startIndex below 1 is read as 1',
  tags: ['paging', 'bad-input'],
  sources: [rfc7644('3.4.2.4')],
  fix: 'Read startIndex values below 1 (0, negative) as 1 instead of refusing them or skipping results.',
  check: async (ctx) => {
    const f = ctx.findings
    await createUsers(ctx, 3)
    const first = await page(ctx, f, { startIndex: '1', count: '2' })
    for (const startIndex of ['0', '-3']) {
      const { answer, list } = await page(ctx, f, { startIndex, count: '2' })
      if (!list || !first.list) continue
      f.check(
        JSON.stringify(ids(list)) === JSON.stringify(ids(first.list)),
        `startIndex=${startIndex} must give the same page as startIndex=1`,
        answer,
        ids(first.list),
        ids(list),
      )
    }
    return f.list
  },
})

export const countZero = pagingRule({
  id: 'SRV-PAGE-003',
  level: 'MUST',
  title: 'count=0 returns totals only; a negative count is read as 0',
  tags: ['paging'],
  sources: [rfc7644('3.4.2.4')],
  fix: 'For count=0 (and negative counts) return totalResults with no resources and itemsPerPage 0.',
  check: async (ctx) => {
    const f = ctx.findings
    await createUsers(ctx, 3)
    for (const count of ['0', '-1']) {
      const { answer, list } = await page(ctx, f, { count })
      if (!list) continue
      f.check(
        list.totalResults === 3,
        `count=${count}: totalResults must still count every match`,
        answer,
        3,
        list.totalResults,
      )
      f.check(
        list.Resources.length === 0,
        `count=${count}: no resources may be returned`,
        answer,
        0,
        list.Resources.length,
      )
      if (list.itemsPerPage !== undefined)
        f.check(
          list.itemsPerPage === 0,
          `count=${count}: itemsPerPage must be 0`,
          answer,
          0,
          list.itemsPerPage,
        )
    }
    return f.list
  },
})

export const beyondTheEnd = pagingRule({
  id: 'SRV-PAGE-004',
  level: 'MUST',
  title: 'A startIndex past the last match answers 200 with an empty page',
  tags: ['paging'],
  sources: [rfc7644('3.4.2.4')],
  fix: 'Answer a startIndex beyond the matches with 200, an empty Resources array and the real totalResults.',
  check: async (ctx) => {
    const f = ctx.findings
    await createUsers(ctx, 3)
    for (const startIndex of ['4', '1000']) {
      const { answer, list } = await page(ctx, f, { startIndex, count: '10' })
      if (!list) continue
      f.check(
        list.Resources.length === 0,
        `startIndex=${startIndex}: the page must be empty`,
        answer,
        0,
        list.Resources.length,
      )
      f.check(
        list.totalResults === 3,
        `startIndex=${startIndex}: totalResults must be 3`,
        answer,
        3,
        list.totalResults,
      )
    }
    return f.list
  },
})

export const totalResultsCountsMatches = pagingRule({
  id: 'SRV-PAGE-005',
  level: 'MUST',
  title: 'totalResults is the number of matches, not the page size',
  tags: ['paging', 'filter'],
  sources: [rfc7644('3.4.2')],
  fix: 'Count every resource the filter matches for totalResults, independent of startIndex and count.',
  check: async (ctx) => {
    const f = ctx.findings
    await createUsers(ctx, 3)
    const cases: Record<string, string>[] = [{ count: '1' }, { startIndex: '2', count: '1' }, {}]
    for (const params of cases) {
      const { answer, list, label } = await page(ctx, f, params)
      if (!list) continue
      f.check(
        list.totalResults === 3,
        `${label || 'no paging'}: totalResults must be 3`,
        answer,
        3,
        list.totalResults,
      )
    }
    return f.list
  },
})
