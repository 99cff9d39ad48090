/** The SCIM base URL ("Tenant URL") of the account a request addresses. @module */
import type { Context } from 'hono'

/**
 * Origins by the `scheme://host` text that precedes the path. Parsing a URL per request is a
 * visible cost on the hot path; the text before the path repeats for every request of a client.
 * Bounded so that varied Host headers cannot grow it without limit.
 */
const origins = new Map<string, string>()
const MAX_ORIGINS = 64

function originOf(url: string): string {
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
  return origin
}

export function scimBaseOf(c: Context): string {
  return `${originOf(c.req.url)}/scim/v2/accounts/${c.req.param('accountId') ?? ''}`
}
