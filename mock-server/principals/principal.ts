/**
 * ClearID's user principal (the portal login of an identity) as the principal service shows it,
 * read from the identity itself: the SCIM booleans `hasWebPortalAccess` and `isAdmin` are the one
 * state behind both doors, so a SCIM write and a principal-service write can never disagree.
 *
 * - An identity has a principal when `hasWebPortalAccess` or `isAdmin` is true: ClearID's `admin`
 *   is a portal role, so an administrator has portal access.
 * - Its roles are `["admin"]` for an administrator, `["user"]` otherwise: exactly one, as the
 *   SailPoint connector grants them (fernando-delosrios/ClearID: entitlements `[user]` and
 *   `[admin]`, each sent as `roles: [role]`), so a role read back is the role granted.
 * - Its id is the e-mail it was granted under (`PUT …/userPrincipals/{email}`), or, for access
 *   granted through SCIM, the identity's business e-mail: ClearID grants portal access by e-mail,
 *   and the connector deletes a principal at `…/userPrincipals/{principalId}` with the id it read.
 *
 * @module
 */
import type { StoredIdentity } from '../../model/identity.ts'

export type PrincipalRole = 'user' | 'admin'
export const PRINCIPAL_ROLES: readonly PrincipalRole[] = ['user', 'admin']

/** The one principal state ClearID's clients send and read. */
export const ACTIVE = 'Active'

export function hasPortalAccess(identity: StoredIdentity): boolean {
  return identity.attributes.hasWebPortalAccess === true || identity.attributes.isAdmin === true
}

export function rolesOf(identity: StoredIdentity): PrincipalRole[] {
  if (!hasPortalAccess(identity)) return []
  return identity.attributes.isAdmin === true ? ['admin'] : ['user']
}

/** The identity's business e-mail, the principal id of access granted through SCIM. */
export function emailOf(identity: StoredIdentity): string | null {
  const email = identity.attributes.email
  return typeof email === 'string' && email !== '' ? email : null
}

/** The SCIM booleans a grant of `roles` sets (none: both false, the principal is gone). */
export function accessFor(roles: readonly PrincipalRole[]): {
  hasWebPortalAccess: boolean
  isAdmin: boolean
} {
  return { hasWebPortalAccess: roles.length > 0, isAdmin: roles.includes('admin') }
}

export interface PrincipalView {
  readonly identityId: string
  /** null when the identity has no principal (or was granted access without an e-mail). */
  readonly principalId: string | null
  readonly roles: PrincipalRole[]
  readonly principalState: string | null
}

/** `GET …/identityPrincipals/{identityId}`; an identity without access gets empty values. */
export function principalView(identity: StoredIdentity, principalId: string | null): PrincipalView {
  const access = hasPortalAccess(identity)
  return {
    identityId: identity.id,
    principalId: access ? principalId : null,
    roles: rolesOf(identity),
    principalState: access ? ACTIVE : null,
  }
}

export const samePrincipal = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()
