/**
 * `GET /users/delta` (learn.microsoft.com, "Get incremental changes for users"): a first round
 * lists every user; each page but the last carries an `@odata.nextLink` (`$skiptoken`), the last an
 * `@odata.deltaLink` (`$deltatoken`); the deltaLink's round reports the users changed since the
 * previous round started (only changes to the `$select`ed properties count, as in Graph) and
 * deleted users as `{id, "@removed": {reason}}` (`changed` for a soft delete, `deleted` for a
 * permanent one). The initial request's `$select` and `$filter` (on `id` only) travel inside the
 * tokens. Page size: `Prefer: odata.maxpagesize=N` (default 100), echoed in `Preference-Applied`.
 * `$deltatoken=latest` skips the first round: an empty page whose deltaLink starts from now, as
 * Graph offers a client that has read the users another way.
 *
 * @module
 */
import type { Context } from 'hono'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './graph-constants.ts'
import { badRequest, unsupportedQuery } from './graph-errors.ts'
import { filterProperties, matchesFilter, parseFilter, type FilterNode } from './graph-filter.ts'
import { compareIds, type StoredObject } from './graph-objects.ts'
import { decodePageToken, encodePageToken, type DeltaQuery } from './graph-page-token.ts'
import { contextOf, project, type Catalog, type GraphQuery } from './graph-query.ts'
import type { GraphTenant, Tombstone } from './graph-tenant.ts'

interface Round extends DeltaQuery {
  readonly since: number
  readonly round: number
  readonly after?: string
  readonly pageSize: number
}

/** `Prefer: odata.maxpagesize=N`, within Graph's page limits. */
export function preferredPageSize(prefer: string | undefined): number | undefined {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '')
  if (!match) return undefined
  return Math.min(Math.max(Number(match[1]), 1), MAX_PAGE_SIZE)
}

function roundOf(tenant: GraphTenant, query: GraphQuery, pageSize: number | undefined): Round {
  if (query.skipToken !== undefined) {
    const token = decodePageToken(query.skipToken, 'delta', tenant.id)
    if (!token)
      throw badRequest(
        'The $skiptoken is not valid: follow @odata.nextLink exactly as it was returned.',
      )
    return token
  }
  const size = pageSize ?? DEFAULT_PAGE_SIZE
  if (query.deltaToken === 'latest') {
    return {
      since: tenant.seq,
      round: tenant.seq,
      pageSize: size,
      ...(query.select ? { select: query.select } : {}),
      ...(query.filterText === undefined ? {} : { filter: query.filterText }),
    }
  }
  if (query.deltaToken !== undefined) {
    const token = decodePageToken(query.deltaToken, 'deltaLink', tenant.id)
    if (!token)
      throw badRequest(
        'The $deltatoken is not valid: use @odata.deltaLink exactly as it was returned.',
      )
    return { ...token, round: tenant.seq, pageSize: size }
  }
  return {
    since: 0,
    round: tenant.seq,
    pageSize: size,
    ...(query.select ? { select: query.select } : {}),
    ...(query.filterText === undefined ? {} : { filter: query.filterText }),
  }
}

function deltaFilter(text: string | undefined, catalog: Catalog): FilterNode | undefined {
  if (text === undefined) return undefined
  const filter = parseFilter(text, {
    resource: catalog.resource,
    property: (name) => catalog.property(name),
    advanced: false,
  })
  if (filterProperties(filter).some((name) => name !== 'id')) {
    throw unsupportedQuery("A delta query filters on id only (for example id eq '…' or id in (…)).")
  }
  return filter
}

const isTombstone = (entry: StoredObject | Tombstone): entry is Tombstone => 'reason' in entry

export function deltaPage(
  c: Context,
  tenant: GraphTenant,
  query: GraphQuery,
  catalog: Catalog,
  root: string,
): Record<string, unknown> {
  const pageSize = preferredPageSize(c.req.header('prefer'))
  const round = roundOf(tenant, query, pageSize)
  if (pageSize !== undefined) c.header('Preference-Applied', `odata.maxpagesize=${round.pageSize}`)
  const filter = deltaFilter(round.filter, catalog)
  const after = round.after
  const entries = tenant
    .changesSince(round.since, round.select)
    .filter((entry) => after === undefined || compareIds(entry.id, after) > 0)
    .filter(
      (entry) =>
        !filter || matchesFilter(filter, isTombstone(entry) ? { id: entry.id } : entry.props),
    )
  const page = entries.slice(0, round.pageSize)
  const last = page.at(-1)
  const carried = {
    ...(round.select ? { select: round.select } : {}),
    ...(round.filter === undefined ? {} : { filter: round.filter }),
  }
  const link =
    entries.length > round.pageSize && last
      ? {
          '@odata.nextLink': `${root}/users/delta?$skiptoken=${encodePageToken({
            kind: 'delta',
            tenant: tenant.id,
            since: round.since,
            round: round.round,
            after: last.id,
            pageSize: round.pageSize,
            ...carried,
          })}`,
        }
      : {
          '@odata.deltaLink': `${root}/users/delta?$deltatoken=${encodePageToken({
            kind: 'deltaLink',
            tenant: tenant.id,
            since: round.round,
            ...carried,
          })}`,
        }
  const select = round.select ?? catalog.defaults
  return {
    '@odata.context': contextOf(root, 'users', round.select),
    ...link,
    value: page.map((entry) =>
      isTombstone(entry)
        ? { id: entry.id, '@removed': { reason: entry.reason } }
        : project(entry.props, select),
    ),
  }
}
