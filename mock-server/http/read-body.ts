/**
 * The one reader of request bodies, for every surface (SCIM, REST, token service, control plane).
 *
 * Why: reading a whole body and then checking its size let one unauthenticated chunked upload of
 * 600 MB take gigabytes of memory before the 413. Here a declared `Content-Length` over the limit is
 * refused before anything is read, a body without one is counted as its chunks arrive, and reading
 * stops (the stream is cancelled) at the first byte over the limit. Each surface reads the body
 * this way before any other work, authentication included, so an oversized body always gets 413.
 *
 * The body is read once per request and kept on the context: later readers (the routes, the traffic
 * recorder through Hono's body cache) get the same text without touching the stream again.
 *
 * Under the Node adapter the body is read from Node's request (`c.env.incoming`) as it arrives
 * (`node-body.ts`), not through `c.req.raw.body`: the first touch of that makes the adapter build a
 * WHATWG `Request` and a web stream over the socket, which cost more than everything else a SCIM
 * create does (BENCHMARKS.md). Anywhere else (`app.request`, msw, other runtimes) the web stream is
 * read, under the same limits.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import { ApiError } from '../errors/api-error.ts'
import { nodeBodyOf, readNodeBody } from './node-body.ts'
import type { Step } from './pipeline.ts'
import { requestHeader } from './request-header.ts'

/** A request body as read: its text and its size on the wire. */
export interface RequestBody {
  readonly text: string
  readonly bytes: number
}

/** How large a body may be, and the option that sets it (named in the 413). */
export interface BodyLimit {
  readonly maxBytes: number
  /** E.g. `behaviour.maxBodyBytes`; absent for a fixed limit of one route. */
  readonly option?: string
}

declare module 'hono' {
  interface ContextVariableMap {
    requestBody: RequestBody
    /** Why the body could not be read (over the limit, cut short): it is not read again. */
    requestBodyError: unknown
  }
}

/** Whether `readBody` read the body or gave up on it: then nobody else may touch its stream. */
export function bodyTaken(c: Context): boolean {
  return c.get('requestBody') !== undefined || c.get('requestBodyError') !== undefined
}

/** The app-wide limit: `behaviour.maxBodyBytes`. */
export function bodyLimitOf(behaviour: { readonly maxBodyBytes: number }): BodyLimit {
  return { maxBytes: behaviour.maxBodyBytes, option: 'behaviour.maxBodyBytes' }
}

/** Methods whose requests never carry a body (fetch refuses one), so nothing is read. */
const isBodyless = (method: string): boolean => method === 'GET' || method === 'HEAD'

/**
 * The request body, read at most once per request and within `limit`: 413 when it is larger. A
 * body read earlier under a larger limit is measured again against this one.
 */
