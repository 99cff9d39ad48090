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
import type { Identity, StoredIdentity } from '../../model/identity.ts'

export type ScimUser = Record<string, unknown> & { id: string }

/** Weak ETag of an identity version; also `meta.version`. */
export function etagOf(identity: Identity): string {
  return `W/"${identity.version}"`
}

export function userLocation(scimBase: string, id: string): string {
  return `${scimBase}/Users/${id}`
}

/** Catalogue position of each extension attribute: the order they are rendered in. */
const RENDER_ORDER = new Map(
  EXTENSION_ATTRIBUTES.map((definition, index) => [definition.name, index]),
)

/** Insertion sort: an identity has a handful of attributes, and `Array.sort` allocates. */
function sortByRenderOrder(names: string[]): void {
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!
    const position = RENDER_ORDER.get(name)!
    let j = i - 1
    while (j >= 0 && RENDER_ORDER.get(names[j]!)! > position) {
      names[j + 1] = names[j]!
      j--
    }
    names[j + 1] = name
  }
}

/**
 * The names of the extension attributes an identity holds, in catalogue order. It walks the few
 * attributes an identity has rather than probing it for each of the catalogue's names: those
 * lookups were most of the cost of rendering.
 */
export function extensionNames(attributes: StoredIdentity['attributes']): string[] {
  const names: string[] = []
  let ordered = true
  let last = -1
  for (const name in attributes) {
    const position = RENDER_ORDER.get(name)
    if (position === undefined || attributes[name] === undefined) continue
    if (position < last) ordered = false
    last = position
    names.push(name)
  }
  if (!ordered) sortByRenderOrder(names)
  return names
}

function extensionOf(attributes: StoredIdentity['attributes']): Record<string, unknown> {
  const extension: Record<string, unknown> = {}
  for (const name of extensionNames(attributes)) extension[name] = attributes[name]
  return extension
}

export function toScimUser(identity: Identity, scimBase: string): ScimUser {
  const extension = extensionOf(identity.attributes)
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
