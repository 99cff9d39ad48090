/**
 * Request headers read straight from the Node adapter's `IncomingMessage` when the app runs under
 * it (`c.env.incoming`), with the same answer `c.req.header(name)` would give.
 *
 * Why: under `@hono/node-server`, the first read of `c.req.raw.headers` builds a WHATWG Headers
 * object from every raw header, a visible share of a SCIM GET. The raw list is already there.
 * Anywhere else (`app.request`, msw, other runtimes) `c.req.header` is used unchanged.
 *
 * @module
 */
import type { Context } from 'hono'

/** The part of Node's `IncomingMessage` read here; no `node:*` import is needed for it. */
interface RawHeaderSource {
  readonly rawHeaders: readonly string[]
}

/** The raw `[name, value, name, value, …]` list, when the adapter handed one over. */
export function rawHeadersOf(c: Context): readonly string[] | undefined {
  const incoming = (c.env as { incoming?: Partial<RawHeaderSource> } | undefined)?.incoming
  const raw = incoming?.rawHeaders
  return Array.isArray(raw) ? raw : undefined
}

/** `name` in lower case. Repeated headers are joined with ", ", as `Headers.get` joins them. */
export function requestHeader(c: Context, name: string): string | undefined {
  const raw = rawHeadersOf(c)
  return raw === undefined ? c.req.header(name) : rawHeader(raw, name)
}

export function rawHeader(raw: readonly string[], name: string): string | undefined {
  let value: string | undefined
  for (let i = 0; i < raw.length - 1; i += 2) {
    const key = raw[i]!
    if (key.length === name.length && key.toLowerCase() === name) {
      value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`
    }
  }
  return value
}

/** Every header as `Headers` would list it: lower-case names, sorted, repeats joined. */
export function rawHeaderEntries(raw: readonly string[]): [string, string][] {
  const joined = new Map<string, string>()
  for (let i = 0; i < raw.length - 1; i += 2) {
    const name = raw[i]!.toLowerCase()
    // HTTP/2 pseudo-headers (`:path`) are not headers; the adapter leaves them out too.
    if (name.startsWith(':')) continue
    const previous = joined.get(name)
    joined.set(name, previous === undefined ? raw[i + 1]! : `${previous}, ${raw[i + 1]!}`)
  }
  return [...joined].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
