/**
 * Reads the value of a REST-only member (`model/rest-members.ts`) from a request body: checks it
 * against its kind and returns what is stored, or throws a 400 naming the member. Lists are checked
 * item by item, and an unknown member inside an item is refused like one anywhere else, so nothing a
 * client sends is dropped while the write answers 200. The small readers here (`fieldError`,
 * `isObject`, `memberOf`) serve every REST body of the mock: identities, searches, teams, principals.
 *
 * @module
 */
import type { JsonValue } from '../../model/identity.ts'
import type { RestOnlyMember } from '../../model/rest-members.ts'
import { ApiError } from '../errors/api-error.ts'

export function fieldError(path: string, message: string): ApiError {
  return new ApiError(400, `${path}: ${message}`, {
    errors: { [path]: [message] },
    attribute: path,
  })
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A body member by name in any case, as ASP.NET binds JSON members (`{"Skip": 0}` is `skip`); sent
 * twice in different cases, the last one counts, as it does there. Undefined when absent.
 */
export function memberOf(body: Readonly<Record<string, unknown>>, name: string): unknown {
  const wanted = name.toLowerCase()
  const key = Object.keys(body).findLast((k) => k.toLowerCase() === wanted)
  return key === undefined ? undefined : body[key]
}

export const describe = (value: unknown): string =>
  value === undefined ? 'nothing' : (JSON.stringify(value)?.slice(0, 40) ?? typeof value)

/** ISO 8601: a date, or a date and time with an optional fraction and offset. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/

/** A value of a REST-only member; `null` is handled by the caller (clear or absent). */
export function readRestOnlyValue(member: RestOnlyMember, path: string, value: unknown): JsonValue {
  switch (member.kind) {
    case 'string':
      return readString(path, value)
    case 'date':
    case 'dateTime':
      return readDate(path, value)
    case 'approvers':
      return readList(path, value, { approverId: 'required' })
    case 'provisioningAttributes':
      return readList(path, value, { name: 'required' })
    case 'customFields':
      return readList(path, value, {
        customFieldType: 'optional',
        customFieldName: 'required',
        customFieldValue: 'optional',
      })
    case 'opaqueObject':
      if (!isObject(value)) throw fieldError(path, `must be a JSON object; got ${describe(value)}.`)
      return value as JsonValue
    case 'opaque':
      return value as JsonValue
  }
}

function readString(path: string, value: unknown): string {
  if (typeof value === 'string') return value
  throw fieldError(path, `must be a string; got ${describe(value)}.`)
}

function readDate(path: string, value: unknown): string {
  const text = readString(path, value)
  if (ISO_DATE.test(text) && !Number.isNaN(Date.parse(text))) return text
  throw fieldError(
    path,
    `must be an ISO 8601 date or date-time such as "2026-01-31" or "2026-01-31T08:00:00Z"; got ${describe(value)}.`,
  )
}

type ItemShape = Readonly<Record<string, 'required' | 'optional'>>

/**
 * A list of objects whose members are strings. Member names match in any case (as ASP.NET binds)
 * and are stored in the catalogue spelling; optional members absent are stored as null, so every
 * item reads back with the same members.
 */
function readList(path: string, value: unknown, shape: ItemShape): JsonValue[] {
  if (!Array.isArray(value)) {
    throw fieldError(path, `must be a JSON array of objects; got ${describe(value)}.`)
  }
  const names = new Map(Object.keys(shape).map((name) => [name.toLowerCase(), name]))
  return value.map((item, index) => {
    const where = `${path}[${index}]`
    if (!isObject(item)) throw fieldError(where, `must be a JSON object; got ${describe(item)}.`)
    const stored: Record<string, JsonValue> = {}
    for (const [key, member] of Object.entries(item)) {
      const name = names.get(key.toLowerCase())
      if (!name) {
        throw fieldError(
          `${where}.${key}`,
          `is not a member of this item: use ${Object.keys(shape).join(', ')}.`,
        )
      }
      if (member !== null && typeof member !== 'string') {
        throw fieldError(`${where}.${name}`, `must be a string; got ${describe(member)}.`)
      }
      stored[name] = member
    }
    for (const [name, presence] of Object.entries(shape)) {
      const given = stored[name]
      if (presence === 'required' && (typeof given !== 'string' || given.trim() === '')) {
        throw fieldError(`${where}.${name}`, 'is required (a non-empty string).')
      }
      stored[name] = given ?? null
    }
    return stored
  })
}
