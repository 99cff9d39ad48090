/**
 * Listing identities: the identity service v3 continuation list (`{identities, continuation}`, loop
 * until the continuation is empty) and the search service (`{skip, take}` → `{totalItems,
 * results}`, deleted identities flagged `isDeleted`). Research: clearid.md §2.1 (observed clients),
 * §2.2.
 *
 * @module
 */
import type { HttpAnswer } from '../../driver/http/types.ts'
import { CannotTest, setupFailed } from '../server/check-stops.ts'
import type { RestCheckContext } from '../server/context.ts'
import { isObject, type Json } from '../server/findings.ts'
import type { Findings } from '../server/findings.ts'
import { defineRestRule } from './define-rest.ts'
import { docs, restDoc } from './sources.ts'
import { createRestIdentity, deleteIdentity, detailOf, expectProblem } from './steps.ts'

/** Pages a check reads at most; a larger tenant cannot be walked by a conformance run. */
const MAX_PAGES = 400

interface Walk {
  readonly pages: number
  readonly ids: string[]
  readonly last: HttpAnswer
}

function v3Page(rest: RestCheckContext, continuation?: string): Promise<HttpAnswer> {
  // Only the continuation, as ClearID's one public v3 client sends: no page size is documented.
  const query =
    continuation === undefined ? '' : `?continuation=${encodeURIComponent(continuation)}`
  return rest.http.send({
    service: 'identity',
    method: 'GET',
    path: rest.http.identitiesPath('v3', query),
  })
}

/** Every page of the v3 list, following `continuation` until it is empty. */
async function walkV3(f: Findings, rest: RestCheckContext): Promise<Walk | undefined> {
  const ids: string[] = []
  let continuation: string | undefined
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await v3Page(rest, continuation)
    const what = `GET …/v3/…/identities (page ${page})`
    if (!f.status(answer, 200, what)) return undefined
    const body = isObject(answer.body) ? answer.body : undefined
    if (!body || !Array.isArray(body.identities)) {
      f.error(`${what}: the answer must be {"identities": [...], "continuation": …}`, answer)
      return undefined
    }
    for (const identity of body.identities)
      if (isObject(identity) && typeof identity.identityId === 'string')
        ids.push(identity.identityId)
    const next = body.continuation
    if (next === null || next === undefined || next === '')
      return { pages: page, ids, last: answer }
    if (typeof next !== 'string') {
      f.error(`${what}: "continuation" must be a string or null`, answer, 'string or null', next)
      return undefined
    }
    if (next === continuation) {
      f.error(`${what}: the continuation did not move on; the list would never end`, answer)
      return undefined
    }
    continuation = next
  }
  throw new CannotTest(`the account has more than ${MAX_PAGES} pages of identities to walk`)
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>()
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))]
}

export const continuationList = defineRestRule({
  id: 'REST-LIST-001',
  level: 'MUST',
  title: 'The v3 list, followed by its continuation to the end, lists every identity exactly once',
  profile: 'clearid',
  area: 'rest-list',
  tags: ['rest', 'list', 'paging'],
  sources: [
    restDoc(
      'Identity service v3',
      'the response is {identities, continuation}; continuation is null on the last page',
    ),
    docs.concepts('the identity service lists the identities of an account'),
  ],
  fix: 'Answer GET /api/v3/accounts/{accountId}/identities with {"identities": [...], "continuation": <opaque cursor or null>}; a cursor must resume after the last identity given, so a client that loops until continuation is empty sees each identity once.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = [
      await createRestIdentity(ctx, rest),
      await createRestIdentity(ctx, rest),
      await createRestIdentity(ctx, rest),
    ]
    const walk = await walkV3(f, rest)
    if (!walk) return f.list
    for (const identity of created) {
      const times = walk.ids.filter((id) => id === identity.id).length
      f.check(
        times === 1,
        `identity ${identity.id} (created for this rule) must be listed exactly once`,
        walk.last,
        1,
        times,
      )
    }
    const twice = duplicates(walk.ids)
    f.check(
      twice.length === 0,
      'no identity may be listed twice',
      walk.last,
      [],
      twice.slice(0, 10),
    )
    // One page tells nothing of the continuation, the rule's subject: a pass would claim more
    // than was tested. (A duplicate found in that page still fails it.)
    if (walk.pages === 1)
      throw new CannotTest(
        'the whole list came in one page, so no continuation was followed: the account needs more identities than one page holds',
      )
    return f.list
  },
})

export const badContinuation = defineRestRule({
  id: 'REST-LIST-002',
  level: 'MUST',
  title: 'A continuation the service never issued answers 400, not 5xx',
  profile: 'clearid',
  area: 'rest-list',
  tags: ['rest', 'list', 'paging', 'bad-input', 'read-only'],
  sources: [restDoc('Identity service v3', 'a tampered or foreign cursor answers 400')],
  fix: 'Validate the continuation token (it is opaque to clients, not to the service): answer a token it cannot read with 400 and a detail that says to start the listing again.',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const answer = await v3Page(rest, `${rest.http.runTag}not-a-cursor`)
    expectProblem(f, answer, 400, 'GET …/v3/…/identities?continuation=<made up>')
    return f.list
  },
})

interface SearchBody {
  readonly totalItems: number
  readonly results: Json[]
}

function search(rest: RestCheckContext, body: unknown): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'search',
    method: 'POST',
    path: rest.http.identitiesPath('v1'),
    body,
  })
}

