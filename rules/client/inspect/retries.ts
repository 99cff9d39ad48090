/**
 * Retries: which exchanges are attempts of the same operation, and which earlier failure a request
 * retries. A create is the same operation when it is for the same identity; anything else when it
 * has the same method, path and filter.
 *
 * @module
 */
import type { TrafficRecord } from '../client-rule.ts'
import { earlierCreates, keysOfBody, responseIdOf } from './lookups.ts'
import { isCreate, isTransientFailure, statusOf, userFilterOf, userIdOf } from './requests.ts'

const memo = new WeakMap<TrafficRecord, string>()

export function operationKey(record: TrafficRecord): string {
  let key = memo.get(record)
  if (key === undefined) {
    key = computeKey(record)
    memo.set(record, key)
  }
  return key
}

function computeKey(record: TrafficRecord): string {
  const { method, path, query } = record.request
  if (isCreate(record)) {
    const keys = keysOfBody(record)
    return `POST /Users ${keys.externalId ?? ''}|${keys.userName ?? ''}`
  }
  if (method === 'GET') return `GET ${path}?${userFilterOf(record) ?? query}`
  return `${method} ${path}`
}

/** The earlier attempt this request repeats, when that attempt failed transiently. */
export function retriedFailure(
  record: TrafficRecord,
  history: readonly TrafficRecord[],
): TrafficRecord | undefined {
  const key = operationKey(record)
  for (let i = history.length - 1; i >= 0; i--) {
    const earlier = history[i]
    if (earlier && operationKey(earlier) === key)
      return isTransientFailure(earlier) ? earlier : undefined
  }
  return undefined
}

/** The user-facing shape of an operation, ids replaced: `PATCH /Users/{id}`. */
export function operationShape(record: TrafficRecord): string {
  const path = record.request.path.replace(/^\/(Users|Groups)\/(?!\.search)[^/]+/i, '/$1/{id}')
  return `${record.request.method} ${path}`
}

/** Human label of what went wrong: `503`, `connection reset (injected)`. */
export function failureLabel(record: TrafficRecord): string {
  const status = record.response?.status
  return status === undefined ? (record.error ?? 'no answer') : String(status)
}

export interface MissedCreate {
  readonly created: TrafficRecord
  readonly id: string
  /** The read by id that answered 404 after the create. */
  readonly missed: TrafficRecord
}

/** A create of an identity this client created before and then failed to read (404) by id. */
export function createAfterMiss(
  record: TrafficRecord,
  history: readonly TrafficRecord[],
): MissedCreate | undefined {
  if (!isCreate(record)) return undefined
  const created = earlierCreates(history, keysOfBody(record)).find((r) => statusOf(r) === 201)
  const id = created === undefined ? undefined : responseIdOf(created)
  if (!created || id === undefined) return undefined
  const after = history.slice(history.indexOf(created) + 1).filter((r) => userIdOf(r) === id)
  const missed = after.find((r) => r.request.method === 'GET' && statusOf(r) === 404)
  if (!missed || after.some((r) => r.request.method === 'DELETE' && statusOf(r) === 204))
    return undefined
  return { created, id, missed }
}
