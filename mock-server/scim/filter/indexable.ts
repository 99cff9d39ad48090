/**
 * Recognises the per-user look-ups Entra sends (`userName eq "…"`, `externalId eq "…"`, `id eq "…"`)
 * so the store can answer them from an index instead of a scan.
 *
 * @module
 */
import { CORE_USER_SCHEMA, isExtensionUrn, sameUrn } from '../../../model/attributes.ts'
import type { FilterNode } from './ast.ts'

export type IndexedAttribute = 'userName' | 'externalId' | 'id'

export interface IndexableEquality {
  readonly attribute: IndexedAttribute
  readonly value: string
}

const INDEXED: Readonly<Record<string, IndexedAttribute>> = {
  username: 'userName',
  externalid: 'externalId',
  id: 'id',
}

/**
 * A top-level `eq` with a string value on `userName`, `id` or `externalId`. `userName` and `id` may
 * carry the core User URN, `externalId` the ClearID extension URN, in any case. The index must
 * honour `caseExact`: `userName` compares case-insensitively, `id` and `externalId` exactly.
 */
export function indexableEquality(node: FilterNode): IndexableEquality | undefined {
  if (node.kind !== 'compare' || node.op !== 'eq' || typeof node.value !== 'string')
    return undefined
  const { uri, name, subAttr } = node.path
  if (subAttr !== undefined) return undefined
  const attribute = INDEXED[name.toLowerCase()]
  if (attribute === undefined) return undefined
  if (uri !== undefined) {
    const expected =
      attribute === 'externalId' ? isExtensionUrn(uri) : sameUrn(uri, CORE_USER_SCHEMA)
    if (!expected) return undefined
  }
  return { attribute, value: node.value }
}

/**
 * The same answer as `indexableEquality(parseFilter(filter))` for the plain form Entra sends on
 * every user (`externalId eq "…"`, `userName eq "…"`, `id eq "…"`: no URN, no escapes), read with
 * one regular expression instead of the parser; `undefined` for everything else, which then takes
 * the parser's road. A property test holds the two to the same answer.
 */
export function quickEquality(filter: string): IndexableEquality | undefined {
  const match = QUICK_EQUALITY.exec(filter)
  if (match === null) return undefined
  const attribute = INDEXED[match[1]!.toLowerCase()]
  return attribute === undefined ? undefined : { attribute, value: match[2]! }
}

// The JSON string without escapes or control characters; spaces as the lexer skips them.
const QUICK_EQUALITY =
  // eslint-disable-next-line no-control-regex -- control characters are what it must refuse
  /^[ \t\n\r]*(username|externalid|id)[ \t\n\r]+eq[ \t\n\r]+"([^"\\\u0000-\u001f]*)"[ \t\n\r]*$/i
