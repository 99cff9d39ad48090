/**
 * The per-webhook delivery log: one row per callback attempt (ClearID's columns: callback date,
 * URL, response), newest first, queried by a date range of at most one year. Bounded per webhook.
 *
 * @module
 */
import { invalid } from './webhook-config.ts'

export interface DeliveryLogEntry {
  readonly callbackDateUtc: string
  readonly url: string
  /** .NET `HttpStatusCode` name, `RequestTimeout`, or an `HttpRequestError` name. */
  readonly response: string
  /** HTTP status when a response arrived, else null. */
  readonly statusCode: number | null
  readonly attempt: number
  readonly eventId: string
  readonly eventType: string
  /** The identity the event is about; for an identity request, the identity it created, or null. */
  readonly identityId: string | null
  /** Only on identity request events: the request the event is about. */
  readonly identityRequestId?: string
  readonly durationMs: number
}

export const MAX_LOG_RANGE_DAYS = 366
const DAY_MS = 24 * 3600 * 1000
export const LOG_LIMIT_PER_WEBHOOK = 1000

export interface LogRange {
  readonly from: Date
  readonly to: Date
}

function parseDate(field: string, value: string): Date {
  const date = new Date(value)
  if (Number.isNaN(date.getTime()))
    throw invalid(field, `"${value.slice(0, 40)}" is not an ISO 8601 date.`)
  return date
}

/** `from`/`to` query values to a range; default: the year up to now. Over 366 days: 400. */
export function logRange(from: string | undefined, to: string | undefined, now: Date): LogRange {
  const end = to ? parseDate('to', to) : now
  const start = from
    ? parseDate('from', from)
    : new Date(end.getTime() - MAX_LOG_RANGE_DAYS * DAY_MS)
  if (start > end) throw invalid('from', 'must not be after "to".')
  if (end.getTime() - start.getTime() > MAX_LOG_RANGE_DAYS * DAY_MS) {
    throw invalid('to', `the date range may span at most one year (${MAX_LOG_RANGE_DAYS} days).`)
  }
  return { from: start, to: end }
}

export class DeliveryLog {
  readonly #entries = new Map<string, DeliveryLogEntry[]>()
  readonly #first = new Map<string, string>()

  add(webhookId: string, entry: DeliveryLogEntry): void {
    if (!this.#first.has(webhookId)) this.#first.set(webhookId, entry.callbackDateUtc)
    let list = this.#entries.get(webhookId)
    if (!list) this.#entries.set(webhookId, (list = []))
    list.push(entry)
    if (list.length > LOG_LIMIT_PER_WEBHOOK) list.splice(0, list.length - LOG_LIMIT_PER_WEBHOOK)
  }

  /** Entries in the range, newest first. */
  query(webhookId: string, range: LogRange): DeliveryLogEntry[] {
    const list = this.#entries.get(webhookId) ?? []
    // Attempts are logged when they end; order by when they started, later-logged first on ties.
    return list
      .map((entry, index) => ({ entry, index, at: new Date(entry.callbackDateUtc) }))
      .filter(({ at }) => at >= range.from && at <= range.to)
      .sort((a, b) => b.at.getTime() - a.at.getTime() || b.index - a.index)
      .map(({ entry }) => entry)
  }

  /** Date of the first callback, or null before any (ClearID shows logs only after it). */
  firstCallback(webhookId: string): string | null {
    return this.#first.get(webhookId) ?? null
  }

  forget(webhookId: string): void {
    this.#entries.delete(webhookId)
    this.#first.delete(webhookId)
  }
}
