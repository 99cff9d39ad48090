/**
 * One exchange the mock received, as the traffic log keeps it and the client rules judge it.
 * Secrets are gone before an exchange is stored: secret-named headers and query parameters are
 * redacted, and the bearer value of the request is scrubbed from the URL and bodies. Bodies are
 * kept as (cut) text and parsed on first read, and header lists become records on first read, so
 * recording stays cheap on the request path (`captured-exchange.ts`, `packed-ring.ts`).
 *
 * @module
 */
import type { Exchange, ExchangeRequest, ExchangeResponse } from '../../model/rule.ts'
import type { InjectedFault } from '../faults/fault-step.ts'
import type { RequestWarning } from '../scim/warnings.ts'

/** `url`: as received, secret query parameters redacted; `body` cut to the log's body limit. */
export interface RecordedRequest extends ExchangeRequest {
  /** Path under the account's SCIM base: `/Users/123`. */
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
