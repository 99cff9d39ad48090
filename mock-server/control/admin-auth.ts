/**
 * The control plane's own authentication: `Authorization: Bearer <adminToken>`, compared in
 * constant time through digests. Separate from every ClearID credential on purpose. The token joins
 * the secrets in play, so no output of the process shows it.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import { matchesSecret, storeHeldSecret } from '../accounts/secrets.ts'
import { ApiError } from '../errors/api-error.ts'
import { BEARER_AUTHORIZATION } from '../http/bearer.ts'

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="ClearID mock control plane"' }

export function adminAuth(adminToken: string): MiddlewareHandler {
  const stored = storeHeldSecret(adminToken)
  return async function adminAuth(c, next) {
    const match = BEARER_AUTHORIZATION.exec(c.req.header('authorization') ?? '')
    if (!match?.[1] || !matchesSecret(stored, match[1])) {
      throw new ApiError(
        401,
        'The control plane needs "Authorization: Bearer <admin token>" (option adminToken, env CLEARID_ADMIN_TOKEN; on loopback the development token documented in docs/rest-api.md).',
        { headers: CHALLENGE },
      )
    }
    await next()
  }
}
