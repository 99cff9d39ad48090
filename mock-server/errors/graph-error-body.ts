/**
 * The error bodies of the fake Microsoft Graph source and of its Microsoft identity platform token
 * endpoint, rendered by `renderError` when a request carries a `graphTrace` (set by the Graph and
 * login routers before anything else runs).
 *
 * Graph: `{error: {code, message, innerError: {date, request-id, client-request-id}}}`
 * (learn.microsoft.com, "Microsoft Graph error responses and resource types").
 * Identity platform: `{error, error_description, error_codes, timestamp, trace_id,
 * correlation_id, error_uri}`, the description ending in the trace lines real answers carry.
 *
 * @module
 */
import type { ApiError } from './api-error.ts'

export type GraphSurface = 'graph' | 'identity-platform'

/** Per-request identifiers Graph and the identity platform return, and the time of the request. */
export interface GraphTrace {
  readonly surface: GraphSurface
  /** Graph `request-id`; identity platform `trace_id`. */
  readonly requestId: string
  /** The caller's `client-request-id` when sent (Graph echoes it), else the request id. */
  readonly clientRequestId: string
  readonly at: Date
}

declare module 'hono' {
  interface ContextVariableMap {
    graphTrace: GraphTrace
  }
}

/** Graph's code for a status when the thrower named none. */
function defaultGraphCode(status: number): string {
  if (status === 401) return 'InvalidAuthenticationToken'
  if (status === 403) return 'Authorization_RequestDenied'
  if (status === 404) return 'Request_ResourceNotFound'
  if (status === 429) return 'TooManyRequests'
  if (status === 503) return 'serviceNotAvailable'
  if (status >= 500) return 'generalException'
  return 'BadRequest'
}

/** `2024-01-21T15:16:42`: Graph's `innerError.date` has no fraction and no zone. */
const graphDate = (at: Date): string => at.toISOString().slice(0, 19)

/** `2023-05-06 06:03:00Z`: the identity platform's timestamp. */
const aadTimestamp = (at: Date): string => `${at.toISOString().slice(0, 19).replace('T', ' ')}Z`

export function graphErrorHeaders(trace: GraphTrace): Record<string, string> {
  return trace.surface === 'graph'
    ? { 'request-id': trace.requestId, 'client-request-id': trace.clientRequestId }
    : { 'x-ms-request-id': trace.requestId }
}

export function graphErrorText(error: ApiError, trace: GraphTrace): string {
  if (trace.surface === 'identity-platform') return identityPlatformText(error, trace)
  return JSON.stringify({
    error: {
      code: error.options.graphCode ?? defaultGraphCode(error.status),
      message: error.detail,
      innerError: {
        date: graphDate(trace.at),
        'request-id': trace.requestId,
        'client-request-id': trace.clientRequestId,
      },
    },
  })
}

function identityPlatformText(error: ApiError, trace: GraphTrace): string {
  const timestamp = aadTimestamp(trace.at)
  const aad = error.options.aad
  const message = aad ? `AADSTS${aad.code}: ${error.detail}` : error.detail
  return JSON.stringify({
    error: aad?.error ?? (error.status >= 500 ? 'server_error' : 'invalid_request'),
    error_description: `${message}\r\nTrace ID: ${trace.requestId}\r\nCorrelation ID: ${trace.clientRequestId}\r\nTimestamp: ${timestamp}`,
    error_codes: aad ? [aad.code] : [],
    timestamp,
    trace_id: trace.requestId,
    correlation_id: trace.clientRequestId,
    ...(aad ? { error_uri: `https://login.microsoftonline.com/error?code=${aad.code}` } : {}),
  })
}
