/** The SCIM base URL ("Tenant URL") of the account a request addresses. @module */
import type { Context } from 'hono'

export function scimBaseOf(c: Context): string {
  const origin = new URL(c.req.url).origin
  return `${origin}/scim/v2/accounts/${c.req.param('accountId') ?? ''}`
}
