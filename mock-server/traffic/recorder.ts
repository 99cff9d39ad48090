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
import { credentialOf, defineBody, redactedHeaders, safeUrl } from './capture.ts'
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
      await append(log, c, start, error)
      throw error
    }
    await append(log, c, start)
  }
}

/** Recording never changes the outcome of a request: a failure to record is only counted. */
async function append(log: TrafficLog, c: Context, start: Start, error?: unknown): Promise<void> {
  try {
    log.append(await recordOf(log, c, start, error))
  } catch {
    log.recordErrors++
  }
}

/** Wraps `c.body` for this request so the rendered text is kept without cloning the response. */
function keepRenderedText(c: Context): { text?: string } {
  const rendered: { text?: string } = {}
  const original = c.body.bind(c)
  const body = (data: unknown, ...rest: unknown[]) => {
    if (typeof data === 'string') rendered.text = data
    return (original as (...args: unknown[]) => Response)(data, ...rest)
  }
  c.body = body as typeof c.body
  return rendered
}

async function recordOf(
  log: TrafficLog,
  c: Context,
  start: Start,
  error?: unknown,
): Promise<TrafficRecord> {
  const secret = credentialOf(c.req.header('authorization'))
  const failed = error !== undefined
  const response = failed ? undefined : await responseOf(log, c, start, secret)
  const rejection = c.error instanceof ApiError ? c.error.options : undefined
  const fault = c.get('mockFault')
  return {
    seq: log.nextSeq(start.accountId),
    accountId: start.accountId,
    at: start.at,
    t: start.t,
    durationMs: Math.round((log.now() - start.t) * 100) / 100,
    request: await requestOf(log, c, start.accountId, secret),
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

async function requestOf(
  log: TrafficLog,
  c: Context,
  accountId: string,
  secret: string | undefined,
): Promise<RecordedRequest> {
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
  defineBody(request, await requestText(c, log.maxBodyChars), log.maxBodyChars, secret)
  return request as unknown as RecordedRequest
}

/** The body text the route read; a body it did not read is read now, at most `limit` + 1 chars. */
async function requestText(c: Context, limit: number): Promise<string | undefined> {
  if (NO_BODY_METHODS.has(c.req.method)) return undefined
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

async function responseOf(
  log: TrafficLog,
  c: Context,
  start: Start,
  secret: string | undefined,
): Promise<RecordedResponse> {
  const res = c.res
  const response: Record<string, unknown> = {
    status: res.status,
    headers: redactedHeaders(res.headers),
  }
  let text = start.rendered.text
  if (text === undefined && res.status !== 204 && res.status !== 304) {
    // Rendered some other way (not through c.body): read a copy, only for JSON.
    const type = res.headers.get('content-type') ?? ''
    if (type.includes('json'))
      text = await res
        .clone()
        .text()
        .catch(() => undefined)
  }
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
