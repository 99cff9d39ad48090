/**
 * Bearer SCIM-key authentication per account. A missing key, a wrong key, a key of another account
 * and an unknown account all get the same 401, so nothing about other accounts is revealed.
 *
 * @module
 */
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { BEARER_AUTHORIZATION } from '../http/bearer.ts'
import type { Step } from '../http/pipeline.ts'
import { requestHeader } from '../http/request-header.ts'
import { scimAccountOf } from './scim-base.ts'

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="ClearID SCIM"' }

export function scimAuth(ctx: MockContext): Step {
  return function scimAuth(c, next) {
    const accountId = scimAccountOf(c)
    const header = requestHeader(c, 'authorization') ?? ''
    const match = BEARER_AUTHORIZATION.exec(header)
    if (!match?.[1]) {
      throw new ApiError(
        401,
        'Authentication required: send the account SCIM key as "Authorization: Bearer <key>" (ClearID: Administration > SCIM Integration > Generate key).',
        { headers: CHALLENGE },
      )
    }
    if (!ctx.accounts.verifyScimKey(accountId, match[1])) {
      throw new ApiError(
        401,
        'The SCIM key is not valid for this endpoint. Copy the current key of this account into the Secret Token field; a regenerated key replaces the old one at once.',
        {
          headers: {
            ...CHALLENGE,
            'WWW-Authenticate': 'Bearer realm="ClearID SCIM", error="invalid_token"',
          },
        },
      )
    }
    return next()
  }
}
