/**
 * The traffic recorder: outermost middleware of the SCIM surface. It times each exchange and, once
 * the response is decided, appends a record to the account's traffic log and an entry to the
 * control plane's request log (`control/request-log.ts`). It never reads a body the route
 * did not read (except small declared ones), never clones a response it can avoid cloning (it keeps
 * the text the route rendered), and records only accounts that exist. The record holds references
 * and derives its redacted views on first read (`captured-exchange.ts`), so a GET costs a few
 * property writes.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { MockContext } from '../context.ts'
import { logExchange, type ExchangeStart } from '../control/request-log.ts'
import { ApiError } from '../errors/api-error.ts'
import { isSimulatedNetworkFailure } from '../faults/network-failure.ts'
import { collectedWarnings } from '../scim/request-warnings.ts'
import { rawHeader, rawHeadersOf } from '../http/request-header.ts'
import { credentialOf, redactedHeaderList, safeUrl, scrub } from './capture.ts'
import type { KeptText } from './captured-exchange.ts'
import type { AuthState, Rejection } from './record.ts'
import { renderedBody } from './rendered-body.ts'
import type { TrafficLog } from './traffic-log.ts'

type RecorderState = Pick<MockContext, 'traffic' | 'accounts' | 'clock' | 'requestLog'>

const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS'])

interface Start extends ExchangeStart {
  readonly accountId: string
  readonly t: number
}

export function trafficRecorder(ctx: RecorderState): MiddlewareHandler {
  const log = ctx.traffic
  // Not an async function: `next().then` costs one promise, an awaiting frame costs several.
  return function trafficRecorder(c, next) {
    const accountId = c.req.param('accountId')
    if (accountId === undefined || !ctx.accounts.get(accountId)) return next()
    const start: Start = {
      accountId,
      t: log.now(),
      atMs: ctx.clock().getTime(),
      wallMs: Date.now(),
    }
    return next().then(
      () => {
        logExchange(ctx.requestLog, c, accountId, 'scim', start)
        return log.enabled ? append(log, c, start) : undefined
      },
      (error: unknown) => {
        // No response was sent (an injected reset or timeout): nothing for the request log.
        const appending = log.enabled ? append(log, c, start, error) : undefined
        if (!appending) throw error
        return appending.then(() => {
          throw error
        })
      },
    )
  }
}

/**
 * Recording never changes the outcome of a request: a failure to record is only counted. Only
 * reading a body the route did not read is asynchronous; otherwise (every GET) the record is built
 * and appended without a promise.
 */
function append(
  log: TrafficLog,
  c: Context,
  start: Start,
  error?: unknown,
): Promise<void> | undefined {
  try {
    const failed = error !== undefined
    const rendered = failed ? undefined : renderedOf(c)
    const durationMs = Math.round((log.now() - start.t) * 100) / 100
    const requestText = NO_BODY_METHODS.has(c.req.method)
      ? undefined
      : readRequestText(c, log.maxBodyChars)
    if (rendered instanceof Promise || requestText instanceof Promise) {
      return Promise.all([rendered, requestText])
        .then(([response, request]) =>
          appendWith(log, c, start, durationMs, request, response, error),
        )
        .catch(() => {
          log.recordErrors++
        })
    }
    appendWith(log, c, start, durationMs, requestText, rendered, error)
  } catch {
    log.recordErrors++
  }
  return undefined
}

function appendWith(
  log: TrafficLog,
  c: Context,
  start: Start,
  durationMs: number,
  requestText: string | undefined,
  rendered: Seen | undefined,
  error: unknown,
): void {
  const failed = error !== undefined
  const response = failed ? undefined : c.res
  const accountId = start.accountId
  const prefix = `/scim/v2/accounts/${accountId}`
  const path = c.req.path
  const requestHeaders = rawHeadersOf(c) ?? headerList(c.req.raw.headers)
  // The request's credential goes here, before anything is kept: from headers, URL and bodies.
  const authorization = rawHeader(requestHeaders, 'authorization')
  const secret = credentialOf(authorization)
  const limit = log.maxBodyChars
  log.append({
    seq: log.nextSeq(accountId),
    accountId,
    atMs: start.atMs,
    t: start.t,
    durationMs,
    method: c.req.method,
    url: safeUrl(c.req.url, secret),
    path: path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path,
    requestHeaders: redactedHeaderList(requestHeaders),
    requestBody: keptText(requestText, limit, secret),
    status: response?.status,
    responseHeaders:
      response && (rendered?.headers ? recordList(rendered.headers) : headerList(response.headers)),
    responseBody: keptText(rendered?.text, limit, secret),
    error: failed ? errorText(error) : undefined,
    auth: authState(authorization, response),
    warnings: collectedWarnings(c),
    rejection: rejectionOf(c),
    fault: c.get('mockFault'),
  })
}

/** `text` cut to `limit` characters and scrubbed of `secret`. */
function keptText(
  text: string | undefined,
  limit: number,
  secret: string | undefined,
): KeptText | undefined {
  if (text === undefined || text === '') return undefined
  if (text.length <= limit) return { text: scrub(text, secret) }
  return { text: scrub(text.slice(0, limit), secret), cutFrom: text.length }
}

function headerList(headers: Headers): string[] {
  const list: string[] = []
  headers.forEach((value, name) => list.push(name, value))
  return list
}

function recordList(headers: Readonly<Record<string, string>>): string[] {
  const list: string[] = []
  for (const name in headers) list.push(name, headers[name]!)
  return list
}

function rejectionOf(c: Context): Rejection | undefined {
  const rejection = c.error instanceof ApiError ? c.error.options : undefined
  if (!rejection || (rejection.scimType === undefined && rejection.attribute === undefined)) {
    return undefined
  }
  return {
    ...(rejection.scimType !== undefined && { scimType: rejection.scimType }),
    ...(rejection.attribute !== undefined && { attribute: rejection.attribute }),
  }
}

/** The body text the route read; a body it did not read is read now, at most `limit` + 1 chars. */
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

/** A response's text, and its header record when the route rendered it (`rendered-body.ts`). */
interface Seen {
  readonly text: string
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * What the route rendered (`rendered-body.ts`); when it rendered some other way, a copy of the
 * text, only for JSON, with the response's own headers.
 */
function renderedOf(c: Context): Seen | Promise<Seen | undefined> | undefined {
  const rendered = renderedBody(c)
  const res = c.res
  if (rendered !== undefined || res.status === 204 || res.status === 304) return rendered
  const type = res.headers.get('content-type') ?? ''
  if (!type.includes('json')) return undefined
  return res
    .clone()
    .text()
    .then(
      (text) => ({ text }),
      () => undefined,
    )
}

function authState(authorization: string | undefined, response: Response | undefined): AuthState {
  if (authorization === undefined) return 'none'
  return response?.status === 401 ? 'rejected' : 'sent'
}

function errorText(error: unknown): string {
  if (isSimulatedNetworkFailure(error)) {
    return error.kind === 'reset' ? 'connection reset (injected)' : 'no answer: timeout (injected)'
  }
  return error instanceof Error ? error.name : 'request failed'
}
