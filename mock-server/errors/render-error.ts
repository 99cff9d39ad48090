/**
 * The single place where errors become responses. The surface is chosen by path: SCIM errors under
 * `/scim/`, OAuth errors under `/sts/`, RFC 7807 problem details everywhere else; requests the fake
 * Graph source marked (`graphTrace`) get Graph's or the identity platform's error body.
 *
 * @module
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { reasonPhrase } from '../../model/http-status.ts'
import { isSimulatedNetworkFailure } from '../faults/network-failure.ts'
import { ApiError } from './api-error.ts'
import { graphErrorHeaders, graphErrorText } from './graph-error-body.ts'
import { SCIM_CONTENT_TYPE, SCIM_ERROR_SCHEMA } from '../../model/scim-protocol.ts'
import { renderJsonText } from '../traffic/rendered-body.ts'

export type ErrorSurface = 'scim' | 'oauth' | 'problem'

export function surfaceOf(path: string): ErrorSurface {
  if (path.startsWith('/scim/')) return 'scim'
  if (path.startsWith('/sts/')) return 'oauth'
  return 'problem'
}

/**
 * The app's answer to any error (`app.onError` and the SCIM surface). An injected connection drop
 * is thrown on: it must leave `app.fetch` as a rejection, like fetch's network error, never as a 500.
 */
export function errorAnswer(err: unknown, c: Context): Response {
  if (isSimulatedNetworkFailure(err)) throw err
  return renderError(c, err)
}

/** Turns any thrown value into a response. Unknown errors become a 500 without internals. */
export function renderError(c: Context, err: unknown): Response {
  const error =
    err instanceof ApiError
      ? err
      : new ApiError(500, 'The mock hit an unexpected error. The request was not applied.')
  const status = error.status as ContentfulStatusCode
  // The fake Graph source and its token endpoint mark their requests (mock-server/graph).
  const graphTrace = c.get('graphTrace')
  if (graphTrace) {
    const headers: Record<string, string> = {
      ...error.options.headers,
      ...graphErrorHeaders(graphTrace),
      'Content-Type': 'application/json; charset=utf-8',
    }
    if (graphTrace.surface === 'identity-platform') headers['Cache-Control'] = 'no-store'
    return renderJsonText(c, graphErrorText(error, graphTrace), status, headers)
  }
  const { text, headers } = errorText(surfaceOf(c.req.path), error)
  return renderJsonText(c, text, status, headers)
}

/** The same answer outside a request's context (the app's fetch wrapper, `persistence/`). */
export function errorResponse(path: string, error: ApiError): Response {
  const { text, headers } = errorText(surfaceOf(path), error)
  return new Response(text, { status: error.status, headers })
}

function errorText(
  surface: ErrorSurface,
  error: ApiError,
): { text: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...error.options.headers }
  switch (surface) {
    case 'scim': {
      headers['Content-Type'] = SCIM_CONTENT_TYPE
      const body: Record<string, unknown> = {
        schemas: [SCIM_ERROR_SCHEMA],
        status: String(error.status),
      }
      if (error.options.scimType) body.scimType = error.options.scimType
      body.detail = error.detail
      return { text: JSON.stringify(body), headers }
    }
    case 'oauth': {
      headers['Content-Type'] = 'application/json'
      headers['Cache-Control'] = 'no-store'
      const body = {
        error:
          error.options.oauthError ?? (error.status >= 500 ? 'server_error' : 'invalid_request'),
        error_description: error.detail,
      }
      return { text: JSON.stringify(body), headers }
    }
    case 'problem': {
      headers['Content-Type'] = 'application/problem+json'
      const body: Record<string, unknown> = {
        type: `https://httpstatuses.io/${error.status}`,
        title: reasonPhrase(error.status) ?? 'Error',
        status: error.status,
        detail: error.detail,
      }
      if (error.options.errors) body.errors = error.options.errors
      return { text: JSON.stringify(body), headers }
    }
  }
}
