/**
 * The synchronization log's query parameters, as the control plane reads them for every source
 * (Cloud CSV, Graph): `from`, `to`, `type`, `entity`, `errorsOnly`, `runId` and `limit`.
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError } from '../errors/api-error.ts'
import type { SyncLogQuery } from './sync-log.ts'

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}

export function readLogQuery(c: Context, configurationId?: string): SyncLogQuery {
  const q = (name: string) => c.req.query(name)
  const limit = Number(q('limit') ?? 1000)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new ApiError(400, '"limit" must be an integer 1–100000.')
  const errorsOnly = q('errorsOnly')
  if (errorsOnly !== undefined && errorsOnly !== 'true' && errorsOnly !== 'false')
    throw new ApiError(400, '"errorsOnly" is true or false.')
  return {
    limit,
    errorsOnly: errorsOnly === 'true',
    ...(configurationId !== undefined && { configurationId }),
    ...optional('runId', q('runId')),
    ...optional('from', q('from')),
    ...optional('to', q('to')),
    ...optional('type', q('type')),
    ...optional('entity', q('entity')),
  }
}
