/**
 * Answers a list query over an account's live identities. Entra's per-user lookups
 * (`userName eq`, `externalId eq`, `id eq`) go to the store's indexes; any other filter scans.
 * Paging never copies the whole collection.
 *
 * @module
 */
import type { Identity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { badRequest } from '../errors/api-error.ts'
import {
  compileFilter,
  FilterSyntaxError,
  indexableEquality,
  parseFilter,
  type FilterNode,
  type FilterPredicate,
} from './filter/index.ts'
import type { ListQuery } from './list-query.ts'
import { defectCaseSensitiveUserName } from './defect-behaviour.ts'
import { toScimUser } from './user-resource.ts'

export interface UserPage {
  readonly totalResults: number
  readonly identities: Identity[]
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

function byIndex(ctx: MockContext, accountId: string, node: FilterNode): Identity[] | undefined {
  const lookup = indexableEquality(node)
  if (!lookup) return undefined
  const { store } = ctx
  let found: Identity | undefined
  if (lookup.attribute === 'userName') {
    found = store.findByUserName(accountId, lookup.value)
    found = defectCaseSensitiveUserName(ctx, found, lookup.value) // Defect switch (harness sensitivity): case-sensitive-username-filter
  } else if (lookup.attribute === 'externalId')
    found = store.findByExternalId(accountId, lookup.value)
  else found = store.get(accountId, lookup.value)
  return found && !found.deleted ? [found] : []
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
  const node = asInvalidFilter(() =>
    parseFilter(filter, { lenientBareValues: ctx.behaviour.lenientBareFilterValues }),
  )
  const indexed = byIndex(ctx, accountId, node)
  if (indexed) {
    return { totalResults: indexed.length, identities: indexed.slice(offset, offset + query.count) }
  }
  // Compiled once, so type errors surface even when the account holds no identity.
  const matches: FilterPredicate = asInvalidFilter(() => compileFilter(node))
  let totalResults = 0
  const identities: Identity[] = []
  for (const identity of ctx.store.scan(accountId, false)) {
    if (!asInvalidFilter(() => matches(toScimUser(identity, scimBase)))) continue
    totalResults++
    if (totalResults > offset && identities.length < query.count) identities.push(identity)
  }
  return { totalResults, identities }
}
