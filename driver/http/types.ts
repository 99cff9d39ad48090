/**
 * The request and answer shapes the harness speaks. Rules build `HttpRequest`s relative to the SCIM
 * base of the target; the HTTP layer adds the base URL, the key, retries, the safety guards and the
 * redacted `Exchange` every finding carries.
 *
 * @module
 */
import type { Exchange, ExchangeResponse } from '../../model/rule.ts'

/**
 * A `fetch`-compatible function: the in-process mock's `app.fetch` or the global `fetch`. The SCIM
 * client passes its timeout as `init.signal`: hand it to `fetch` as the second argument. A signal
 * given to the Request constructor instead reaches `request.signal` only until the next garbage
 * collection (nodejs/undici#3644), so the timeout could be lost.
 */
export type FetchLike = (
  request: Request,
  init?: { readonly signal: AbortSignal },
) => Promise<Response>

/**
 * Which credentials a request carries. `key`: the SCIM key of the account addressed.
 * `foreign-key`: the key of the *other* account (cross-account checks). `none`: no `Authorization`.
 */
export type AuthChoice =
  'key' | 'foreign-key' | 'none' | { readonly bearer: string } | { readonly authorization: string }

export interface HttpRequest {
  readonly method: string
  /** Path under the SCIM base with an already-encoded query: `/Users?filter=userName+eq+%22a%22`. */
  readonly path: string
  /** A JSON body; serialised with `JSON.stringify`. */
  readonly body?: unknown
  /** Exact body text, for malformed or oversized payloads. Wins over `body`. */
  readonly rawBody?: string
  /** `Content-Type` of the body; `null` sends none. Default `application/scim+json` with a body. */
  readonly contentType?: string | null
  readonly headers?: Readonly<Record<string, string>>
  readonly auth?: AuthChoice
  /** Send to the second account's SCIM base instead of the target's. */
  readonly account?: 'main' | 'other'
}

/** A response as rules read it: an `ExchangeResponse` with its raw text and redacted exchange. */
export interface HttpAnswer extends ExchangeResponse {
  /** The parsed JSON body, or `undefined` when the body is empty or not JSON. */
  readonly body: unknown
  /** The raw body text. */
  readonly text: string
  /** Time to the full answer, in milliseconds. */
  readonly durationMs: number
  /** Redacted request/response pair for findings. */
  readonly exchange: Exchange
}

/** What rules use to talk to the target. */
export interface ScimHttp {
  send(request: HttpRequest): Promise<HttpAnswer>
}
