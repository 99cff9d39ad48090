/**
 * Reads a REST identity body (create, merge PATCH, replace PUT) into field changes. Member names
 * match case-insensitively (ASP.NET Core's JSON default), and so do `status` values (its enum
 * converter reads `"active"` as `Active`); `null` clears a value in a PATCH and means "absent"
 * otherwise. Every member is either stored or refused with a 400 naming it: one in the wrong object
 * is told where it belongs, an unknown one is named, ClearID's read-only `systemData` members are
 * refused, and output-only members sent back (a PUT of a GET body) are read past.
 *
 * @module
 */
import type { AttributeDefinition } from '../../model/attributes.ts'
import type { AttributeValue, JsonValue } from '../../model/identity.ts'
import { ApiError } from '../errors/api-error.ts'
import { READ_ONLY_TOP_LEVEL } from './identity-shape.ts'
import {
  findMember,
  findMemberAnywhere,
  membersOf,
  NESTED_GROUPS,
  pathOf,
  type NestedGroup,
  type RestMember,
} from './rest-model.ts'
import { describe, fieldError, isObject, readRestOnlyValue } from './rest-values.ts'

export { fieldError } from './rest-values.ts'

export interface RestChanges {
  /** Only from a control-plane seed body (`allowUserName`): ClearID's REST has no user name. */
  userName?: string | null
  displayName?: string | null
  /** `status`: true for Active. */
  active?: boolean
  /** Catalogue attribute name to its new value; `null` clears it. */
  readonly attributes: Map<string, AttributeValue | null>
  /** REST-only member name to its new value; `null` clears it. */
  readonly rest: Map<string, JsonValue | null>
  /** Groups sent as `null` (a PATCH clears every member of those groups). */
  readonly clearedGroups: NestedGroup[]
  eTag?: string
}

export interface ParseOptions {
  /**
   * Accept a top-level `userName` (the SCIM user name): control-plane seed bodies only, so seeded
   * identities can carry the user name Entra will match on. The identity service refuses it.
   */
  readonly allowUserName?: boolean
}

/** `systemData` members ClearID manages itself; writing them is refused with 400. */
export const READ_ONLY_SYSTEM_DATA: readonly string[] = [
  'resourceFilters',
  'horizonId',
  'externalSyncSourceId',
  'externalSyncTimeUtc',
]

const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()))
const GROUPS = new Map(NESTED_GROUPS.map((g) => [g.toLowerCase(), g]))
const READ_ONLY_TOP = lower(READ_ONLY_TOP_LEVEL)
const READ_ONLY_SYSTEM = new Map(READ_ONLY_SYSTEM_DATA.map((n) => [n.toLowerCase(), n]))

export function parseRestIdentity(body: unknown, options: ParseOptions = {}): RestChanges {
  if (Array.isArray(body)) {
    throw new ApiError(
      400,
      'The body is a JSON array. ClearID identity writes take a (partial) identity object with its eTag, not a JSON Patch operation list.',
    )
  }
  if (!isObject(body))
    throw new ApiError(400, 'The body must be a JSON object holding an identity.')
  const changes: RestChanges = { attributes: new Map(), rest: new Map(), clearedGroups: [] }
  for (const [key, value] of Object.entries(body)) readTopLevel(changes, key, value, options)
  return changes
}

function readTopLevel(
  changes: RestChanges,
  key: string,
  value: unknown,
  options: ParseOptions,
): void {
  const name = key.toLowerCase()
  if (READ_ONLY_TOP.has(name)) return
  if (name === 'etag') {
    if (typeof value !== 'string')
      throw fieldError('eTag', 'must be the string eTag of the identity.')
    changes.eTag = value
  } else if (name === 'displayname') {
    changes.displayName = readNullableString('displayName', value)
  } else if (name === 'username') {
    if (!options.allowUserName) {
      throw fieldError(
        key,
        "is not a member of ClearID's REST identity, which has no user name: the SCIM userName is set by SCIM (Entra). Remove it from the body.",
      )
    }
    changes.userName = readNullableString('userName', value)
  } else if (name === 'status') {
    changes.active = readStatus(value)
  } else if (GROUPS.has(name)) {
    readGroup(changes, GROUPS.get(name) as NestedGroup, value)
  } else {
    readMember(changes, findMember('top', key), key, key, value)
  }
}

function readNullableString(path: string, value: unknown): string | null {
  if (value === null || typeof value === 'string') return value
  throw fieldError(path, `must be a string or null; got ${typeof value}.`)
}

function readStatus(value: unknown): boolean | undefined {
  if (value === null) return undefined
  const status = typeof value === 'string' ? value.toLowerCase() : undefined
  if (status === 'active' || status === 'inactive') return status === 'active'
  throw fieldError('status', `must be "Active" or "Inactive"; got ${describe(value)}.`)
}

function readGroup(changes: RestChanges, group: NestedGroup, value: unknown): void {
  if (value === null) {
    changes.clearedGroups.push(group)
    return
  }
  if (!isObject(value)) throw fieldError(group, 'must be a JSON object or null.')
  for (const [key, member] of Object.entries(value)) {
    const readOnly = group === 'systemData' ? READ_ONLY_SYSTEM.get(key.toLowerCase()) : undefined
    if (readOnly) {
      throw fieldError(
        `systemData.${readOnly}`,
        'is managed by ClearID and is read-only: remove it from the body.',
      )
    }
    readMember(changes, findMember(group, key), `${group}.${key}`, key, member)
  }
}

function readMember(
  changes: RestChanges,
  member: RestMember | undefined,
  where: string,
  key: string,
  value: unknown,
): void {
  if (!member) throw unknownMember(where, key)
  const path = pathOf(member)
  if (member.kind === 'attribute') {
    const stored = readAttributeValue(member.definition, path, value)
    if (member.definition.name === 'externalId' && stored === '') {
      throw fieldError(path, 'must not be empty: leave it out (or send null) for no external id.')
    }
    changes.attributes.set(member.definition.name, stored)
  } else {
    changes.rest.set(
      member.name,
      value === null ? null : readRestOnlyValue(member.member, path, value),
    )
  }
}

function unknownMember(where: string, key: string): ApiError {
  const elsewhere = findMemberAnywhere(key)
  if (elsewhere) return fieldError(where, `belongs at ${pathOf(elsewhere)}.`)
  const group = where.includes('.') ? (where.split('.')[0] as NestedGroup) : 'top'
  const members = membersOf(group).map((m) => m.name)
  const known = group === 'top' ? ['displayName', 'status', ...members, ...NESTED_GROUPS] : members
  const place = group === 'top' ? 'at the top level' : `in ${group}`
  return fieldError(
    where,
    `is not a member of ClearID's identity ${place} that the mock knows (${known.join(', ')}); it would not be stored, so it is refused.`,
  )
}

function readAttributeValue(
  definition: AttributeDefinition,
  path: string,
  value: unknown,
): AttributeValue | null {
  if (value === null) return null
  if (definition.type === 'boolean') {
    if (typeof value === 'boolean') return value
    throw fieldError(path, `must be a JSON boolean (true or false); got ${describe(value)}.`)
  }
  if (typeof value === 'string') return value
  throw fieldError(path, `must be a string; got ${describe(value)}.`)
}
