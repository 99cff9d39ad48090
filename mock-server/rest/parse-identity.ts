/**
 * Reads a REST identity body (create, merge PATCH, replace PUT) into field changes. Member names
 * match case-insensitively (ASP.NET Core's JSON default); `null` clears a value in a PATCH and means
 * "absent" otherwise. Read-only `systemData` members are refused with 400 naming the member.
 *
 * @module
 */
import { findExtensionAttribute, type AttributeDefinition } from '../../model/attributes.ts'
import type { AttributeValue } from '../../model/identity.ts'
import { ApiError } from '../errors/api-error.ts'
import type { Behaviour } from '../behaviour.ts'
import {
  attributesOf,
  READ_ONLY_SYSTEM_DATA,
  READ_ONLY_TOP_LEVEL,
  REST_GROUPS,
  restPathOf,
  type RestGroup,
} from './identity-shape.ts'

export interface RestChanges {
  userName?: string | null
  displayName?: string | null
  /** `status`: true for Active. */
  active?: boolean
  /** Catalogue attribute name to its new value; `null` clears it. */
  readonly attributes: Map<string, AttributeValue | null>
  /** Groups sent as `null` (a PATCH clears every member of those groups). */
  readonly clearedGroups: RestGroup[]
  eTag?: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function fieldError(path: string, message: string): ApiError {
  return new ApiError(400, `${path}: ${message}`, {
    errors: { [path]: [message] },
    attribute: path,
  })
}

const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()))
const GROUPS = new Map(REST_GROUPS.map((g) => [g.toLowerCase(), g]))
const READ_ONLY_TOP = lower(READ_ONLY_TOP_LEVEL)
const READ_ONLY_SYSTEM = new Map(READ_ONLY_SYSTEM_DATA.map((n) => [n.toLowerCase(), n]))

export function parseRestIdentity(body: unknown, behaviour: Behaviour): RestChanges {
  if (Array.isArray(body)) {
    throw new ApiError(
      400,
      'The body is a JSON array. ClearID identity writes take a (partial) identity object with its eTag, not a JSON Patch operation list.',
    )
  }
  if (!isObject(body))
    throw new ApiError(400, 'The body must be a JSON object holding an identity.')
  const changes: RestChanges = { attributes: new Map(), clearedGroups: [] }
  for (const [key, value] of Object.entries(body)) readTopLevel(changes, key, value, behaviour)
  return changes
}

function readTopLevel(
  changes: RestChanges,
  key: string,
  value: unknown,
  behaviour: Behaviour,
): void {
  const name = key.toLowerCase()
  if (READ_ONLY_TOP.has(name)) return
  if (name === 'etag') {
    if (typeof value !== 'string')
      throw fieldError('eTag', 'must be the string eTag of the identity.')
    changes.eTag = value
  } else if (name === 'username' || name === 'displayname') {
    const field = name === 'username' ? 'userName' : 'displayName'
    changes[field] = readString(field, value)
  } else if (name === 'status') {
    changes.active = readStatus(value)
  } else if (GROUPS.has(name)) {
    readGroup(changes, GROUPS.get(name) as RestGroup, value, behaviour)
  } else {
    readMember(changes, 'basic', key, value, behaviour)
  }
}

function readString(path: string, value: unknown): string | null {
  if (value === null || typeof value === 'string') return value
  throw fieldError(path, `must be a string or null; got ${typeof value}.`)
}

function readStatus(value: unknown): boolean | undefined {
  if (value === null) return undefined
  if (value === 'Active' || value === 'Inactive') return value === 'Active'
  throw fieldError(
    'status',
    `must be "Active" or "Inactive"; got ${JSON.stringify(value)?.slice(0, 40)}.`,
  )
}

function readGroup(
  changes: RestChanges,
  group: RestGroup,
  value: unknown,
  behaviour: Behaviour,
): void {
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
        'is managed by ClearID and is read-only: remove it from the body (custom fields are written separately).',
      )
    }
    readMember(changes, group, key, member, behaviour)
  }
}

function readMember(
  changes: RestChanges,
  group: RestGroup | 'basic',
  key: string,
  value: unknown,
  behaviour: Behaviour,
): void {
  const definition = findExtensionAttribute(key)
  const where = group === 'basic' ? key : `${group}.${key}`
  if (!definition || !attributesOf(group).includes(definition)) {
    if (definition) throw fieldError(where, `belongs at ${restPathOf(definition.name)}.`)
    if (behaviour.unknownAttributes === 'reject') {
      throw fieldError(where, 'is not a field of the ClearID identity model the mock supports.')
    }
    return
  }
  changes.attributes.set(definition.name, readValue(definition, where, value))
}

function readValue(
  definition: AttributeDefinition,
  path: string,
  value: unknown,
): AttributeValue | null {
  if (value === null) return null
  if (definition.type === 'boolean') {
    if (typeof value === 'boolean') return value
    throw fieldError(
      path,
      `must be a JSON boolean (true or false); got ${JSON.stringify(value)?.slice(0, 40)}.`,
    )
  }
  if (typeof value === 'string') return value
  throw fieldError(path, `must be a string; got ${JSON.stringify(value)?.slice(0, 40)}.`)
}
