/**
 * Reads a token request (RFC 6749 §3.2, §2.3.1): a form-encoded body whose parameters appear at
 * most once, and client authentication either in the body or with HTTP Basic, never both.
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError } from '../errors/api-error.ts'
import { readBody, type BodyLimit } from '../http/read-body.ts'
import { mediaTypeOf } from '../http/read-json-body.ts'

const FORM = 'application/x-www-form-urlencoded'

export interface TokenRequest {
  readonly params: ReadonlyMap<string, string>
  /** Client credentials from the body or the Basic header. */
  readonly clientId?: string
  readonly clientSecret?: string
  /** True when the client authenticated with HTTP Basic (errors then answer 401, RFC 6749 §5.2). */
  readonly basic: boolean
}

export function invalidRequest(detail: string): ApiError {
  return new ApiError(400, detail, { oauthError: 'invalid_request' })
}

export async function readTokenRequest(c: Context, limit: BodyLimit): Promise<TokenRequest> {
  // The size first, before any other check: the shared reader stops at the limit (413).
  const text = (await readBody(c, limit)).text
  const mediaType = mediaTypeOf(c.req.header('content-type'))
  if (mediaType !== FORM) {
    throw invalidRequest(
      `The token request must be sent as ${FORM} (got ${mediaType ?? 'no Content-Type'}): send grant_type, client_id and client_secret (or assertion) as form fields, not JSON.`,
    )
  }
  const params = uniqueParams(new URLSearchParams(text))
  const basic = basicCredentials(c.req.header('authorization'))
  if (basic && (params.has('client_secret') || params.has('assertion'))) {
    throw invalidRequest(
      'The client authenticated twice (HTTP Basic and body parameters). Use one method only (RFC 6749 §2.3).',
    )
  }
  if (basic && params.has('client_id') && params.get('client_id') !== basic.id) {
    throw invalidRequest('client_id in the body differs from the client id of the Basic header.')
  }
  return {
    params,
    clientId: basic?.id ?? params.get('client_id'),
    clientSecret: basic?.secret ?? params.get('client_secret'),
    basic: basic !== undefined,
  }
}

function uniqueParams(search: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>()
  for (const [name, value] of search) {
    if (params.has(name)) {
      throw invalidRequest(
        `The parameter "${name.slice(0, 40)}" appears more than once; send each parameter once (RFC 6749 §3.2).`,
      )
    }
    params.set(name, value)
  }
  return params
}

/** `Basic base64(urlencode(id) ":" urlencode(secret))`, RFC 6749 §2.3.1. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return undefined
  let decoded: string
  try {
    decoded = atob(match[1])
  } catch {
    throw invalidRequest('The Basic authorization header is not valid base64.')
  }
  const colon = decoded.indexOf(':')
  if (colon < 0)
    throw invalidRequest('The Basic authorization header must hold "client_id:client_secret".')
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
    }
  } catch {
    throw invalidRequest('The Basic authorization header holds malformed percent-encoding.')
  }
}
