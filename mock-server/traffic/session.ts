/**
 * Recorded sessions as NDJSON: one exchange per line, secrets already redacted, with the time
 * offset of each request from the first one. Paths are relative to the account's SCIM base so a
 * session replays against any Tenant URL. Version 1; readers reject other versions by line.
 *
 * ```json
 * {"v":1,"seq":3,"offsetMs":1520.4,"durationMs":2.1,"accountId":"demo","request":{"method":"POST","path":"/Users","query":"","headers":{…},"body":{…}},"response":{"status":201,…},"auth":"sent"}
 * ```
 *
 * @module
 */
import type { RequestWarning } from '../scim/warnings.ts'
import type { RecordedRequest, TrafficRecord } from './record.ts'

export const SESSION_VERSION = 1

/**
 * A `TrafficRecord` as one session line. It differs where a file must: no URL (the request keeps
 * its path and query, so a session replays against any Tenant URL), `offsetMs` from the session's
 * first request instead of the log's clock, a format version, and no empty `warnings`.
 */
export interface SessionExchange extends Omit<TrafficRecord, 't' | 'request' | 'warnings'> {
  readonly v: typeof SESSION_VERSION
  /** Milliseconds from the first request of the session. */
  readonly offsetMs: number
  readonly request: Omit<RecordedRequest, 'url'>
  readonly warnings?: readonly RequestWarning[]
}

export class SessionFormatError extends Error {
  override readonly name = 'SessionFormatError'
}

export function toSessionExchange(record: TrafficRecord, origin: number): SessionExchange {
  const { request, response } = record
  return {
    v: SESSION_VERSION,
    seq: record.seq,
    offsetMs: Math.round((record.t - origin) * 10) / 10,
    durationMs: record.durationMs,
    at: record.at,
    accountId: record.accountId,
    request: {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      ...(request.body !== undefined && { body: request.body }),
      ...(request.bodyCut && { bodyCut: true }),
    },
    ...(response && {
      response: {
        status: response.status,
        headers: response.headers,
        ...(response.body !== undefined && { body: response.body }),
        ...(response.bodyCut && { bodyCut: true }),
      },
    }),
    ...(record.error !== undefined && { error: record.error }),
    auth: record.auth,
    ...(record.warnings.length > 0 && { warnings: record.warnings }),
    ...(record.rejection && { rejection: record.rejection }),
    ...(record.fault && { fault: record.fault }),
  }
}

/** NDJSON of the records, oldest first, offsets from `origin` (default: the first record). */
export function toNdjson(records: readonly TrafficRecord[], origin = records[0]?.t ?? 0): string {
  return records.map((record) => `${JSON.stringify(toSessionExchange(record, origin))}\n`).join('')
}

/** Reads NDJSON; blank lines are skipped. Throws `SessionFormatError` naming the line. */
export function parseSession(text: string): SessionExchange[] {
  const out: SessionExchange[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      throw new SessionFormatError(`Line ${index + 1} is not JSON.`)
    }
    const problem = problemOf(value)
    if (problem) throw new SessionFormatError(`Line ${index + 1}: ${problem}`)
    out.push(value as SessionExchange)
  })
  return out
}

function problemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object.'
  const line = value as Record<string, unknown>
  if (line.v !== SESSION_VERSION)
    return `unsupported version ${JSON.stringify(line.v)} (expected ${SESSION_VERSION}).`
  const request = line.request as Record<string, unknown> | undefined
  if (typeof request !== 'object' || request === null) return 'no "request" object.'
  if (
    typeof request.method !== 'string' ||
    typeof request.path !== 'string' ||
    !request.path.startsWith('/')
  ) {
    return '"request" needs a method and a path starting with "/".'
  }
  const response = line.response as Record<string, unknown> | undefined
  if (response !== undefined && typeof response.status !== 'number')
    return '"response.status" must be a number.'
  if (typeof line.offsetMs !== 'number') return '"offsetMs" must be a number.'
  return undefined
}

/**
 * Records back from a session, so a saved session can be audited offline with the same rules
 * (`t` is the offset; request URLs are rebuilt under `base`).
 */
export function recordsFromSession(
  exchanges: readonly SessionExchange[],
  base = 'http://recorded',
): TrafficRecord[] {
  return exchanges.map((e) => ({
    seq: e.seq,
    accountId: e.accountId,
    at: e.at,
    t: e.offsetMs,
    durationMs: e.durationMs,
    request: {
      ...e.request,
      url: `${base}/scim/v2/accounts/${e.accountId}${e.request.path}${e.request.query ? `?${e.request.query}` : ''}`,
    },
    ...(e.response && { response: e.response }),
    ...(e.error !== undefined && { error: e.error }),
    auth: e.auth,
    warnings: e.warnings ?? [],
    ...(e.rejection && { rejection: e.rejection }),
    ...(e.fault && { fault: e.fault }),
  }))
}
