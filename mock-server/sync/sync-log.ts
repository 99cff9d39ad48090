/**
 * Synchronization logs (Cloud CSV, Entra ID over Graph), as the portal shows them: per entry a
 * timestamp, an activity type from ClearID's documented vocabulary, the entity, and its errors;
 * filtered by a date range (at most a year), type, entity and "only show errors". Each run (a CSV
 * upload, a Graph synchronization) has `Extraction` entries for what was read, one entry per
 * identity, credential, role membership or supervisor with its outcome, and a `Synchronization`
 * summary. Entries are kept per account and source up to a bound, oldest dropped first.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'

/** The documented log types (ClearID's synchronization logs). */
export const SYNC_LOG_TYPES = [
  'Create identity',
  'Update identity',
  'Add member to role',
  'Remove member from role',
  'Create portal user',
  'Update portal user',
  'Delete portal user',
  'Create credential',
  'Update credential',
  'Delete credential',
  'Update supervisor',
  'Synchronization',
  'Extraction',
] as const
export type SyncLogType = (typeof SYNC_LOG_TYPES)[number]

/** What became of the entity: `failed` entries are the errors "Only show errors" keeps. */
export type SyncOutcome = 'succeeded' | 'failed' | 'unchanged' | 'deactivated' | 'deleted'

export interface SyncLogEntry {
  readonly id: number
  readonly runId: string
  readonly configurationId: string
  readonly timestamp: string
  readonly type: SyncLogType
  /** The identity (External ID and name), credential, role, file or source the entry is about. */
  readonly entity: string
  readonly outcome: SyncOutcome
  readonly message: string
  /** Cloud CSV: the file. */
  readonly file?: string
  /** Cloud CSV: the row of the file (the header is row 1). */
  readonly row?: number
  /** Graph: the user or group the entry is about (its object id). */
  readonly objectId?: string
  readonly identityId?: string
  readonly errors?: readonly string[]
}

export interface SyncLogQuery {
  readonly configurationId?: string
  readonly runId?: string
  readonly from?: string
  readonly to?: string
  readonly type?: string
  readonly entity?: string
  readonly errorsOnly?: boolean
  readonly limit: number
}

/** Entries kept per account (a 100,000-row upload keeps its last ones). */
export const SYNC_LOG_LIMIT = 200_000
const YEAR_MS = 366 * 24 * 3600 * 1000

export class SyncLog {
  readonly #entries: SyncLogEntry[] = []
  #next = 1

  add(entry: Omit<SyncLogEntry, 'id'>): void {
    this.#entries.push({ id: this.#next++, ...entry })
    if (this.#entries.length > SYNC_LOG_LIMIT)
      this.#entries.splice(0, this.#entries.length - SYNC_LOG_LIMIT)
  }

  /** Newest first. A range over a year is refused, as the portal refuses it. */
  query(query: SyncLogQuery): { entries: SyncLogEntry[]; total: number } {
    const from = query.from === undefined ? undefined : parseTime('from', query.from)
    const to = query.to === undefined ? undefined : parseTime('to', query.to)
    if (from !== undefined && to !== undefined) {
      if (to < from)
        throw new ApiError(400, '"to" is before "from": give a range that ends after it starts.')
      if (to - from > YEAR_MS)
        throw new ApiError(
          400,
          'The log date range is at most one year (as in the ClearID portal): narrow "from" and "to".',
        )
    }
    const type = query.type?.toLowerCase()
    if (type !== undefined && !SYNC_LOG_TYPES.some((t) => t.toLowerCase() === type))
      throw new ApiError(
        400,
        `Unknown log type "${query.type?.slice(0, 40)}": one of ${SYNC_LOG_TYPES.join(', ')}.`,
      )
    const entity = query.entity?.toLowerCase()
    const matches = this.#entries.filter((e) => {
      const at = Date.parse(e.timestamp)
      return (
        (query.configurationId === undefined || e.configurationId === query.configurationId) &&
        (query.runId === undefined || e.runId === query.runId) &&
        (from === undefined || at >= from) &&
        (to === undefined || at <= to) &&
        (type === undefined || e.type.toLowerCase() === type) &&
        (entity === undefined || e.entity.toLowerCase().includes(entity)) &&
        (!query.errorsOnly || e.outcome === 'failed')
      )
    })
    return { entries: matches.reverse().slice(0, query.limit), total: matches.length }
  }
}

function parseTime(name: string, value: string): number {
  const ms = Date.parse(value)
  if (Number.isNaN(ms))
    throw new ApiError(
      400,
      `"${name}" must be an ISO 8601 date or date-time, got "${value.slice(0, 40)}".`,
    )
  return ms
}
