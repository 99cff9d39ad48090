/**
 * The body of `PUT …/userPrincipals/{email}`: `{identityId, roles, principalState}`, as the
 * SailPoint connector sends it (fernando-delosrios/ClearID, src/http-client.ts
 * `assignUserPrincipal`: `{identityId, roles: [role], principalState: "Active"}`). Member names
 * and role names match case-insensitively, as ASP.NET binds them.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { fieldError, isObject, memberOf } from '../rest/rest-values.ts'
import { ACTIVE, PRINCIPAL_ROLES, type PrincipalRole } from './principal.ts'

export interface PrincipalGrant {
  readonly identityId: string
  readonly roles: PrincipalRole[]
}

export function readPrincipalGrant(body: unknown): PrincipalGrant {
  if (!isObject(body)) {
    throw new ApiError(
      400,
      'The body must be a JSON object such as {"identityId": "<guid>", "roles": ["user"], "principalState": "Active"}.',
    )
  }
  const identityId = memberOf(body, 'identityId')
  if (typeof identityId !== 'string' || identityId.trim() === '') {
    throw fieldError(
      'identityId',
      'is required: the id of the identity the portal user belongs to.',
    )
  }
  return {
    identityId,
    roles: readRoles(memberOf(body, 'roles')),
    ...checkState(memberOf(body, 'principalState')),
  }
}

function readRoles(value: unknown): PrincipalRole[] {
  const expected = `must be a non-empty array of ${PRINCIPAL_ROLES.map((r) => `"${r}"`).join(' or ')}`
  if (!Array.isArray(value) || value.length === 0) throw fieldError('roles', `${expected}.`)
  const roles = new Set<PrincipalRole>()
  for (const role of value) {
    const known = PRINCIPAL_ROLES.find(
      (r) => typeof role === 'string' && r === role.trim().toLowerCase(),
    )
    if (!known) throw fieldError('roles', `${expected}; got ${JSON.stringify(role)?.slice(0, 40)}.`)
    roles.add(known)
  }
  return [...roles]
}

/**
 * Only an active principal is modelled: portal access is the identity's two booleans, which have no
 * third state. Omitted or null means Active.
 */
function checkState(value: unknown): Record<string, never> {
  if (value === undefined || value === null) return {}
  if (typeof value === 'string' && value.toLowerCase() === ACTIVE.toLowerCase()) return {}
  throw fieldError(
    'principalState',
    `must be "${ACTIVE}" (or omitted): the mock models portal access as on or off; to remove it, DELETE the user principal.`,
  )
}
