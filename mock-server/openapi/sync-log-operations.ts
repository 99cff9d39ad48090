/**
 * The synchronization log's query parameters and answer, the same for every source's control plane
 * (Cloud CSV, Graph): `mock-server/sync/log-query.ts` reads them.
 *
 * @module
 */
import { SYNC_LOG_TYPES } from '../sync/sync-log.ts'
import type { ParamSpec } from './operation.ts'

export const LOG_QUERY: readonly ParamSpec[] = [
  {
    name: 'from',
    in: 'query',
    description: 'Earliest timestamp (ISO 8601); the range is at most a year.',
  },
  { name: 'to', in: 'query', description: 'Latest timestamp (ISO 8601).' },
  { name: 'type', in: 'query', description: 'Activity type.', schema: { enum: SYNC_LOG_TYPES } },
  {
    name: 'entity',
    in: 'query',
    description: 'Entity search (External ID, name, file, user principal name, role).',
  },
  {
    name: 'errorsOnly',
    in: 'query',
    description: 'Only show errors.',
    schema: { type: 'boolean' },
  },
  { name: 'runId', in: 'query', description: 'One run (an upload, a synchronization).' },
  { name: 'limit', in: 'query', description: 'Most entries returned (1–100000, default 1000).' },
]
export const LOGS = {
  description: 'Entries, newest first, and how many matched.',
  schema: {
    type: 'object',
    properties: { entries: { type: 'array' }, total: { type: 'integer' } },
  },
}
