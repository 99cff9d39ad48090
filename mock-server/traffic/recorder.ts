/**
 * The traffic recorder: outermost middleware of the SCIM surface. It times each exchange and, once
 * the response is decided, appends a redacted record to the account's log. It never reads a body
 * the route did not read (except small declared ones), never clones a response it can avoid
 * cloning (it keeps the text the route rendered), and records only accounts that exist.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { isSimulatedNetworkFailure } from '../faults/network-failure.ts'
import { collectedWarnings } from '../scim/request-warnings.ts'
import { credentialOf, defineBody, defineLazy, redactedHeaders, safeUrl } from './capture.ts'
import type { AuthState, RecordedRequest, RecordedResponse, TrafficRecord } from './record.ts'
import type { TrafficLog } from './traffic-log.ts'

type RecorderState = Pick<MockContext, 'traffic' | 'accounts' | 'clock'>

const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS'])

interface Start {
  readonly accountId: string
  readonly t: number
  readonly at: string
  readonly rendered: { text?: string }
}

export function trafficRecorder(ctx: RecorderState): MiddlewareHandler {
  const log = ctx.traffic
  return async function trafficRecorder(c, next) {
    const accountId = c.req.param('accountId')
    if (!log.enabled || accountId === undefined || !ctx.accounts.get(accountId)) return next()
    const start: Start = {
      accountId,
      t: log.now(),
      at: ctx.clock().toISOString(),
      rendered: keepRenderedText(c),
    }
    try {
      await next()
    } catch (error) {
      const appending = append(log, c, start, error)
      if (appending) await appending
      throw error
    }
    const appending = append(log, c, start)
    if (appending) await appending
  }
}

/**
 * Recording never changes the outcome of a request: a failure to record is only counted. Only
 * reading a body the route did not read is asynchronous; otherwise (every GET) the record is built
 * and appended without a promise, which keeps the per-request cost of recording down.
 */
function append(
  log: TrafficLog,
  c: Context,
  start: Start,
  error?: unknown,
): Promise<void> | undefined {
  try {
    const appended = whenReady(recordOf(log, c, start, error), (record) => log.append(record))
    if (appended instanceof Promise) {
      return appended.catch(() => {
        log.recordErrors++
      })
    }
  } catch {
    log.recordErrors++
  }
  return undefined
}

/** `then(value)`, waiting for `value` only when it is a promise. */
function whenReady<T, R>(
  value: T | Promise<T>,
  then: (value: T) => R | Promise<R>,
): R | Promise<R> {
  return value instanceof Promise ? value.then(then) : then(value)
}

/** Wraps `c.body` for this request so the rendered text is kept without cloning the response. */
function keepRenderedText(c: Context): { text?: string } {
  const rendered: { text?: string } = {}
  // Hono's `c.body` is an arrow bound to its context, so no `bind`. The wrapper is assigned
  // directly, not through a named const: under tsx that would cost a `__name` call per request.
  const original = c.body as (...args: unknown[]) => Response
  c.body = ((data: unknown, ...rest: unknown[]) => {
    if (typeof data === 'string') rendered.text = data
    return original(data, ...rest)
  }) as typeof c.body
  return rendered
}

function recordOf(
  log: TrafficLog,
  c: Context,
  start: Start,
  error?: unknown,
): TrafficRecord | Promise<TrafficRecord> {
  const secret = credentialOf(c.req.header('authorization'))
  const failed = error !== undefined
  const responseText = failed ? undefined : responseTextOf(c, start)
  return whenReady(responseText, (text) => {
    const response = failed ? undefined : responseOf(log, c, text, secret)
    const durationMs = Math.round((log.now() - start.t) * 100) / 100
    return whenReady(requestText(c, log.maxBodyChars), (body) =>
      recordWith(log, c, start, {
        durationMs,
        request: requestOf(log, c, start.accountId, secret, body),
        response,
        error,
      }),
    )
  })
}

interface Outcome {
  readonly durationMs: number
  readonly request: RecordedRequest
  readonly response: RecordedResponse | undefined
  readonly error: unknown
}

