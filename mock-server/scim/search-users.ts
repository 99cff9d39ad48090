/**
 * Answers a list query over an account's live identities. Entra's per-user lookups
 * (`userName eq`, `externalId eq`, `id eq`) go to the store's indexes; any other filter scans.
 * Paging never copies the whole collection.
 *
 * @module
 */
import type { StoredIdentity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { badRequest } from '../errors/api-error.ts'
import {
  compileFilter,
  countClauses,
  FilterLimitError,
  FilterSyntaxError,
  indexableEquality,
  parseFilter,
  quickEquality,
  type FilterLimit,
  type FilterNode,
  type FilterPredicate,
  type IndexableEquality,
} from './filter/index.ts'
import type { ListQuery } from './list-query.ts'
import { toScimUser } from './user-resource.ts'

export interface UserPage {
  readonly totalResults: number
  readonly identities: StoredIdentity[]
}

/** The option behind each bound of a filter's size and shape, named in the 400. */
const LIMIT_OPTIONS: Readonly<Record<FilterLimit, string>> = {
  length: 'behaviour.maxFilterLength',
  clauses: 'behaviour.maxFilterClauses',
  depth: 'behaviour.maxFilterDepth',
}

/** Runs `step`, turning a filter error into 400 invalidFilter. */
function asInvalidFilter<T>(step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof FilterLimitError) {
      throw badRequest(
        'invalidFilter',
        `The filter is too large for this mock: ${error.message} (the mock's option ${LIMIT_OPTIONS[error.limit]}).`,
      )
    }
    if (error instanceof FilterSyntaxError) {
      throw badRequest('invalidFilter', `The filter is not valid: ${error.message}.`)
    }
    throw error
  }
}

/** Refuses a scan whose comparisons (per user, times the users read) exceed the request budget. */
function checkWork(ctx: MockContext, accountId: string, node: FilterNode): void {
  const budget = ctx.behaviour.maxFilterWork
  const users = ctx.store.count(accountId, false)
  const clauses = countClauses(node)
  if (clauses * users <= budget) return
  throw badRequest(
    'tooMany',
    `The filter makes ${clauses} comparison${clauses === 1 ? '' : 's'} on each of the ${users} users of this account, more than the ${budget} one request may do (the mock's option behaviour.maxFilterWork). Use fewer comparisons, or look users up with eq on userName, externalId or id, which are indexed.`,
  )
}

function byIndex(ctx: MockContext, accountId: string, lookup: IndexableEquality): StoredIdentity[] {
  const { store } = ctx
  let found: StoredIdentity | undefined
  if (lookup.attribute === 'userName') found = store.findByUserName(accountId, lookup.value)
  else if (lookup.attribute === 'externalId')
    found = store.findByExternalId(accountId, lookup.value)
  else found = store.get(accountId, lookup.value)
  return found && !found.deleted ? [found] : []
}

function indexedPage(found: StoredIdentity[], query: ListQuery): UserPage {
  const offset = query.startIndex - 1
  return { totalResults: found.length, identities: found.slice(offset, offset + query.count) }
}

export function searchUsers(
  ctx: MockContext,
  accountId: string,
  query: ListQuery,
  scimBase: string,
): UserPage {
  const offset = query.startIndex - 1
  if (query.filter === undefined) {
    return {
      totalResults: ctx.store.count(accountId, false),
      identities: ctx.store.page(accountId, { offset, limit: query.count, includeDeleted: false }),
    }
  }
  const filter = query.filter
  const { behaviour } = ctx
  // Entra's per-user look-up in its plain form skips the parser; anything else is parsed (and too
  // long a filter is, to be refused by its length).
  const quick = filter.length <= behaviour.maxFilterLength ? quickEquality(filter) : undefined
  if (quick) return indexedPage(byIndex(ctx, accountId, quick), query)
  const node = asInvalidFilter(() =>
    parseFilter(filter, {
      lenientBareValues: behaviour.lenientBareFilterValues,
      maxLength: behaviour.maxFilterLength,
      maxClauses: behaviour.maxFilterClauses,
      maxDepth: behaviour.maxFilterDepth,
    }),
  )
  const lookup = indexableEquality(node)
  if (lookup) return indexedPage(byIndex(ctx, accountId, lookup), query)
  // Compiled once, so type errors surface even when the account holds no identity.
  const matches: FilterPredicate = asInvalidFilter(() => compileFilter(node))
  checkWork(ctx, accountId, node)
  let totalResults = 0
  const identities: StoredIdentity[] = []
  for (const identity of ctx.store.scan(accountId, false)) {
    if (!asInvalidFilter(() => matches(toScimUser(identity, scimBase)))) continue
    totalResults++
    if (totalResults > offset && identities.length < query.count) identities.push(identity)
  }
  return { totalResults, identities }
}
