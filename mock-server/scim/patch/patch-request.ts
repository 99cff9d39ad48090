/**
 * Reads the PatchOp envelope (RFC 7644 §3.5.2): `schemas`, `Operations`, and each operation's `op`,
 * `path` and `value`. Member names match case-insensitively (Entra and the Microsoft SCIM Validator
 * vary the case, entra.md Q15), and so do op names (Entra's default dialect sends `Replace`, Q1).
 *
 * @module
 */
import { ApiError, badRequest } from '../../errors/api-error.ts'
import type { Behaviour } from '../../behaviour.ts'
import { SCIM_PATCH_SCHEMA } from '../../../model/scim-protocol.ts'
import { quoted, shorten } from './messages.ts'

export type PatchOpName = 'add' | 'replace' | 'remove'

export interface PatchOperation {
  /** 0-based position in `Operations`. */
  readonly index: number
  readonly op: PatchOpName
  /** Undefined when the client sent no path, `null` or an empty string. */
  readonly path?: string
  /** Undefined when the client sent no `value` member (only allowed for `remove`). */
  readonly value: unknown
}

const OP_NAMES: readonly PatchOpName[] = ['add', 'replace', 'remove']
const EXAMPLE_BODY = `{"schemas":["${SCIM_PATCH_SCHEMA}"],"Operations":[{"op":"replace","path":"displayName","value":"Ada Lovelace"}]}`

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Validates the envelope and returns the operations in request order. */
export function readPatchRequest(body: unknown, behaviour: Behaviour): PatchOperation[] {
  if (!isObject(body)) {
    throw badRequest('invalidSyntax', `A PATCH body must be a JSON object such as ${EXAMPLE_BODY}.`)
  }
  checkSchemas(member(body, 'schemas', 'The PATCH body'))
  const operations = member(body, 'Operations', 'The PATCH body')
  if (operations === undefined) {
    throw badRequest(
      'invalidSyntax',
      `The PATCH body has no "Operations" array; send the changes as ${EXAMPLE_BODY}.`,
    )
  }
  if (!Array.isArray(operations)) {
    throw badRequest(
      'invalidSyntax',
      `"Operations" must be an array of operation objects, got ${typeName(operations)}.`,
    )
  }
  if (operations.length > behaviour.maxPatchOperations) {
    throw badRequest(
      'invalidSyntax',
      `The PATCH has ${operations.length} operations; this server accepts at most ${behaviour.maxPatchOperations} in one request. Split the changes over several requests.`,
    )
  }
  return operations.map((raw: unknown, index) => readOperation(raw, index))
}

function checkSchemas(schemas: unknown): void {
  const expected = `send "schemas": ["${SCIM_PATCH_SCHEMA}"] (RFC 7644 §3.5.2)`
  if (schemas === undefined) {
    throw badRequest('invalidSyntax', `The PATCH body has no "schemas"; ${expected}.`)
  }
  if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string')) {
    throw badRequest('invalidSyntax', `"schemas" must be an array of URN strings; ${expected}.`)
  }
  const urns: readonly string[] = schemas
  if (!urns.some((urn) => urn.toLowerCase() === SCIM_PATCH_SCHEMA.toLowerCase())) {
    throw badRequest(
      'invalidSyntax',
      `"schemas" does not contain the PatchOp message URN; ${expected}. Got ${shorten(JSON.stringify(urns))}.`,
    )
  }
}

function readOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`
  if (!isObject(raw)) {
    throw badRequest(
      'invalidSyntax',
      `${where} must be an object with "op", "path" and "value", got ${typeName(raw)}.`,
    )
  }
  const op = readOpName(member(raw, 'op', where), where)
  const path = readPath(member(raw, 'path', where), where)
  const value = member(raw, 'value', where)
  if (op !== 'remove' && value === undefined) {
    throw badRequest(
      'invalidSyntax',
      `${where} is "${op}" without a "value"; add and replace must carry the value to write (RFC 7644 §3.5.2.1).`,
    )
  }
  return path === undefined ? { index, op, value } : { index, op, path, value }
}

function readOpName(op: unknown, where: string): PatchOpName {
  const valid = 'valid operations are "add", "replace" and "remove" (any case)'
  if (typeof op !== 'string') {
    throw badRequest('invalidSyntax', `${where} has no "op" string; ${valid}.`)
  }
  const name = OP_NAMES.find((candidate) => candidate === op.toLowerCase())
  if (name === undefined) {
    throw badRequest('invalidSyntax', `${where} has the op ${quoted(op)}; ${valid}.`)
  }
  return name
}

/** `null`, a missing member and an empty string all mean "no path" (RFC 7643 §2.5: null = absent). */
function readPath(path: unknown, where: string): string | undefined {
  if (path === undefined || path === null) return undefined
  if (typeof path !== 'string') {
    throw badRequest(
      'invalidPath',
      `${where}.path must be a string such as "displayName", got ${typeName(path)}.`,
    )
  }
  return path.trim() === '' ? undefined : path
}

/** Reads a member whose name matches case-insensitively; a name sent twice is ambiguous. */
function member(object: Record<string, unknown>, name: string, where: string): unknown {
  const lower = name.toLowerCase()
  const keys = Object.keys(object).filter((key) => key.toLowerCase() === lower)
  if (keys.length > 1) {
    throw badRequest(
      'invalidSyntax',
      `${where} has ${keys.map((key) => `"${key}"`).join(' and ')}; member names are case-insensitive, so send "${name}" once.`,
    )
  }
  const [key] = keys
  return key === undefined ? undefined : object[key]
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return `the string ${quoted(value)}`
  return `the ${typeof value} ${shorten(String(value))}`
}

/** Prefixes an error's detail with the operation it came from, keeping status and scimType. */
export function inOperation(operation: PatchOperation, error: ApiError): ApiError {
  const path = operation.path === undefined ? '' : ` ${quoted(operation.path)}`
  return new ApiError(
    error.status,
    `Operations[${operation.index}] (${operation.op}${path}): ${error.detail}`,
    error.options,
  )
}
