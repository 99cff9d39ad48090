/**
 * Renders a stored identity as a SCIM User (RFC 7643 §4.1 plus the ClearID extension). Values come
 * back exactly as stored, booleans as JSON booleans, names with the catalogue's spelling.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  EXTENSION_ATTRIBUTES,
} from '../../model/attributes.ts'
import type { Identity } from '../../model/identity.ts'

export type ScimUser = Record<string, unknown> & { id: string }

/** Weak ETag of an identity version; also `meta.version`. */
export function etagOf(identity: Identity): string {
  return `W/"${identity.version}"`
}

export function userLocation(scimBase: string, id: string): string {
  return `${scimBase}/Users/${id}`
}

export function toScimUser(identity: Identity, scimBase: string): ScimUser {
  const extension: Record<string, unknown> = {}
  for (const definition of EXTENSION_ATTRIBUTES) {
    const value = identity.attributes[definition.name]
    if (value !== undefined) extension[definition.name] = value
  }
  return {
    schemas: [CORE_USER_SCHEMA, CLEARID_USER_EXTENSION],
    id: identity.id,
    userName: identity.userName,
    displayName: identity.displayName,
    active: identity.active,
    [CLEARID_USER_EXTENSION]: extension,
    meta: {
      resourceType: 'User',
      created: identity.created,
      lastModified: identity.lastModified,
      location: userLocation(scimBase, identity.id),
      version: etagOf(identity),
    },
  }
}
