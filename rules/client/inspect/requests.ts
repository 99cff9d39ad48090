/**
 * What kind of SCIM request an exchange is, read from its method, path and query: the helpers every
 * client rule shares, so "a create", "a lookup" and "a transient failure" mean the same everywhere.
 *
 * @module
 */
import type { TrafficRecord } from '../client-rule.ts'

export type Json = Readonly<Record<string, unknown>>

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const USERS = /^\/Users\/?$/i
const USER_BY_ID = /^\/Users\/([^/]+)\/?$/i
const GROUPS = /^\/Groups(?:\/.*)?$/i

export const isUsersCollection = (record: TrafficRecord): boolean => USERS.test(record.request.path)

export function userIdOf(record: TrafficRecord): string | undefined {
  const id = USER_BY_ID.exec(record.request.path)?.[1]
  if (id === undefined || id.toLowerCase() === '.search') return undefined
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}

export const isGroupsPath = (record: TrafficRecord): boolean => GROUPS.test(record.request.path)

export const isCreate = (record: TrafficRecord): boolean =>
  record.request.method === 'POST' && isUsersCollection(record)

export const isReplace = (record: TrafficRecord): boolean =>
  record.request.method === 'PUT' && userIdOf(record) !== undefined

export const isUserPatch = (record: TrafficRecord): boolean =>
  record.request.method === 'PATCH' && userIdOf(record) !== undefined

export const statusOf = (record: TrafficRecord): number | undefined => record.response?.status

/** Form-decoded query parameters (`+` is a space), as the mock reads them. */
export function queryOf(record: TrafficRecord): URLSearchParams {
  return new URLSearchParams(record.request.query)
}

/** The `filter` of a Users list (`GET /Users?filter=`) or search (`POST /Users/.search`). */
export function userFilterOf(record: TrafficRecord): string | undefined {
  const { method, path, body } = record.request
  if (method === 'GET' && USERS.test(path)) return queryOf(record).get('filter') ?? undefined
  if (method === 'POST' && /^\/Users\/\.search$/i.test(path) && isObject(body)) {
    return typeof body.filter === 'string' ? body.filter : undefined
  }
  return undefined
}

/** 429, 5xx or no answer at all: failures a client should retry later. */
export function isTransientFailure(record: TrafficRecord): boolean {
  const status = statusOf(record)
  if (status === undefined) return record.error !== undefined
  return status === 429 || (status >= 500 && status !== 501)
}

export const endOf = (record: TrafficRecord): number => record.t + record.durationMs

/** `Retry-After` in milliseconds, when the response asked for a pause. */
export function retryAfterMs(record: TrafficRecord): number | undefined {
  const value = record.response?.headers['retry-after']
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.parse(record.at))
}

/** `GET /Users?filter=…` shown the way a person reads it: the filter decoded. */
export function describeRequest(record: TrafficRecord): string {
  const { method, path } = record.request
  const filter = method === 'GET' ? queryOf(record).get('filter') : null
  return filter === null ? `${method} ${path}` : `${method} ${path}?filter=${filter}`
}
