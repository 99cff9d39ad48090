/**
 * The REST view of an identity (ClearID's identity model) generated from the catalogue
 * (`rest-model.ts`): top-level members, then `privateData`, `companyData`, `systemData` and
 * `userPermissions`, each member where real ClearID clients read it. `include=` adds the nested
 * objects and the members ClearID returns only on request (`ordinal`, `nationalIdentityData`).
 *
 * There is no `userName`: ClearID's REST identity has none (the SCIM `userName` stays on SCIM).
 *
 * @module
 */
import type { Identity, JsonValue, StoredIdentity } from '../../model/identity.ts'
import { membersOf, NESTED_GROUPS, type NestedGroup, type RestMember } from './rest-model.ts'

/** What `include=` can add: a nested object, or a top-level member returned only on request. */
export type Section = NestedGroup | 'ordinal' | 'nationalIdentityData'

/**
 * `include=` values (compared in lower case) and what each adds. A Map, not an object literal: a
 * sent value is looked up as is, and `constructor` or `__proto__` must not find anything.
 */
export const INCLUDE_VALUES: ReadonlyMap<string, Section> = new Map<string, Section>([
  ['privatedata', 'privateData'],
  ['companydata', 'companyData'],
  ['systemdata', 'systemData'],
  ['userpermissions', 'userPermissions'],
  ['ordinal', 'ordinal'],
  ['nationalidentitydata', 'nationalIdentityData'],
])

/** Everything: write responses, search results and webhook payloads carry it all. */
export const ALL_SECTIONS: ReadonlySet<Section> = new Set(INCLUDE_VALUES.values())

/** Top-level members that are output only; sent back by clients (PUT of a GET body), they are ignored. */
export const READ_ONLY_TOP_LEVEL: readonly string[] = [
  'identityId',
  'accountId',
  'ordinal',
  'creationDateUtc',
  'lastModificationDateUtc',
  'isDeleted',
]

/** The REST `eTag`: the same version string as the SCIM `ETag` header, so both doors agree. */
export function restETagOf(identity: StoredIdentity): string {
  return `W/"${identity.version}"`
}

export type RestIdentity = Record<string, unknown>

function valueOf(identity: StoredIdentity, member: RestMember): JsonValue {
  if (member.kind === 'attribute') return identity.attributes[member.definition.name] ?? null
  return identity.rest?.[member.name] ?? null
}

/** The include section a top-level member needs, if it is returned only on request. */
function sectionOf(member: RestMember): Section | undefined {
  if (member.kind !== 'restOnly' || member.member.include === undefined) return undefined
  return INCLUDE_VALUES.get(member.member.include)
}

/** Renders the identity; nested objects and on-request members appear only for `include`. */
export function toRestIdentity(
  identity: StoredIdentity | Identity,
  include: ReadonlySet<Section>,
): RestIdentity {
  const body: RestIdentity = {
    identityId: identity.id,
    accountId: identity.accountId,
    displayName: identity.displayName,
  }
  const onRequest: RestMember[] = []
  for (const member of membersOf('top')) {
    if (sectionOf(member)) onRequest.push(member)
    else body[member.name] = valueOf(identity, member)
  }
  body.status = identity.active ? 'Active' : 'Inactive'
  if (include.has('ordinal')) body.ordinal = identity.ordinal ?? null
  for (const group of NESTED_GROUPS) {
    if (!include.has(group)) continue
    const nested: Record<string, JsonValue> = {}
    for (const member of membersOf(group)) nested[member.name] = valueOf(identity, member)
    // Where a synchronization (a Cloud CSV configuration) wrote the identity from, and when.
    if (group === 'systemData' && identity.sync) {
      nested.externalSyncSourceId = identity.sync.sourceId
      nested.externalSyncTimeUtc = identity.sync.at
    }
    body[group] = nested
  }
  for (const member of onRequest) {
    const section = sectionOf(member)
    if (section && include.has(section)) body[member.name] = valueOf(identity, member)
  }
  body.eTag = restETagOf(identity)
  body.creationDateUtc = identity.created
  body.lastModificationDateUtc = identity.lastModified
  body.isDeleted = identity.deleted
  return body
}
