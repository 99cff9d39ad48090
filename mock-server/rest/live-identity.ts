/**
 * A live identity of an account, or 404: what the services beside the identity service (principal,
 * role) look an identity up with. Deleted identities are only visible to search.
 *
 * @module
 */
import type { StoredIdentity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'

export function liveIdentity(
  ctx: Pick<MockContext, 'store'>,
  accountId: string,
  id: string,
): StoredIdentity {
  const identity = ctx.store.get(accountId, id)
  if (!identity || identity.deleted) {
    throw new ApiError(
      404,
      `No identity with id "${id.slice(0, 100)}" exists in account "${accountId.slice(0, 64)}".`,
    )
  }
  return identity
}
