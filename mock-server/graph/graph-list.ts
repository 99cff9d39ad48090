/**
 * One page of a Graph collection read: `$filter`, then the rows after the `$skiptoken` cursor (rows
 * are in id order), `$top` of them (default 100), `@odata.count` on the first page when asked, and
 * an `@odata.nextLink` that repeats the request's query with a new `$skiptoken`, as Graph's do.
 *
 * @module
 */
import type { Context } from 'hono'
import { DEFAULT_PAGE_SIZE } from './graph-constants.ts'
import { badRequest } from './graph-errors.ts'
import { matchesFilter } from './graph-filter.ts'
import { compareIds } from './graph-objects.ts'
import { decodePageToken, encodePageToken } from './graph-page-token.ts'
import type { GraphQuery } from './graph-query.ts'
import type { GraphProps } from './graph-values.ts'

export interface Row {
  readonly id: string
  readonly props: GraphProps
}

export interface ListRequest<R extends Row> {
  /** All rows, in id order. */
  readonly rows: readonly R[]
  readonly query: GraphQuery
  readonly tenantId: string
  /** The absolute URL of the collection, e.g. `https://graph.microsoft.com/v1.0/users`. */
  readonly url: string
  readonly context: string
  readonly render: (row: R) => unknown
}

/** First index whose id sorts after `after` (rows are in id order). */
function firstAfter(rows: readonly Row[], after: string): number {
  let low = 0
  let high = rows.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (compareIds((rows[mid] as Row).id, after) <= 0) low = mid + 1
    else high = mid
  }
  return low
}

function invalidSkipToken() {
  return badRequest(
    'The $skiptoken is not valid: follow @odata.nextLink exactly as it was returned.',
  )
}

export function listPage<R extends Row>(
  c: Context,
  request: ListRequest<R>,
): Record<string, unknown> {
  const { query } = request
  const filter = query.filter
  const rows = filter
    ? request.rows.filter((row) => matchesFilter(filter, row.props))
    : request.rows
  let start = 0
  if (query.skipToken !== undefined) {
    const token = decodePageToken(query.skipToken, 'list', request.tenantId)
    if (!token) throw invalidSkipToken()
    start = firstAfter(rows, token.after)
  }
  const size = query.top ?? DEFAULT_PAGE_SIZE
  const page = rows.slice(start, start + size)
  const last = page.at(-1)
  const more = start + size < rows.length && last !== undefined
  return {
    '@odata.context': request.context,
    ...(query.count && query.skipToken === undefined ? { '@odata.count': rows.length } : {}),
    ...(more
      ? {
          '@odata.nextLink': nextLink(
            c,
            request.url,
            encodePageToken({ kind: 'list', tenant: request.tenantId, after: last.id }),
          ),
        }
      : {}),
    value: page.map(request.render),
  }
}

/** The request's own query options, `$skiptoken` replaced. `$` and `,` left readable, as Graph does. */
function nextLink(c: Context, base: string, skipToken: string): string {
  const parts: string[] = []
  for (const [name, value] of new URL(c.req.url).searchParams) {
    if (name.toLowerCase() === '$skiptoken') continue
    parts.push(`${name}=${encodeURIComponent(value).replaceAll('%2C', ',').replaceAll('%24', '$')}`)
  }
  parts.push(`$skiptoken=${skipToken}`)
  return `${base}?${parts.join('&')}`
}
