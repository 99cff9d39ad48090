/**
 * A request as the REST rules and the token source build it: which service, which path under it,
 * which body and which credential. The REST client (`rest-http.ts`) adds the base URL, the guards
 * and the redaction.
 *
 * @module
 */
import type { RestService } from './rest-endpoints.ts'

/** Which credential a request carries. `token`: an access token of the run's API integration. */
export type RestAuth =
  'token' | 'admin' | 'none' | { readonly bearer: string } | { readonly authorization: string }

export interface RestRequest {
  readonly service: RestService
  readonly method: string
  /** Path under the service base with an encoded query: `/api/v2/accounts/a/identities?externalId=x`. */
  readonly path: string
  /** A JSON body. */
  readonly body?: unknown
  /** A form body (the token service); wins over `body`. */
  readonly form?: Readonly<Record<string, string>>
  /** Exact body text; wins over both. */
  readonly rawBody?: string
  /** Default: `application/json` with a JSON body, the form type with a form; `null` sends none. */
  readonly contentType?: string | null
  readonly headers?: Readonly<Record<string, string>>
  /** Default: `token` on identity and search, `admin` on control, `none` on sts and mock. */
  readonly auth?: RestAuth
}
