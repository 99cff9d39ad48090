/**
 * SCIM success responses: always `application/scim+json` (SPEC §2.1). The one place that writes a
 * SCIM body.
 *
 * @module
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { FormQuery, type QueryParams } from '../http/form-query.ts'
import { renderJsonText } from '../traffic/rendered-body.ts'
import { SCIM_CONTENT_TYPE } from '../../model/scim-protocol.ts'

export function scimJson(
  c: Context,
  body: unknown,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {},
): Response {
  return scimText(c, JSON.stringify(body), status, headers)
}

/** A SCIM body already written as JSON text (`user-json.ts`). */
export function scimText(
  c: Context,
  text: string,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {},
): Response {
  // Copied key by key: spreading `headers` into a new object is slow in V8 on this hot path.
  const all: Record<string, string> = {}
  for (const name in headers) all[name] = headers[name]!
  all['Content-Type'] = SCIM_CONTENT_TYPE
  return renderJsonText(c, text, status, all)
}

/** Form-style query decoding (`+` is a space), as Entra encodes filters (SPEC §2.1). */
export function queryParams(c: Context): QueryParams {
  const url = c.req.url
  const index = url.indexOf('?')
  return new FormQuery(index === -1 ? '' : url.slice(index + 1))
}
