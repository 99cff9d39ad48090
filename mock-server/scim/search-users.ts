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
  evaluateFilter,
  FilterSyntaxError,
  indexableEquality,
  parseFilter,
  type FilterNode,
} from './filter/index.ts'
import type { ListQuery } from './list-query.ts'
import { toScimUser } from './user-resource.ts'

export interface UserPage {
  readonly totalResults: number
  readonly identities: Identity[]
}

function parse(ctx: MockContext, filter: string): FilterNode {
  try {
    return parseFilter(filter, { lenientBareValues: ctx.behaviour.lenientBareFilterValues })
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
  if (lookup.attribute === 'userName') found = store.findByUserName(accountId, lookup.value)
  else if (lookup.attribute === 'externalId') found = store.findByExternalId(accountId, lookup.value)
  else found = store.get(accountId, lookup.value)
  return found && !found.deleted ? [found] : []
}

function evaluate(node: FilterNode, identity: Identity, scimBase: string): boolean {
  try {
    return evaluateFilter(node, toScimUser(identity, scimBase))
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw badRequest('invalidFilter', `The filter cannot be evaluated: ${error.message}.`)
    }
    throw error
  }
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
  const node = parse(ctx, query.filter)
  const indexed = byIndex(ctx, accountId, node)
  if (indexed) {
    return { totalResults: indexed.length, identities: indexed.slice(offset, offset + query.count) }
  }
  let totalResults = 0
  const identities: Identity[] = []
  for (const identity of ctx.store.scan(accountId, false)) {
    if (!evaluate(node, identity, scimBase)) continue
    totalResults++
    if (totalResults > offset && identities.length < query.count) identities.push(identity)
  }
  return { totalResults, identities }
}
