/**
 * The JSON text (and header record) a response was rendered from, handed to the traffic recorder by
 * the places that render SCIM bodies (`scimJson`, `renderError`), so recording never has to clone
 * a response or turn its headers into a Headers object.
 *
 * It is an explicit hand-off, not a wrapper around `c.body`: replacing `c.body` on every context
 * made V8 keep each request's objects past a young-generation collection (about 1 MB promoted per
 * scavenge), which cost more than a third of the mock's throughput.
 *
 * @module
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export interface Rendered {
  readonly text: string
  /** The header record the response was made with (what the route set, before the adapter's). */
  readonly headers: Readonly<Record<string, string>>
  readonly response: Response
}

declare module 'hono' {
  interface ContextVariableMap {
    renderedBody: Rendered
  }
}

/** Renders `text` with `c.body` and notes the response for the recorder. */
export function renderJsonText(
  c: Context,
  text: string,
  status: ContentfulStatusCode,
  headers: Record<string, string>,
): Response {
  const response = c.body(text, status, headers)
  c.set('renderedBody', { text, headers, response })
  return response
}

/**
 * The text of `response`, the answer the exchange ended with, when it is the one that was noted. A
 * response replaced afterwards (a fault, an added step) is a different object: its text is unknown.
 */
export function renderedBody(c: Context, response: Response): Rendered | undefined {
  const rendered = c.get('renderedBody')
  return rendered !== undefined && rendered.response === response ? rendered : undefined
}
