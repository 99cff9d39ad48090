/**
 * The body of `PUT …/userPrincipals/{email}`: `{identityId, roles, principalState}`, as the
 * SailPoint connector sends it (fernando-delosrios/ClearID, src/http-client.ts
 * `assignUserPrincipal`: `{identityId, roles: [role], principalState: "Active"}`). Member names
 * and role names match case-insensitively, as ASP.NET binds them.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { ACTIVE, PRINCIPAL_ROLES, type PrincipalRole } from './principal.ts'

export interface PrincipalGrant {
  readonly identityId: string
  readonly roles: PrincipalRole[]
}

function invalid(field: string, message: string): ApiError {
  return new ApiError(400, `${field}: ${message}`, { errors: { [field]: [message] } })
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function member(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : body[key]
}

export function readPrincipalGrant(body: unknown): PrincipalGrant {
  if (!isObject(body)) {
    throw new ApiError(
      400,
      'The body must be a JSON object such as {"identityId": "<guid>", "roles": ["user"], "principalState": "Active"}.',
    )
  }
  const identityId = member(body, 'identityId')
  if (typeof identityId !== 'string' || identityId.trim() === '') {
    throw invalid('identityId', 'is required: the id of the identity the portal user belongs to.')
  }
  return {
    identityId,
    roles: readRoles(member(body, 'roles')),
    ...checkState(member(body, 'principalState')),
  }
}

function readRoles(value: unknown): PrincipalRole[] {
  const expected = `must be a non-empty array of ${PRINCIPAL_ROLES.map((r) => `"${r}"`).join(' or ')}`
  if (!Array.isArray(value) || value.length === 0) throw invalid('roles', `${expected}.`)
  const roles = new Set<PrincipalRole>()
  for (const role of value) {
    const known = PRINCIPAL_ROLES.find(
      (r) => typeof role === 'string' && r === role.trim().toLowerCase(),
    )
    if (!known) throw invalid('roles', `${expected}; got ${JSON.stringify(role)?.slice(0, 40)}.`)
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
  throw invalid(
    'principalState',
    `must be "${ACTIVE}" (or omitted): the mock models portal access as on or off; to remove it, DELETE the user principal.`,
  )
}
