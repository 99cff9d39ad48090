/**
 * The synchronization log's query parameters and answer, and the runs, logs and credentials
 * operations, the same for every source's control plane (Cloud CSV, Graph):
 * `mock-server/sync/log-query.ts` reads the query.
 *
 * @module
 */
import { SYNC_LOG_TYPES } from '../sync/sync-log.ts'
import type { OperationSpec, ParamSpec } from './operation.ts'

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

/** How one source names itself in the shared operations. */
export interface SyncSourceOperations {
  /** `/_admin/accounts/{accountId}/csv` */
  readonly base: string
  readonly configuration: ParamSpec
  /** The schema of one run. */
  readonly run: Record<string, unknown>
  /** `Cloud CSV synchronization`, `Graph synchronization`: whose logs. */
  readonly logsOf: string
  /** `Cloud CSV`, `Graph synchronizations`: who made the credentials. */
  readonly madeBy: string
}

/**
 * Runs, logs (per configuration and per account) and credentials, without the account parameter
 * and the common answers each source's wrapper adds.
 */
export function syncRecordOperations(
  source: SyncSourceOperations,
): Omit<OperationSpec, 'tag' | 'security'>[] {
  const { base, configuration, run } = source
  const C = `${base}/configurations/{configurationId}`
  const badQuery = {
    400: { description: 'A range over a year, an unknown type or a bad parameter.' },
  }
  return [
    {
      method: 'get',
      path: `${C}/runs`,
      summary: 'List the runs (newest first)',
      params: [configuration],
      responses: { 200: { description: 'Runs.', schema: { type: 'object' } } },
    },
    {
      method: 'get',
      path: `${C}/runs/{runId}`,
      summary: 'Get a run',
      params: [configuration, { name: 'runId', in: 'path', description: 'Run id.' }],
      responses: { 200: { description: 'The run.', schema: run } },
    },
    {
      method: 'get',
      path: `${C}/logs`,
      summary: "The configuration's synchronization logs",
      params: [configuration, ...LOG_QUERY],
      responses: { 200: LOGS, ...badQuery },
    },
    {
      method: 'get',
      path: `${base}/logs`,
      summary: `The account's ${source.logsOf} logs`,
      params: LOG_QUERY,
      responses: { 200: LOGS, ...badQuery },
    },
    {
      method: 'get',
      path: `${base}/credentials`,
      summary: `Credentials ${source.madeBy} made`,
      params: [{ name: 'externalId', in: 'query', description: "Only this identity's." }],
      responses: { 200: { description: 'Credentials.', schema: { type: 'object' } } },
    },
  ]
}
