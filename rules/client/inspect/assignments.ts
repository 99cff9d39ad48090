/**
 * Every attribute value a request sets, whatever its shape: a POST/PUT User body (core keys, the
 * extension object, flattened `urn:…:attr` keys) or PATCH operations (with a path, or path-less
 * value objects whose keys are paths). The attribute rules judge this one list. Memoised per record.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  isExtensionUrn,
  sameUrn,
} from '../../../model/attributes.ts'
import type { TrafficRecord } from '../client-rule.ts'
import { isCreate, isObject, isReplace, isUserPatch } from './requests.ts'

export type AssignmentSchema = 'core' | 'extension' | 'other'

export interface Assignment {
  readonly schema: AssignmentSchema
  /** Attribute name as written, without the URN (`hasExtendedTime`, `name.givenName`). */
  readonly name: string
  /** The path or key exactly as sent. */
  readonly path: string
  readonly value: unknown
  /** PATCH op as sent (`Replace`); absent for POST/PUT bodies. */
  readonly op?: string
  /** The path filters a multi-valued attribute (`emails[type eq "work"].value`). */
  readonly filtered: boolean
}

const memo = new WeakMap<TrafficRecord, readonly Assignment[]>()

export function assignmentsOf(record: TrafficRecord): readonly Assignment[] {
  let found = memo.get(record)
  if (!found) {
    found = compute(record)
    memo.set(record, found)
  }
  return found
}

function compute(record: TrafficRecord): readonly Assignment[] {
  const body = record.request.body
  if (!isObject(body)) return []
  if (isCreate(record) || isReplace(record)) return bodyAssignments(body)
  if (isUserPatch(record)) return patchAssignments(body)
  return []
}

/** A User body: its top-level keys, the extension object expanded. */
export function bodyAssignments(body: Readonly<Record<string, unknown>>): Assignment[] {
  const out: Assignment[] = []
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') continue
    if (isExtensionUrn(key) && isObject(value)) {
      for (const [name, inner] of Object.entries(value)) {
        out.push({
          schema: 'extension',
          name,
          path: `${key}:${name}`,
          value: inner,
          filtered: false,
        })
      }
      continue
    }
    out.push({ ...classifyPath(key), value })
  }
  return out
}

function patchAssignments(body: Readonly<Record<string, unknown>>): Assignment[] {
  const operations = operationsOf(body)
  const out: Assignment[] = []
  for (const operation of operations) {
    const op = typeof operation.op === 'string' ? operation.op : ''
    if (typeof operation.path === 'string' && operation.path !== '') {
      out.push({ ...classifyPath(operation.path), value: operation.value, op })
    } else if (isObject(operation.value)) {
      for (const assignment of bodyAssignments(operation.value)) out.push({ ...assignment, op })
    }
  }
  return out
}

/** The `Operations` array, read case-insensitively; objects only. */
export function operationsOf(body: unknown): Readonly<Record<string, unknown>>[] {
  if (!isObject(body)) return []
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations')
  const list = key === undefined ? undefined : body[key]
  return Array.isArray(list) ? list.filter(isObject).map(lowerKeys) : []
}

function lowerKeys(operation: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(operation)) out[key.toLowerCase()] = value
  return out
}

/** `urn:…:clearid:2.0:User:firstName` → extension `firstName`; `emails[type eq "w"]` → filtered. */
export function classifyPath(path: string): Omit<Assignment, 'value' | 'op'> {
  const filtered = path.includes('[')
  for (const [urn, schema] of [
    [CLEARID_USER_EXTENSION, 'extension'],
    [CORE_USER_SCHEMA, 'core'],
  ] as const) {
    if (path.length > urn.length && sameUrn(path.slice(0, urn.length + 1), `${urn}:`)) {
      return { schema, name: path.slice(urn.length + 1), path, filtered }
    }
  }
  if (path.toLowerCase().startsWith('urn:')) {
    const at = path.lastIndexOf(':')
    return { schema: 'other', name: path.slice(at + 1), path, filtered }
  }
  return { schema: 'core', name: path, path, filtered }
}

/** Same attribute name, case-insensitively (RFC 7643 §2.1). */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()