export async function readBody(c: Context, limit: BodyLimit): Promise<RequestBody> {
  const kept = c.get('requestBody')
  if (kept !== undefined) {
    if (kept.bytes > limit.maxBytes) throw tooLarge(limit)
    return kept
  }
  const failed = c.get('requestBodyError')
  if (failed !== undefined) throw failed
  const body = await readLimited(c, limit).catch((error: unknown) => {
    // The stream is not read again, by a route or by the recorder (which keeps no body then).
    c.set('requestBodyError', error)
    throw error
  })
  c.set('requestBody', body)
  // Hono's own cache: `c.req.text()` and the traffic recorder see the text without the stream.
  // (Hono types the cache by value; at run time it holds promises, as `c.req.text()` returns.)
  ;(c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(body.text)
  return body
}

/** The body the mock reads from now on: a step that rewrites a request (a SCIM reset) sets it. */
export function replaceRequestBody(c: Context, text: string): RequestBody {
  const previous = c.get('requestBody')
  c.set('requestBody', { text, bytes: new TextEncoder().encode(text).length })
  return previous ?? { text: '', bytes: 0 }
}

/** Puts back what `replaceRequestBody` returned. */
export function restoreRequestBody(c: Context, body: RequestBody): void {
  c.set('requestBody', body)
}

/** A SCIM surface step that reads the body (within the app's limit) before any other step. */
export function bodyLimitStep(limit: () => BodyLimit): Step {
  return function bodyLimit(c, next) {
    if (isBodyless(c.req.method)) return next()
    return readBody(c, limit()).then(() => next())
  }
}

/** The same, as Hono middleware, first on the REST, token service and control plane mounts. */
export function bodyLimitMiddleware(limit: () => BodyLimit): MiddlewareHandler {
  return async function bodyLimit(c, next) {
    if (!isBodyless(c.req.method)) await readBody(c, limit())
    await next()
  }
}

async function readLimited(c: Context, limit: BodyLimit): Promise<RequestBody> {
  if (isBodyless(c.req.method)) return { text: '', bytes: 0 }
  const { chunks, bytes } = await readBytes(c, limit.maxBytes, {
    tooLarge: () => tooLarge(limit),
    broken: unreadable,
  })
  return {
    text: new TextDecoder().decode(chunks.length === 1 ? chunks[0] : joined(chunks, bytes)),
    bytes,
  }
}

/** The errors a bounded read ends with: each caller names its own limit and what to do. */
export interface BoundedReadErrors {
  /** The 413: the declared or counted size is over the limit. */
  readonly tooLarge: () => ApiError
  /** The 400: the body ended before its end (the connection closed). */
  readonly broken: () => ApiError
}

/**
 * The body's bytes within `maxBytes`, as they arrived: a declared `Content-Length` over the limit
 * is refused before anything is read, a body without one is counted as its chunks arrive, and
 * reading stops (the stream is cancelled) at the first byte over. Uploads that must stay bytes (a
 * CSV file in ISO-8859-1) read through this too.
 */
export async function readBytes(
  c: Context,
  maxBytes: number,
  errors: BoundedReadErrors,
): Promise<{ readonly chunks: readonly Uint8Array[]; readonly bytes: number }> {
  const declared = Number(requestHeader(c, 'content-length') ?? Number.NaN)
  const incoming = nodeBodyOf(c)
  if (incoming !== undefined) {
    // Never read past the limit; the adapter drains (or drops) the rest once the 413 is sent.
    if (declared > maxBytes) throw errors.tooLarge()
    const read = await readNodeBody(incoming, maxBytes)
    if (read === 'too large') throw errors.tooLarge()
    if (read === 'cut short') throw errors.broken()
    return read
  }
  const stream = c.req.raw.body
  if (stream === null) return { chunks: [], bytes: 0 }
  if (declared > maxBytes) {
    // Never read: cancelling marks the body used, so nothing reads it later either.
    stream.cancel().catch(() => undefined)
    throw errors.tooLarge()
  }
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      throw errors.broken()
    }
    if (chunk.done) break
    bytes += chunk.value.byteLength
    if (bytes > maxBytes) {
      reader.cancel().catch(() => undefined)
      throw errors.tooLarge()
    }
    chunks.push(chunk.value)
  }
  return { chunks, bytes }
}

/** The chunks as one array of `bytes` bytes. */
export function joined(chunks: readonly Uint8Array[], bytes: number): Uint8Array {
  const whole = new Uint8Array(bytes)
  let offset = 0
  for (const chunk of chunks) {
    whole.set(chunk, offset)
    offset += chunk.byteLength
  }
  return whole
}

function unreadable(): ApiError {
  return new ApiError(
    400,
    'The request body could not be read to its end (the connection closed or the chunked encoding is broken): send the request again.',
    { scimType: 'invalidSyntax', oauthError: 'invalid_request' },
  )
}

export function tooLarge(limit: BodyLimit): ApiError {
  const raise =
    limit.option === undefined
      ? 'send a smaller request'
      : `send a smaller request (the mock's option ${limit.option} sets the limit)`
  return new ApiError(
    413,
    `The request body is larger than ${limit.maxBytes} bytes, the limit of this endpoint: ${raise}.`,
    { scimType: 'tooMany', oauthError: 'invalid_request' },
  )
}
