/**
 * A minimal, bounded per-account request log for the control plane (`GET /_admin/accounts/{id}/log`):
 * method, path, query, status and duration of every request to an account's SCIM, identity and
 * search endpoints. Headers and bodies are never kept. Paths and queries are kept as received and
 * redacted when the log is read (never on the request path): secret-named parameters
 * (`access_token=`, `token=`, `api_key=`), JWTs and bearer credentials by their shape, and the
 * secrets in play by value (`model/secret-values.ts`), before the query is cut to 300 characters so
 * that no half of a secret survives the cut. The full traffic recorder and audit are a separate
 * module (`mock-server/traffic/`).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import { redactString } from '../../model/redact.ts'
import type { AccountRegistry } from '../accounts/account-registry.ts'
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

/** Characters of the query shown per entry. */
const QUERY_CHARS = 300

const ACCOUNT_PATH =
  /^\/(identityservice|searchservice|principalservice|roleservice)\/api\/v\d+\/accounts\/([^/]+)(?:\/|$)/

/** As kept: the time as a number, formatted only when the log is read (most entries never are). */
interface KeptEntry extends Omit<RequestLogEntry, 'timeUtc'> {
  readonly atMs: number
}

export class RequestLog {
  // A ring per account: a full log drops its oldest entry without moving the other entries.
  readonly #entries = new Map<string, RingBuffer<KeptEntry>>()
  constructor(private readonly limit: number) {}

  record(accountId: string, entry: KeptEntry): void {
    let list = this.#entries.get(accountId)
    if (!list) this.#entries.set(accountId, (list = new RingBuffer(Math.max(0, this.limit))))
    list.push(entry)
  }

  /** Newest first, secrets redacted. */
  list(accountId: string): RequestLogEntry[] {
    const kept = this.#entries.get(accountId)?.toArray() ?? []
    return kept.reverse().map(({ atMs, path, query, ...entry }) => ({
      timeUtc: new Date(atMs).toISOString(),
      ...entry,
      path: redactString(path),
      query: redactedQuery(query),
    }))
  }

  clear(accountId: string): void {
    this.#entries.delete(accountId)
  }
}

/**
 * Logs the identity and search services. The SCIM surface is logged by its outermost middleware,
 * the traffic recorder, which times every SCIM exchange anyway (one layer fewer per SCIM request).
 */
export function requestLogger(ctx: {
  readonly accounts: AccountRegistry
  readonly clock: () => Date
  readonly requestLog: RequestLog
}): MiddlewareHandler {
  // Not an async function: `next().then` costs one promise, an awaiting frame costs several.
  return function requestLogger(c, next) {
    const match = ACCOUNT_PATH.exec(c.req.path)
    const encoded = match?.[2]
    const accountId = encoded?.includes('%') ? decodedOrUndefined(encoded) : encoded
    if (!match || !accountId || !ctx.accounts.get(accountId)) return next()
    const atMs = ctx.clock().getTime()
    const started = performance.now()
    return next().then(() =>
      logExchange(ctx.requestLog, c, accountId, match[1]!, {
        atMs,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      }),
    )
  }
}

/** When an exchange started (the app's clock), how it ended and how long it took. */
export interface ExchangeOutcome {
  readonly atMs: number
  readonly status: number
  readonly durationMs: number
}

/** Appends the entry of an answered exchange. */
export function logExchange(
  log: RequestLog,
  c: Context,
  accountId: string,
  surface: string,
  outcome: ExchangeOutcome,
): void {
  const url = c.req.url
  const queryIndex = url.indexOf('?')
  log.record(accountId, {
    atMs: outcome.atMs,
    surface,
    method: c.req.method,
    path: c.req.path,
    // Whole: cut only once redacted (`list`).
    query: queryIndex < 0 ? '' : url.slice(queryIndex + 1),
    status: outcome.status,
    durationMs: outcome.durationMs,
  })
}

/** `redactString` reads a parameter after `?`, `&`, `#` or `;`; the first one has none here. */
function redactedQuery(query: string): string {
  if (query === '') return query
  return redactString(`?${query}`).slice(1, QUERY_CHARS + 1)
}

/** A malformed escape names no account; the route answers that request, not the log. */
function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}