function readSearch(f: Findings, answer: HttpAnswer, what: string): SearchBody | undefined {
  if (!f.status(answer, 200, what)) return undefined
  const body = isObject(answer.body) ? answer.body : undefined
  const total = body?.totalItems
  if (!Number.isInteger(total) || !Array.isArray(body?.results)) {
    f.error(`${what}: the answer must be {"totalItems": <integer>, "results": [...]}`, answer)
    return undefined
  }
  return { totalItems: total as number, results: body.results.filter(isObject) }
}

/**
 * Search pages from the end backwards until every id in `wanted` was seen: the identities a rule
 * just created are the newest, so the walk is short however large the account is.
 */
async function searchFor(
  f: Findings,
  rest: RestCheckContext,
  wanted: readonly string[],
  take = 100,
): Promise<{ found: Map<string, Json[]>; pages: SearchBody[]; last: HttpAnswer } | undefined> {
  const first = await search(rest, { skip: 0, take: 0 })
  const count = readSearch(f, first, 'POST search {skip: 0, take: 0}')
  if (!count) return undefined
  const found = new Map<string, Json[]>()
  const pages: SearchBody[] = []
  let last = first
  for (let end = count.totalItems, page = 0; end > 0 && page < MAX_PAGES; end -= take, page += 1) {
    const skip = Math.max(0, end - take)
    const answer = await search(rest, { skip, take: end - skip })
    const body = readSearch(f, answer, `POST search {skip: ${skip}, take: ${end - skip}}`)
    if (!body) return undefined
    last = answer
    pages.push(body)
    f.check(
      body.results.length <= end - skip,
      `POST search {skip: ${skip}, take: ${end - skip}}: more results than take`,
      answer,
      end - skip,
      body.results.length,
    )
    for (const result of body.results) {
      const id = result.identityId
      if (typeof id !== 'string') continue
      found.set(id, [...(found.get(id) ?? []), result])
    }
    if (wanted.every((id) => found.has(id))) break
  }
  return { found, pages, last }
}

export const searchPaging = defineRestRule({
  id: 'REST-SEARCH-001',
  level: 'MUST',
  title: 'Search {skip, take} pages through {totalItems, results}: each identity once',
  profile: 'clearid',
  area: 'rest-search',
  tags: ['rest', 'search', 'paging'],
  sources: [
    restDoc(
      'Search service',
      'the response is {totalItems, results}; skip defaults to 0, take to 100',
    ),
    docs.concepts('the search service finds identities'),
  ],
  fix: 'Answer POST /api/v1/accounts/{accountId}/identities {skip, take} with {"totalItems": <all matches>, "results": <at most take identities from skip on>} in a stable order.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const created = [await createRestIdentity(ctx, rest), await createRestIdentity(ctx, rest)]
    const wanted = created.map((c) => c.id)
    // Pages of two, so the walk crosses a page boundary between the two identities or before them.
    const walk = await searchFor(f, rest, wanted, 2)
    if (!walk) return f.list
    for (const id of wanted) {
      const times = walk.found.get(id)?.length ?? 0
      f.check(
        times === 1,
        `identity ${id} (created for this rule) must be found exactly once`,
        walk.last,
        1,
        times,
      )
    }
    const total = walk.pages[0]?.totalItems ?? 0
    f.check(
      total >= wanted.length,
      'totalItems must count every identity',
      walk.last,
      `at least ${wanted.length}`,
      total,
    )
    return f.list
  },
})

export const searchTakeLimit = defineRestRule({
  id: 'REST-SEARCH-002',
  level: 'SHOULD',
  title: 'Search refuses take above 100 with 400',
  profile: 'clearid',
  area: 'rest-search',
  tags: ['rest', 'search', 'paging', 'bad-input', 'read-only'],
  sources: [restDoc('Search service', 'take may not exceed 100 (400 otherwise)')],
  fix: 'Answer a search with take greater than 100 with 400 and a detail naming take, rather than a silent cut or an unbounded page.',
  writes: false,
  check: async (ctx, rest) => {
    expectProblem(
      ctx.findings,
      await search(rest, { skip: 0, take: 101 }),
      400,
      'POST search {take: 101}',
    )
    return ctx.findings.list
  },
})

export const searchDeleted = defineRestRule({
  id: 'REST-SEARCH-003',
  level: 'MUST',
  title: 'A deleted identity stays in search results with isDeleted: true',
  profile: 'clearid',
  area: 'rest-search',
  tags: ['rest', 'search', 'delete'],
  sources: [
    docs.deleting('audit and search data of a deleted identity are kept'),
    restDoc('Delete', 'search still lists the identity with isDeleted: true'),
  ],
  fix: 'Keep soft-deleted identities in search results, flagged "isDeleted": true, while live ones carry "isDeleted": false.',
  writes: true,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const live = await createRestIdentity(ctx, rest)
    const gone = await createRestIdentity(ctx, rest)
    const deleted = await deleteIdentity(rest, gone.id)
    if (deleted.status !== 204 && deleted.status !== 200)
      setupFailed('delete an identity', `HTTP ${deleted.status}${detailOf(deleted)}`, deleted)
    const walk = await searchFor(f, rest, [live.id, gone.id])
    if (!walk) return f.list
    const [goneResult] = walk.found.get(gone.id) ?? []
    const [liveResult] = walk.found.get(live.id) ?? []
    f.check(
      goneResult?.isDeleted === true,
      'the deleted identity must be listed with isDeleted: true',
      walk.last,
      true,
      goneResult === undefined ? '(not listed)' : goneResult.isDeleted,
    )
    f.check(
      liveResult?.isDeleted === false,
      'a live identity must be listed with isDeleted: false',
      walk.last,
      false,
      liveResult === undefined ? '(not listed)' : liveResult.isDeleted,
    )
    return f.list
  },
})
