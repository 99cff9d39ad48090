/**
 * Who a request is about: the userName and externalId a create carries, the values a lookup filter
 * asks for, and the identity ids the server assigned. Used to tell "looked up before creating" and
 * "retried the same create" apart from unrelated traffic.
 *
 * @module
 */
import { parseFilter, type FilterNode } from '../../../mock-server/scim/filter/index.ts'
import type { TrafficRecord } from '../client-rule.ts'
import { assignmentsOf, sameName } from './assignments.ts'
import { isCreate, isObject, userFilterOf } from './requests.ts'

export interface IdentityKeys {
  /** Lower-cased: userName matches case-insensitively. */
  readonly userName?: string
  readonly externalId?: string
}

/** userName and extension externalId of a create or replace body. */
export function keysOfBody(record: TrafficRecord): IdentityKeys {
  let userName: string | undefined
  let externalId: string | undefined
  for (const a of assignmentsOf(record)) {
    if (typeof a.value !== 'string') continue
    if (a.schema === 'core' && sameName(a.name, 'userName')) userName = a.value.toLowerCase()
    if (a.schema === 'extension' && sameName(a.name, 'externalId')) externalId = a.value
  }
  return {
    ...(userName !== undefined && { userName }),
    ...(externalId !== undefined && { externalId }),
  }
}

export interface LookupValues {
  readonly userNames: ReadonlySet<string>
  readonly externalIds: ReadonlySet<string>
}

const lookupMemo = new WeakMap<TrafficRecord, LookupValues | null>()

/** The userName/externalId values an `eq` lookup asks for (any eq in the filter counts). */
export function lookupValuesOf(record: TrafficRecord): LookupValues | undefined {
  if (lookupMemo.has(record)) return lookupMemo.get(record) ?? undefined
  const filter = userFilterOf(record)
  const node = filter === undefined ? undefined : tryParse(filter)
  const found = node ? collect(node) : undefined
  lookupMemo.set(record, found ?? null)
  return found
}

export function tryParse(filter: string): FilterNode | undefined {
  try {
    return parseFilter(filter, { lenientBareValues: true })
  } catch {
    return undefined
  }
}

function collect(node: FilterNode): LookupValues | undefined {
  const userNames = new Set<string>()
  const externalIds = new Set<string>()
  const visit = (n: FilterNode): void => {
    if (n.kind === 'and' || n.kind === 'or') {
      visit(n.left)
      visit(n.right)
    } else if (n.kind === 'compare' && n.op === 'eq' && typeof n.value === 'string') {
      if (sameName(n.path.name, 'userName')) userNames.add(n.value.toLowerCase())
      if (sameName(n.path.name, 'externalId')) externalIds.add(n.value)
    }
  }
  visit(node)
  return userNames.size + externalIds.size > 0 ? { userNames, externalIds } : undefined
}

/** True when `lookup` asked for the identity described by `keys`. */
export function lookupFinds(lookup: TrafficRecord, keys: IdentityKeys): boolean {
  const values = lookupValuesOf(lookup)
  if (!values) return false
  return (
    (keys.userName !== undefined && values.userNames.has(keys.userName)) ||
    (keys.externalId !== undefined && values.externalIds.has(keys.externalId))
  )
}

export function sameIdentity(a: IdentityKeys, b: IdentityKeys): boolean {
  return (
    (a.userName !== undefined && a.userName === b.userName) ||
    (a.externalId !== undefined && a.externalId === b.externalId)
  )
}

/** Creates of the same identity earlier in the history, newest first. */
export function earlierCreates(
  history: readonly TrafficRecord[],
  keys: IdentityKeys,
): TrafficRecord[] {
  return history.filter((r) => isCreate(r) && sameIdentity(keysOfBody(r), keys)).reverse()
}

/** The id in a response body (a created or read User). */
export function responseIdOf(record: TrafficRecord): string | undefined {
  const body = record.response?.body
  return isObject(body) && typeof body.id === 'string' ? body.id : undefined
}
