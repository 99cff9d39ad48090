/**
 * The JSON text of SCIM Users and of a ListResponse of them, written straight from the stored
 * identities: byte for byte what `JSON.stringify` gives for `toScimUser` (a property test holds the
 * two together), without building the objects first.
 *
 * Why: rendering the answer was the largest single cost of Entra's per-user look-up, and
 * `JSON.stringify` walks a freshly built object tree key by key. Projections (`attributes`,
 * `excludedAttributes`) still go through `toScimUser` and `projectResource`.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  EXTENSION_ATTRIBUTES,
} from '../../model/attributes.ts'
import type { StoredIdentity } from '../../model/identity.ts'
import { SCIM_LIST_SCHEMA } from '../../model/scim-protocol.ts'
import { extensionNames } from './user-resource.ts'

const USER_HEAD = `{"schemas":${JSON.stringify([CORE_USER_SCHEMA, CLEARID_USER_EXTENSION])},"id":`
const EXTENSION_KEY = `,${JSON.stringify(CLEARID_USER_EXTENSION)}:{`
const LIST_HEAD = `{"schemas":${JSON.stringify([SCIM_LIST_SCHEMA])},"totalResults":`
/** `"firstName":` and so on, written once: the catalogue's names need no escaping per request. */
const EXTENSION_KEYS = new Map(
  EXTENSION_ATTRIBUTES.map((definition) => [
    definition.name,
    `${JSON.stringify(definition.name)}:`,
  ]),
)

/** What JSON.stringify escapes in a string: quote, backslash, controls, (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** A JSON string literal; the common text needs no escape, the rest JSON.stringify writes. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`
}

export function scimUserJson(identity: StoredIdentity, scimBase: string): string {
  return userJson(identity, scimBase, quote(scimBase))
}

/** `quotedBase`: `scimBase` as a JSON string, quoted once for a whole page. */
function userJson(identity: StoredIdentity, scimBase: string, quotedBase: string): string {
  const attributes = identity.attributes
  let extension = ''
  for (const name of extensionNames(attributes)) {
    const value = attributes[name]
    if (extension !== '') extension += ','
    extension += `${EXTENSION_KEYS.get(name)!}${typeof value === 'string' ? quote(value) : JSON.stringify(value)}`
  }
  const id = quote(identity.id)
  // The location is base + "/Users/" + id: plain when both parts are (the quotes just move).
  const location =
    quotedBase.length === scimBase.length + 2 && id.length === identity.id.length + 2
      ? `${quotedBase.slice(0, -1)}/Users/${identity.id}"`
      : quote(`${scimBase}/Users/${identity.id}`)
  return (
    `${USER_HEAD}${id},"userName":${quote(identity.userName)}` +
    `,"displayName":${quote(identity.displayName)},"active":${identity.active}` +
    `${EXTENSION_KEY}${extension}},"meta":{"resourceType":"User"` +
    `,"created":${quote(identity.created)},"lastModified":${quote(identity.lastModified)}` +
    `,"location":${location},"version":"W/\\"${identity.version}\\""}}`
  )
}

/** A ListResponse page of users without projection. */
export function userListJson(
  identities: readonly StoredIdentity[],
  scimBase: string,
  totalResults: number,
  startIndex: number,
): string {
  const quotedBase = quote(scimBase)
  let resources = ''
  for (const identity of identities) {
    if (resources !== '') resources += ','
    resources += userJson(identity, scimBase, quotedBase)
  }
  return (
    `${LIST_HEAD}${totalResults},"startIndex":${startIndex}` +
    `,"itemsPerPage":${identities.length},"Resources":[${resources}]}`
  )
}
