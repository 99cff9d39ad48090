/**
 * Which e-mail each identity's principal was granted under, per account, when that was through the
 * principal service (`PUT …/userPrincipals/{email}`). Access itself lives on the identity (the SCIM
 * booleans, `principal.ts`); this only remembers the login's name. An entry goes when its
 * identity loses access or is deleted, so a later grant through SCIM starts from the identity's
 * e-mail again.
 *
 * @module
 */
import type { StoredIdentity } from '../../model/identity.ts'
import type { IdentityEvents } from '../events.ts'
import type { IdentityStore } from '../store/identity-store.ts'
import { emailOf, hasPortalAccess, samePrincipal } from './principal.ts'

export class PrincipalDirectory {
  readonly #granted = new Map<string, Map<string, string>>()

  constructor(
    private readonly store: IdentityStore,
    events: IdentityEvents,
  ) {
    events.subscribe((event) => {
      if (event.type === 'IdentityDeleted' || !hasPortalAccess(event.identity)) {
        this.#granted.get(event.accountId)?.delete(event.identity.id)
      }
    })
  }

  /** The principal id of an identity with access; null without an e-mail to name it by. */
  principalIdOf(identity: StoredIdentity): string | null {
    return this.#granted.get(identity.accountId)?.get(identity.id) ?? emailOf(identity)
  }

  /** The live identity whose principal is `principalId` (compared case-insensitively). */
  holderOf(accountId: string, principalId: string): StoredIdentity | undefined {
    for (const identity of this.store.scan(accountId, false)) {
      if (!hasPortalAccess(identity)) continue
      const id = this.principalIdOf(identity)
      if (id !== null && samePrincipal(id, principalId)) return identity
    }
    return undefined
  }

  /** The identity's principal is now called `principalId`. */
  name(accountId: string, identityId: string, principalId: string): void {
    let granted = this.#granted.get(accountId)
    if (!granted) this.#granted.set(accountId, (granted = new Map()))
    granted.set(identityId, principalId)
  }

  forget(accountId: string): void {
    this.#granted.delete(accountId)
  }
}