function recordWith(log: TrafficLog, c: Context, start: Start, outcome: Outcome): TrafficRecord {
  const { durationMs, request, response, error } = outcome
  const failed = error !== undefined
  const rejection = c.error instanceof ApiError ? c.error.options : undefined
  const fault = c.get('mockFault')
  return {
    seq: log.nextSeq(start.accountId),
    accountId: start.accountId,
    at: start.at,
    t: start.t,
    durationMs,
    request,
    ...(response && { response }),
    ...(failed && { error: errorText(error) }),
    auth: authState(c, response),
    warnings: collectedWarnings(c),
    ...(rejection &&
      (rejection.scimType !== undefined || rejection.attribute !== undefined) && {
        rejection: {
          ...(rejection.scimType !== undefined && { scimType: rejection.scimType }),
          ...(rejection.attribute !== undefined && { attribute: rejection.attribute }),
        },
      }),
    ...(fault && { fault }),
  }
}

function requestOf(
  log: TrafficLog,
  c: Context,
  accountId: string,
  secret: string | undefined,
  body: string | undefined,
): RecordedRequest {
  const url = safeUrl(c.req.url, secret)
  const queryAt = url.indexOf('?')
  const prefix = `/scim/v2/accounts/${accountId}`
  const path = c.req.path.startsWith(prefix) ? c.req.path.slice(prefix.length) || '/' : c.req.path
  const request: Record<string, unknown> = {
    method: c.req.method,
    url,
    path,
    query: queryAt === -1 ? '' : url.slice(queryAt + 1),
    headers: redactedHeaders(c.req.raw.headers),
  }
  defineBody(request, body, log.maxBodyChars, secret)
  return request as unknown as RecordedRequest
}

/** The body text the route read; a body it did not read is read now, at most `limit` + 1 chars. */
function requestText(c: Context, limit: number): Promise<string | undefined> | undefined {
  if (NO_BODY_METHODS.has(c.req.method)) return undefined
  return readRequestText(c, limit)
}

async function readRequestText(c: Context, limit: number): Promise<string | undefined> {
  try {
    if (c.req.bodyCache.text) return await c.req.bodyCache.text
    if (c.req.raw.bodyUsed || !c.req.raw.body) return undefined
    return await readCapped(c.req.raw.body, limit + 1)
  } catch {
    return undefined
  }
}

/**
 * Keeps the first `limit` characters of a stream and drains the rest. It must not cancel: under
 * the Node adapter a cancelled request body destroys the socket, and a keep-alive client that has
 * already queued its next request on that connection loses it.
 */
async function readCapped(stream: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return text.length < limit ? text + decoder.decode() : text
    if (text.length < limit) text += decoder.decode(value, { stream: true })
  }
}

/** The text the route rendered; when it rendered some other way, a copy, only for JSON. */
function responseTextOf(
  c: Context,
  start: Start,
): string | Promise<string | undefined> | undefined {
  const res = c.res
  const text = start.rendered.text
  if (text !== undefined || res.status === 204 || res.status === 304) return text
  const type = res.headers.get('content-type') ?? ''
  if (!type.includes('json')) return undefined
  return res
    .clone()
    .text()
    .catch(() => undefined)
}

function responseOf(
  log: TrafficLog,
  c: Context,
  text: string | undefined,
  secret: string | undefined,
): RecordedResponse {
  const res = c.res
  const response: Record<string, unknown> = { status: res.status }
  // Read on first use: under the Node adapter, touching `res.headers` now would turn the route's
  // plain header record into a Headers object and take the response off the adapter's fast path.
  // Response headers carry no request credential, so holding them unredacted until then is safe.
  defineLazy(response, 'headers', () => redactedHeaders(res.headers))
  defineBody(response, text, log.maxBodyChars, secret)
  return response as unknown as RecordedResponse
}

function authState(c: Context, response: RecordedResponse | undefined): AuthState {
  if (c.req.header('authorization') === undefined) return 'none'
  return response?.status === 401 ? 'rejected' : 'sent'
}

function errorText(error: unknown): string {
  if (isSimulatedNetworkFailure(error)) {
    return error.kind === 'reset' ? 'connection reset (injected)' : 'no answer: timeout (injected)'
  }
  return error instanceof Error ? error.name : 'request failed'
}
