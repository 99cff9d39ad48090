/**
 * The one error type of the mock. Handlers and domain code throw `ApiError`; `renderError` turns it
 * into the wire format of the surface the request hit (SCIM error, OAuth error or RFC 7807 problem).
 *
 * @module
 */

/** `scimType` keywords of RFC 7644 §3.12, Table 9. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'

/** RFC 6749 §5.2 error codes used by the token service. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'

export interface ApiErrorOptions {
  readonly scimType?: ScimType
  readonly oauthError?: OAuthErrorCode
  /** Extra response headers (`WWW-Authenticate`, `Retry-After`, …). */
  readonly headers?: Record<string, string>
  /** Field-level messages for RFC 7807 `errors`. */
  readonly errors?: Record<string, string[]>
  /** The attribute a validation error is about, for the audit. */
  readonly attribute?: string
  /** Microsoft Graph `error.code` (`InvalidAuthenticationToken`, `Request_ResourceNotFound`, …). */
  readonly graphCode?: string
  /** Microsoft identity platform error: the OAuth `error` and the AADSTS number. */
  readonly aad?: { readonly error: string; readonly code: number }
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    /** What was wrong and how to fix it. Never contains a secret. */
    readonly detail: string,
    readonly options: ApiErrorOptions = {},
  ) {
    super(detail)
  }
}

export const badRequest = (scimType: ScimType, detail: string, attribute?: string): ApiError =>
  new ApiError(400, detail, attribute === undefined ? { scimType } : { scimType, attribute })

export const notFound = (detail: string): ApiError => new ApiError(404, detail)

export const conflict = (detail: string, attribute: string): ApiError =>
  new ApiError(409, detail, { scimType: 'uniqueness', attribute })
