/** The account a SCIM request addresses, and its SCIM base URL ("Tenant URL"). @module */
import type { Context } from 'hono'

const ACCOUNT_SEGMENT = /^\/scim\/v2\/accounts\/([^/]+)/

/**
 * The account of a SCIM request: the route's `accountId`, or, for a path no route matches (the
 * surface still records, faults and authenticates it), the path segment after `/scim/v2/accounts/`.
 */
export function scimAccountOf(c: Context): string {
  const param = c.req.param('accountId')
  if (param !== undefined) return param
  const segment = ACCOUNT_SEGMENT.exec(c.req.path)?.[1]
  if (segment === undefined) return ''
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Whether `path` is under some account's SCIM base. */
export function isScimPath(path: string): boolean {
  return ACCOUNT_SEGMENT.test(path)
}

/**
 * Origins by the `scheme://host` text that precedes the path. Parsing a URL per request is a
 * visible cost on the hot path; the text before the path repeats for every request of a client,
 * so the last one is checked first without cutting the URL. Bounded so that varied Host headers
 * cannot grow it without limit.
 */
const origins = new Map<string, string>()
const MAX_ORIGINS = 64
let lastPrefix = ''
let lastOrigin = ''

function originOf(url: string): string {
  if (
    lastPrefix !== '' &&
    url.startsWith(lastPrefix) &&
    url.charCodeAt(lastPrefix.length) === 0x2f
  ) {
    return lastOrigin
  }
  const schemeEnd = url.indexOf('://')
  const pathStart = schemeEnd === -1 ? -1 : url.indexOf('/', schemeEnd + 3)
  if (pathStart === -1) return new URL(url).origin
  const prefix = url.slice(0, pathStart)
  let origin = origins.get(prefix)
  if (origin === undefined) {
    origin = new URL(url).origin
    if (origins.size >= MAX_ORIGINS) origins.clear()
    origins.set(prefix, origin)
  }
  lastPrefix = prefix
  lastOrigin = origin
  return origin
}

let lastBase = { origin: '', accountId: '', base: '' }

export function scimBaseOf(c: Context): string {
  const origin = originOf(c.req.url)
  const accountId = c.req.param('accountId') ?? ''
  if (lastBase.origin !== origin || lastBase.accountId !== accountId) {
    lastBase = { origin, accountId, base: `${origin}/scim/v2/accounts/${accountId}` }
  }
  return lastBase.base
}
