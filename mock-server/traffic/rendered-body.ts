/**
 * The JSON text a response was rendered from, handed to the traffic recorder by the places that
 * render SCIM bodies (`scimJson`, `renderError`), so recording never has to clone a response.
 *
 * It is an explicit hand-off, not a wrapper around `c.body`: replacing `c.body` on every context
 * made V8 keep each request's objects past a young-generation collection (about 1 MB promoted per
 * scavenge), which cost more than a third of the mock's throughput.
 *
 * @module
 */
import type { Context } from 'hono'

interface Rendered {
  readonly text: string
  readonly response: Response
}

declare module 'hono' {
  interface ContextVariableMap {
    renderedBody: Rendered
  }
}

/** Notes that `response` carries `text`; returns `response`. */
export function keepRenderedBody(c: Context, text: string, response: Response): Response {
  c.set('renderedBody', { text, response })
  return response
}

/**
 * The text of the response the exchange ended with, when it is the one that was noted. A response
 * replaced afterwards (a fault, a defect switch) is a different object, so its text is unknown.
 */
export function renderedBody(c: Context): string | undefined {
  const rendered = c.get('renderedBody')
  return rendered !== undefined && rendered.response === c.res ? rendered.text : undefined
}
