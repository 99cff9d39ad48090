/**
 * The REST view of an identity (ClearID's nested identity model) generated from the attribute
 * catalogue: `basic` attributes sit at the top level, every other group is a nested object named
 * after the group (`companyData`, `privateData`, `systemData`, `userPermissions`). There is no
 * second list of fields: adding an attribute to the catalogue adds it here.
 *
 * @module
 */
import { EXTENSION_ATTRIBUTES, type AttributeDefinition } from '../../model/attributes.ts'
import type { Identity } from '../../model/identity.ts'

export type RestGroup = 'companyData' | 'privateData' | 'systemData' | 'userPermissions'

export const REST_GROUPS: readonly RestGroup[] = [
  'companyData',
  'privateData',
  'systemData',
  'userPermissions',
]

/** `include=` values (case-insensitive) and the nested object each one adds. */
export const INCLUDE_VALUES: Readonly<Record<string, RestGroup>> = {
  companydata: 'companyData',
  privatedata: 'privateData',
  systemdata: 'systemData',
  userpermissions: 'userPermissions',
}

/** `include=` values ClearID accepts for objects the mock does not model; accepted and ignored. */
export const IGNORED_INCLUDE_VALUES: readonly string[] = ['ordinal', 'nationalidentitydata']

/** `systemData` members ClearID manages itself; writing them is refused with 400. */
export const READ_ONLY_SYSTEM_DATA: readonly string[] = [
  'resourceFilters',
  'horizonId',
  'provisioningAttributes',
  'externalSyncSourceId',
  'externalSyncTimeUtc',
  'customFields',
]

/** Top-level members that are output only; sent back by clients (PUT of a GET body), they are ignored. */
export const READ_ONLY_TOP_LEVEL: readonly string[] = [
  'identityId',
  'creationDateUtc',
  'lastModificationDateUtc',
  'isDeleted',
]

export const ALL_GROUPS: ReadonlySet<RestGroup> = new Set(REST_GROUPS)

/** Catalogue attributes of a REST group, or of the top level for `basic`. */
export function attributesOf(group: RestGroup | 'basic'): readonly AttributeDefinition[] {
  return EXTENSION_ATTRIBUTES.filter((a) => a.group === group)
}

/** The REST JSON path of an attribute: `firstName`, `systemData.externalId`, or a core name. */
export function restPathOf(name: string): string {
  const definition = EXTENSION_ATTRIBUTES.find((a) => a.name === name)
  if (!definition || definition.group === 'basic' || definition.group === 'core') return name
  return `${definition.group}.${definition.name}`
}

/** The REST `eTag`: the same version string as the SCIM `ETag` header, so both doors agree. */
export function restETagOf(identity: Identity): string {
  return `W/"${identity.version}"`
}

export type RestIdentity = Record<string, unknown>

/** Renders the identity; nested objects appear only for the groups in `include`. */
export function toRestIdentity(identity: Identity, include: ReadonlySet<RestGroup>): RestIdentity {
  const body: RestIdentity = {
    identityId: identity.id,
    userName: identity.userName,
    displayName: identity.displayName,
  }
  for (const definition of attributesOf('basic')) {
    body[definition.name] = identity.attributes[definition.name] ?? null
  }
  body.status = identity.active ? 'Active' : 'Inactive'
  for (const group of REST_GROUPS) {
    if (!include.has(group)) continue
    const nested: Record<string, unknown> = {}
    for (const definition of attributesOf(group)) {
      nested[definition.name] = identity.attributes[definition.name] ?? null
    }
    body[group] = nested
  }
  body.eTag = restETagOf(identity)
  body.creationDateUtc = identity.created
  body.lastModificationDateUtc = identity.lastModified
  body.isDeleted = identity.deleted
  return body
}
