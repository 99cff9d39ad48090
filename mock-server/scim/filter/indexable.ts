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
