/**
 * One exchange the mock received, as the traffic log hands it out and the client rules judge it.
 * Secrets are gone from every record a reader gets: secret-named headers and query parameters are
 * redacted, the bearer values of the request are scrubbed from the URL and bodies, and the secrets in
 * play (the mock's keys, client secrets and tokens, `model/secret-values.ts`) are removed from every
 * field, wherever the client put them (a path, an `X-Debug` header, a body). Bodies are
 * kept as (cut) text and parsed on first read, and header lists become records on first read, so
 * recording stays cheap on the request path (`captured-exchange.ts`, `packed-ring.ts`).
 *
 * @module
 */
import type { Exchange, ExchangeRequest, ExchangeResponse } from '../../model/rule.ts'
import type { InjectedFault } from '../faults/fault-step.ts'
import type { RequestWarning } from '../scim/warnings.ts'

/**
 * `url`: as received, secret query parameters and the secrets in play redacted; `headers`:
 * lower-case names, secret-named values redacted, the secrets in play removed from the rest;
 * `body`: parsed JSON, its text when not JSON, or a note when too large, cut to the log's limit.
 */
export interface RecordedRequest extends ExchangeRequest {
  /** Path under the account's SCIM base: `/Users/123`; the secrets in play redacted. */
  readonly path: string
  /** The raw query string without `?` (form-encoded as the client sent it); '' when none. */
  readonly query: string
  /** True when the body text was cut (over the log's body limit). */
  readonly bodyCut?: boolean
}

export interface RecordedResponse extends ExchangeResponse {
  readonly bodyCut?: boolean
}

/** Why the mock refused a request, when it threw an `ApiError`. */
export interface Rejection {
  readonly scimType?: string
  readonly attribute?: string
}

/** `none`: no Authorization header; `sent`: one was sent and not refused; `rejected`: 401. */
export type AuthState = 'none' | 'sent' | 'rejected'

/** An `Exchange` as the mock recorded it, with what the client rules and the session need. */
export interface TrafficRecord extends Exchange {
  /** 1-based, per account; keeps counting after the log is cleared. */
  readonly seq: number
  readonly accountId: string
  /** Wall-clock start (the app's clock), ISO 8601. */
  readonly at: string
  /** Monotonic start in milliseconds (the log's time source), for gaps between requests. */
  readonly t: number
  /** Until the response headers were ready. */
  readonly durationMs: number
  readonly request: RecordedRequest
  /** Absent when no response was sent (an injected reset or timeout). */
  readonly response?: RecordedResponse
  /** `connection reset`, `timeout`: why there was no response. */
  readonly error?: string
  readonly auth: AuthState
  readonly warnings: readonly RequestWarning[]
  readonly rejection?: Rejection
  readonly fault?: InjectedFault
}
