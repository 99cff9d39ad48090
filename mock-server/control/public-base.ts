/**
 * The base URL clients reach the mock at: the `publicBaseUrl` option when set (behind a proxy or a
 * DNS override), else the origin of the request. Token issuers and key-file URLs derive from it.
 *
 * @module
 */
import type { Context } from 'hono'
import type { MockContext } from '../context.ts'

export function publicBaseOf(ctx: MockContext, c: Context): string {
  return (ctx.publicBaseUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '')
}

/** The token issuer (`iss`) of this mock: the STS base URL. */
export function issuerOf(ctx: MockContext, c: Context): string {
  return `${publicBaseOf(ctx, c)}/sts`
}
