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
import { PackedRing, type SlotLayout } from '../traffic/packed-ring.ts'

export interface RequestLogEntry {
  /** 1-based, per account; keeps counting after the log is cleared (the dashboard follows it). */
  readonly seq: number
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

/**
 * Entries packed into bytes (`traffic/packed-ring.ts` says why): kept as JS objects, each SCIM
 * request's entry was promoted out of the young generation, which cost more than anything else the
 * recorder does per request (BENCHMARKS.md). 512 bytes a slot hold a path and a query of a few
 * hundred characters; a longer one is kept as the object.
 */
const ENTRY_LAYOUT: SlotLayout<KeptEntry> = {
  textCount: 4,
  numberCount: 4,
  texts: (entry) => [entry.surface, entry.method, entry.path, entry.query],
  writeNumbers(entry, numbers, at) {
    numbers[at] = entry.atMs
    numbers[at + 1] = entry.status
    numbers[at + 2] = entry.durationMs
    numbers[at + 3] = entry.seq
  },
  item: ([surface, method, path, query], numbers, at) => ({
    surface: surface!,
    method: method!,
    path: path!,
    query: query!,
    atMs: numbers[at]!,
    status: numbers[at + 1]!,
    durationMs: numbers[at + 2]!,
    seq: numbers[at + 3]!,
  }),
  seqField: 3,
  seqOf: (entry) => entry.seq,
}
const SLOT_BYTES = 512

export class RequestLog {
  // A ring per account: a full log drops its oldest entry without moving the other entries.
  readonly #entries = new Map<string, PackedRing<KeptEntry>>()
  readonly #lastSeq = new Map<string, number>()
  constructor(private readonly limit: number) {}

  /** `entry.seq` comes from `nextSeq`. */
  record(accountId: string, entry: KeptEntry): void {
    let list = this.#entries.get(accountId)
    if (!list) {
      list = new PackedRing(Math.max(0, this.limit), ENTRY_LAYOUT, SLOT_BYTES)
      this.#entries.set(accountId, list)
    }
    list.push(entry)
  }

  /** Counts one more entry for the account and returns its seq. */
  nextSeq(accountId: string): number {
    const seq = (this.#lastSeq.get(accountId) ?? 0) + 1
    this.#lastSeq.set(accountId, seq)
    return seq
  }

  /** The seq of the account's newest entry; 0 before the first. */
  lastSeq(accountId: string): number {
    return this.#lastSeq.get(accountId) ?? 0
  }

  /** Newest first, secrets redacted. */
  list(accountId: string): RequestLogEntry[] {
    return this.#kept(accountId).reverse().map(shown)
  }

  /** The entries after `seq` whose surface is not `skipSurface`, oldest first, secrets redacted. */
  after(accountId: string, seq: number, skipSurface?: string): RequestLogEntry[] {
    if (this.lastSeq(accountId) <= seq) return []
    return this.#kept(accountId, seq)
      .filter((entry) => entry.surface !== skipSurface)
      .map(shown)
  }

  /** Oldest first; only those after `since` (unpacked: the others are skipped by their seq). */
  #kept(accountId: string, since = 0): KeptEntry[] {
    return this.#entries.get(accountId)?.toArray(since) ?? []
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
    seq: log.nextSeq(accountId),
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

function shown(entry: KeptEntry): RequestLogEntry {
  return {
    seq: entry.seq,
    timeUtc: new Date(entry.atMs).toISOString(),
    surface: entry.surface,
    method: entry.method,
    path: redactString(entry.path),
    query: redactedQuery(entry.query),
    status: entry.status,
    durationMs: entry.durationMs,
  }
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
