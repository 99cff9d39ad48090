/**
 * The traffic recorder: the outermost step of the SCIM surface (`scim/scim-surface.ts`). It times
 * each exchange and, once the answer is decided, notes it in the account's traffic log (which packs
 * it in batches and removes its secrets when it is read, `traffic-log.ts`) and adds an entry to the
 * control plane's request log (`control/request-log.ts`). It never reads a body the route did not
 * read (except small declared ones), never clones a response it can avoid cloning (it keeps the text
 * the route rendered), and records only accounts that exist. For a GET it works synchronously, so the
 * answer is not held back by a promise.
 *
 * @module
 */
import type { Context } from 'hono'
import type { AccountRegistry } from '../accounts/account-registry.ts'
import { logExchange, type RequestLog } from '../control/request-log.ts'
import { ApiError } from '../errors/api-error.ts'
import { isSimulatedNetworkFailure } from '../faults/network-failure.ts'
import type { Step } from '../http/pipeline.ts'
import { collectedWarnings } from '../scim/request-warnings.ts'
import { scimAccountOf } from '../scim/scim-base.ts'
import { bodyTaken } from '../http/read-body.ts'
import { rawHeadersOf } from '../http/request-header.ts'
import { headerText } from './exchange-note.ts'
import { STRADDLE_CHARS } from './kept-text.ts'
import type { Rejection } from './record.ts'
import { renderedBody } from './rendered-body.ts'
import type { TrafficLog } from './traffic-log.ts'

/** What the recorder reads of the app: the log it writes, the accounts, the clock, the request log. */
export interface RecorderState {
  readonly traffic: TrafficLog
  readonly accounts: AccountRegistry
  readonly nowMs: () => number
  readonly requestLog: RequestLog
  /** `maxBodyBytes`: how much of a body nobody read the recorder drains before it gives up. */
  readonly behaviour: { readonly maxBodyBytes: number }
}

const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS'])

/** When an exchange started: the app's clock for its record, the log's clock for its duration. */
interface Start {
  readonly accountId: string
  readonly atMs: number
  readonly t: number
}

export function recordingStep(ctx: RecorderState): Step {
  const log = ctx.traffic
  return function trafficRecorder(c, next) {
    const accountId = scimAccountOf(c)
    if (!ctx.accounts.get(accountId)) return next()
    const start: Start = { accountId, atMs: ctx.nowMs(), t: log.now() }
    let answer: Response | Promise<Response>
    try {
      answer = next()
    } catch (error) {
      return unanswered(ctx, c, start, error)
    }
    return answer instanceof Promise
      ? answer.then(
          (response) => answered(ctx, c, start, response),
          (error: unknown) => unanswered(ctx, c, start, error),
        )
      : answered(ctx, c, start, answer)
  }
}

function answered(
  ctx: RecorderState,
  c: Context,
  start: Start,
  response: Response,
): Response | Promise<Response> {
  const durationMs = ctx.traffic.now() - start.t
  logExchange(ctx.requestLog, c, start.accountId, 'scim', {
    atMs: start.atMs,
    status: response.status,
    durationMs: Math.round(durationMs),
  })
  const appending = ctx.traffic.enabled
    ? append(ctx.traffic, ctx.behaviour.maxBodyBytes, c, start, durationMs, response)
    : undefined
  // The client gets its answer once the exchange is in the log, so a test can read it at once.
  return appending ? appending.then(() => response) : response
}

/** No response was sent (an injected reset or timeout): nothing for the request log. */
function unanswered(ctx: RecorderState, c: Context, start: Start, error: unknown): Promise<never> {
  const appending = ctx.traffic.enabled
    ? append(
        ctx.traffic,
        ctx.behaviour.maxBodyBytes,
        c,
        start,
        ctx.traffic.now() - start.t,
        undefined,
        error,
      )
    : undefined
  return (appending ?? Promise.resolve()).then(() => {
    throw error
  })
}

/**
 * Recording never changes the outcome of a request: a failure to record is only counted. Only
 * reading a body the route did not read is asynchronous; otherwise (every GET, and every write the
 * route read) the exchange is noted without a promise, and the log packs it later
 * (`traffic-log.ts`).
 */
