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
  FilterSyntaxError,
  indexableEquality,
  parseFilter,
  quickEquality,
  type FilterPredicate,
  type IndexableEquality,
} from './filter/index.ts'
import type { ListQuery } from './list-query.ts'
import { toScimUser } from './user-resource.ts'

export interface UserPage {
  readonly totalResults: number
  readonly identities: StoredIdentity[]
}

/** Runs `step`, turning a filter error into 400 invalidFilter. */
function asInvalidFilter<T>(step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw badRequest('invalidFilter', `The filter is not valid: ${error.message}.`)
    }
    throw error
  }
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
  // Entra's per-user look-up in its plain form skips the parser; anything else is parsed.
  const quick = quickEquality(filter)
  if (quick) return indexedPage(byIndex(ctx, accountId, quick), query)
  const node = asInvalidFilter(() =>
    parseFilter(filter, { lenientBareValues: ctx.behaviour.lenientBareFilterValues }),
  )
  const lookup = indexableEquality(node)
  if (lookup) return indexedPage(byIndex(ctx, accountId, lookup), query)
  // Compiled once, so type errors surface even when the account holds no identity.
  const matches: FilterPredicate = asInvalidFilter(() => compileFilter(node))
  let totalResults = 0
  const identities: StoredIdentity[] = []
  for (const identity of ctx.store.scan(accountId, false)) {
    if (!asInvalidFilter(() => matches(toScimUser(identity, scimBase)))) continue
    totalResults++
    if (totalResults > offset && identities.length < query.count) identities.push(identity)
  }
  return { totalResults, identities }
}
