/**
 * What the client last saw of a user: the newest full representation of an id in earlier
 * responses (create, read by id, list, PUT/PATCH answers), so a PATCH answer can be compared with
 * the state before it.
 *
 * @module
 */
import type { TrafficRecord } from '../client-rule.ts'
import { isObject, queryOf, statusOf, userIdOf, type Json } from './requests.ts'

const VOLATILE = new Set(['meta', 'id', 'schemas'])

/** A comparable form of a User: every attribute but id, schemas and meta, keys sorted. */
export function userState(resource: Json): string {
  return JSON.stringify(sortKeys(resource, true))
}

function sortKeys(value: unknown, top = false): unknown {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item))
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    if (top && VOLATILE.has(key)) continue
    out[key] = sortKeys(value[key])
  }
  return out
}

const projected = (record: TrafficRecord): boolean => {
  const query = queryOf(record)
  return query.has('attributes') || query.has('excludedAttributes')
}

/** The resource with `id` this exchange shows, `undefined` if none, `null` if it changed it unseen. */
function shownIn(record: TrafficRecord, id: string): Json | null | undefined {
  const status = statusOf(record)
  const body = record.response?.body
  const { method } = record.request
  const addressed = userIdOf(record) === id
  if (
    addressed &&
    (method === 'PATCH' || method === 'PUT' || method === 'DELETE') &&
    status === 204
  ) {
    return null
  }
  if (status !== 200 && status !== 201) return undefined
  if (projected(record) || !isObject(body)) return undefined
  if (body.id === id) return body
  const resources = body.Resources
  if (!Array.isArray(resources)) return undefined
  return resources.find((r): r is Json => isObject(r) && r.id === id)
}

/** The newest representation of `id` in `history`; undefined when unknown or stale. */
export function lastSeen(history: readonly TrafficRecord[], id: string): Json | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const record = history[i]
    if (!record) continue
    const shown = shownIn(record, id)
    if (shown === null) return undefined
    if (shown !== undefined) return shown
  }
  return undefined
}