function append(
  log: TrafficLog,
  drainBytes: number,
  c: Context,
  start: Start,
  elapsedMs: number,
  response: Response | undefined,
  error?: unknown,
): Promise<void> | undefined {
  try {
    const rendered = response === undefined ? undefined : renderedOf(c, response)
    const requestText = requestTextOf(c, log.maxBodyChars + STRADDLE_CHARS, drainBytes)
    if (rendered instanceof Promise || isPending(requestText)) {
      return Promise.all([rendered, requestText])
        .then(([seen, request]) => note(log, c, start, elapsedMs, request, response, seen, error))
        .catch(() => {
          log.recordErrors++
        })
    }
    note(log, c, start, elapsedMs, requestText, response, rendered, error)
  } catch {
    log.recordErrors++
  }
  return undefined
}

/** References only: the log turns the note into a secret-free record (`exchange-note.ts`). */
function note(
  log: TrafficLog,
  c: Context,
  start: Start,
  elapsedMs: number,
  requestText: string | undefined,
  response: Response | undefined,
  rendered: Seen | undefined,
  error: unknown,
): void {
  const accountId = start.accountId
  const prefix = `/scim/v2/accounts/${accountId}`
  const path = c.req.path
  log.note({
    accountId,
    atMs: start.atMs,
    t: start.t,
    durationMs: Math.round(elapsedMs * 100) / 100,
    method: c.req.method,
    url: c.req.url,
    path: path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path,
    requestHeaders: rawHeadersOf(c) ?? headerList(c.req.raw.headers),
    requestText,
    status: response?.status,
    responseHeaders:
      response && (rendered?.headers ? headerText(rendered.headers) : response.headers),
    responseText: rendered?.text,
    error: response === undefined ? errorText(error) : undefined,
    warnings: collectedWarnings(c),
    rejection: rejectionOf(c),
    fault: c.get('mockFault'),
  })
}

function headerList(headers: Headers): string[] {
  const list: string[] = []
  headers.forEach((value, name) => list.push(name, value))
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

const isPending = (value: unknown): value is Promise<unknown> => value instanceof Promise

/** The body text: at once when the route read it (`http/read-body.ts`), else once it is read. */
function requestTextOf(
  c: Context,
  limit: number,
  drainBytes: number,
): string | undefined | Promise<string | undefined> {
  if (NO_BODY_METHODS.has(c.req.method)) return undefined
  return c.get('requestBody')?.text ?? readRequestText(c, limit, drainBytes)
}

/**
 * The body text when the shared reader did not read it (`append` takes what it read at once): a
 * body read through Hono's cache, or a body nobody read (a fault or a step answered first), read
 * now, keeping at most `limit` + 1 chars and draining at most `drainBytes`.
 */
async function readRequestText(
  c: Context,
  limit: number,
  drainBytes: number,
): Promise<string | undefined> {
  try {
    if (c.req.bodyCache.text) return await c.req.bodyCache.text
    if (bodyTaken(c) || c.req.raw.bodyUsed || !c.req.raw.body) return undefined
    return await readCapped(c.req.raw.body, limit + 1, drainBytes)
  } catch {
    return undefined
  }
}

/**
 * Keeps the first `limit` characters of a stream and drains the rest, up to `drainBytes` (the
 * request body limit). Within it, it must not cancel: under the Node adapter a cancelled request
 * body destroys the socket, and a keep-alive client that has already queued its next request on
 * that connection loses it. Past it the body is one no route would have taken, and reading on
 * would let one request hold the recorder for as long as its sender likes: cancel.
 */
async function readCapped(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  drainBytes: number,
): Promise<string> {
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let drained = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return text.length < limit ? text + decoder.decode() : text
    if (text.length < limit) text += decoder.decode(value, { stream: true })
    drained += value.byteLength
    if (drained > drainBytes) {
      await reader.cancel().catch(() => undefined)
      return text.slice(0, limit)
    }
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
function renderedOf(c: Context, res: Response): Seen | Promise<Seen | undefined> | undefined {
  const rendered = renderedBody(c, res)
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

function errorText(error: unknown): string {
  if (isSimulatedNetworkFailure(error)) {
    return error.kind === 'reset' ? 'connection reset (injected)' : 'no answer: timeout (injected)'
  }
  return error instanceof Error ? error.name : 'request failed'
}
