/**
 * Bearer-token authentication of the resource services (identity, search, principal, role): the token must be one this
 * mock's STS issued (signature, `typ`, issuer, lifetime), its API integration must still exist, and
 * its `account_id` must be the account in the path (else 403).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import { errors } from 'jose'
import { issuerOf } from '../control/public-base.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { BEARER_AUTHORIZATION } from '../http/bearer.ts'

const REALM = 'Bearer realm="ClearID API"'

function unauthorized(detail: string, invalidToken: boolean): ApiError {
  const challenge = invalidToken
    ? `${REALM}, error="invalid_token", error_description="${detail.replace(/["\\]/g, '')}"`
    : REALM
  return new ApiError(401, detail, { headers: { 'WWW-Authenticate': challenge } })
}

export function bearerAuth(ctx: MockContext): MiddlewareHandler {
  return async function bearerAuth(c, next) {
    await authorizeBearer(ctx, c, c.req.param('accountId') ?? '')
    await next()
  }
}

/**
 * The check itself, for a route that finds the account elsewhere than in an `accountId` path
 * parameter. Throws the 401 or 403 `ApiError`; returns when the token may act on `accountId`.
 */
export async function authorizeBearer(
  ctx: MockContext,
  c: Context,
  accountId: string,
): Promise<void> {
  const match = BEARER_AUTHORIZATION.exec(c.req.header('authorization') ?? '')
  if (!match?.[1]) {
    throw unauthorized(
      'Authentication required: send "Authorization: Bearer <access_token>" with a token from POST /sts/connect/token.',
      false,
    )
  }
  let claims
  try {
    claims = await ctx.tokens.verify(match[1], issuerOf(ctx, c))
  } catch (error) {
    const expired = error instanceof errors.JWTExpired
    throw unauthorized(
      expired
        ? 'The access token has expired: request a new one (tokens last 3600 s; renew at about half their lifetime).'
        : "The access token is not valid for this service: request a token from this mock's /sts/connect/token.",
      true,
    )
  }
  if (!ctx.integrations.byClientId(claims.client_id)) {
    throw unauthorized('The API integration that requested this token no longer exists.', true)
  }
  if (claims.account_id !== accountId) {
    throw new ApiError(
      403,
      `The access token belongs to account "${claims.account_id}" and cannot be used on account "${accountId.slice(0, 64)}". Use an API integration of that account.`,
    )
  }
}
