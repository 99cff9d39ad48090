/**
 * A minimal, bounded per-account request log for the control plane (`GET /_admin/accounts/{id}/log`):
 * method, path, query, status and duration of every request to an account's SCIM, identity and
 * search endpoints. Headers and bodies are never kept, so no key or token can end up here. The full
 * traffic recorder and audit are a separate module (`mock-server/traffic/`).
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import type { MockContext } from '../context.ts'
import { RingBuffer } from '../traffic/ring-buffer.ts'

export interface RequestLogEntry {
  readonly timeUtc: string
  readonly surface: string
  readonly method: string
  readonly path: string
  readonly query: string
  readonly status: number
  readonly durationMs: number
}

const ACCOUNT_PATH =
  /^\/(scim|identityservice|searchservice)\/(?:v2|api\/v\d+)\/accounts\/([^/]+)(?:\/|$)/

export class RequestLog {
  // A ring per account: a full log drops its oldest entry without moving the other entries.
  readonly #entries = new Map<string, RingBuffer<RequestLogEntry>>()
  constructor(private readonly limit: number) {}

  record(accountId: string, entry: RequestLogEntry): void {
    let list = this.#entries.get(accountId)
    if (!list) this.#entries.set(accountId, (list = new RingBuffer(Math.max(0, this.limit))))
    list.push(entry)
  }

  /** Newest first. */
  list(accountId: string): RequestLogEntry[] {
    return (this.#entries.get(accountId)?.toArray() ?? []).reverse()
  }

  clear(accountId: string): void {
    this.#entries.delete(accountId)
  }
}

export function requestLogger(ctx: MockContext): MiddlewareHandler {
  return async function requestLogger(c, next) {
    const match = ACCOUNT_PATH.exec(c.req.path)
    const accountId = match?.[2] && decodeURIComponent(match[2])
    if (!match || !accountId || !ctx.accounts.get(accountId)) return next()
    const started = Date.now()
    const timeUtc = ctx.clock().toISOString()
    await next()
    const url = c.req.url
    const queryIndex = url.indexOf('?')
    ctx.requestLog.record(accountId, {
      timeUtc,
      surface: match[1] as string,
      method: c.req.method,
      path: c.req.path,
      query: queryIndex < 0 ? '' : url.slice(queryIndex + 1, queryIndex + 301),
      status: c.res.status,
      durationMs: Date.now() - started,
    })
  }
}
