/**
 * The harness's only way to reach a target. It owns every safety guard so no rule can bypass one:
 * write refusal, the creation cap, 429 `Retry-After` handling with bounded retries, request timeouts,
 * the response size limit, interruption, redaction, latency per operation, and the ledger of
 * created resources that cleanup deletes afterwards. It sends only where the target is: no path
 * with a `.` or `..` segment, and redirects are never followed (a 3xx is the answer), so the key
 * never travels to another origin.
 *
 * @module
 */
import type { Exchange } from '../../model/rule.ts'
import { redactString } from '../../model/redact.ts'
import { registerSecret } from '../../model/secret-values.ts'
import { buildExchange, headersOf, scrubSecrets, type RawRequest } from './exchange.ts'
import {
  CreateCapError,
  HarnessStop,
  InterruptedError,
  ResponseTooLargeError,
  TransportError,
  UnsafePathError,
  WritesRefusedError,
} from './errors.ts'
import { DEFAULT_MAX_RESPONSE_BYTES, formatBytes, readBodyText } from './read-body.ts'
import { idProblem, pathProblem } from './resource-path.ts'
import { LatencyRecorder, operationOf } from '../../reports/latency.ts'
import { retryDelay } from './retry-after.ts'
import type { AuthChoice, FetchLike, HttpAnswer, HttpRequest, ScimHttp } from './types.ts'
import { SCIM_CONTENT_TYPE } from '../../model/scim-protocol.ts'

export interface AccountEndpoint {
  readonly baseUrl: string
  readonly key: string
}

export interface ScimHttpOptions {
  readonly main: AccountEndpoint
  readonly other?: AccountEndpoint
  readonly fetch: FetchLike
  /** Per attempt. Default 10 s. */
  readonly timeoutMs?: number
  /** Most bytes of one answer's body read; past it, a `ResponseTooLargeError`. Default 4 MiB. */
  readonly maxResponseBytes?: number
  /** Retries after a 429. Default 3. */
  readonly maxRetries?: number
  /** Longest single wait a `Retry-After` may impose. Default 30 s. */
  readonly maxRetryWaitMs?: number
  /** Back-off when a 429 has no `Retry-After`. Default 500 ms, doubled per retry. */
  readonly baseRetryDelayMs?: number
  /** False: refuse every request that could change data. Default true. */
  readonly allowWrites?: boolean
  /** Most creations (`POST /Users`, `POST /Groups`) one run may attempt. Default 200. */
  readonly maxCreates?: number
  readonly userAgent?: string
  readonly sleep?: (ms: number) => Promise<void>
  /** Refuses new requests and cuts 429 waits short (Ctrl-C); requests in flight finish. */
  readonly signal?: AbortSignal
  /** Called after every request, with the redacted exchange (dry-run printing, traffic logs). */
  readonly onExchange?: (answer: HttpAnswer, operation: string) => void
}

/** A resource this run created, in creation order. */
export interface CreatedResource {
  readonly account: 'main' | 'other'
  /** Path under the SCIM base: `/Users/{id}`. */
  readonly path: string
  readonly id: string
  readonly userName?: string
  /** Why the id cannot be put in a path (`..`, `a/b`): cleanup cannot delete it and says so. */
  readonly unsafeId?: string
  gone: boolean
}

/** Shared between a client and the cleanup client derived from it. */
interface Ledger {
  readonly created: CreatedResource[]
  /** `created` by `account path` (lower-case), for O(1) delete tracking. */
  readonly byPath: Map<string, CreatedResource>
  readonly latency: LatencyRecorder
  attemptedCreates: number
  /** Creates that got no answer: the server may have applied them (sweep finds them). */
  unansweredCreates: number
  /** Answers whose body went past the response limit. */
  overLimit: number
  requests: number
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const COLLECTION = /^\/(users|groups)\/?(?:\?|$)/i

export class ScimHttpClient implements ScimHttp {
  private readonly ledger: Ledger

  constructor(
    private readonly options: ScimHttpOptions,
    ledger?: Ledger,
  ) {
    // Whatever this client sends as a credential is a secret in play: every output redacts it.
    registerSecret(options.main.key)
    registerSecret(options.other?.key)
    this.ledger = ledger ?? {
      created: [],
      byPath: new Map(),
      latency: new LatencyRecorder(),
      attemptedCreates: 0,
      unansweredCreates: 0,
      overLimit: 0,
      requests: 0,
    }
  }

  get created(): readonly CreatedResource[] {
    return this.ledger.created
  }

  get latency(): LatencyRecorder {
    return this.ledger.latency
  }

  get unansweredCreates(): number {
    return this.ledger.unansweredCreates
  }

  get requestCount(): number {
    return this.ledger.requests
  }

  get maxResponseBytes(): number {
    return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  }

  /** How many answers went past the response limit (cleanup's included), when any did. */
  get responsesOverLimit(): { readonly count: number; readonly limitBytes: number } | undefined {
    const count = this.ledger.overLimit
    return count === 0 ? undefined : { count, limitBytes: this.maxResponseBytes }
  }

  /** The keys this client may send: redacted from everything it records. */
  get secrets(): string[] {
    return [this.options.main.key, ...(this.options.other ? [this.options.other.key] : [])]
  }

  get hasOtherAccount(): boolean {
    return this.options.other !== undefined
  }

  /**
   * A client for cleanup: same ledger and target, writes allowed (it only deletes what this run
   * created), not tied to the run's abort signal so Ctrl-C still cleans up. `abandon` (a second
   * Ctrl-C) is its own signal: it refuses further deletes and cuts 429 waits short.
   */
  forCleanup(abandon?: AbortSignal): ScimHttpClient {
    const { signal: _signal, ...rest } = this.options
    return new ScimHttpClient(
      { ...rest, allowWrites: true, ...(abandon ? { signal: abandon } : {}) },
      this.ledger,
    )
  }

  async send(request: HttpRequest): Promise<HttpAnswer> {
    this.guard(request)
    const operation = operationOf(request.method, request.path)
    const maxRetries = this.options.maxRetries ?? 3
    for (let attempt = 0; ; attempt += 1) {
      const answer = await this.attempt(request).catch((error: unknown) => {
        if (error instanceof TransportError && isCreate(request)) this.ledger.unansweredCreates += 1
        throw error
      })
      if (answer.status !== 429 || attempt >= maxRetries) {
        this.afterAnswer(request, answer, operation)
        return answer
      }
      await this.wait(answer.headers['retry-after'], attempt)
    }
  }

  private guard(request: HttpRequest): void {
    if (this.options.signal?.aborted) throw new InterruptedError()
    const unsafe = pathProblem(request.path)
    if (unsafe !== undefined) throw new UnsafePathError(request.path, unsafe)
    const method = request.method.toUpperCase()
    const write = !READ_METHODS.has(method) && !isSearch(method, request.path)
    if (write && this.options.allowWrites === false) throw new WritesRefusedError()
    if (isCreate(request)) {
      const cap = this.options.maxCreates ?? 200
      if (this.ledger.attemptedCreates >= cap) throw new CreateCapError(cap)
      this.ledger.attemptedCreates += 1
    }
    if (request.account === 'other' && !this.options.other) {
      throw new HarnessStop(
        'no second account configured (--other-account-url/--other-account-key)',
      )
    }
  }

  private async wait(retryAfter: string | undefined, attempt: number): Promise<void> {
    const ms = retryDelay(retryAfter, attempt, {
      now: Date.now(),
      maxWaitMs: this.options.maxRetryWaitMs ?? 30_000,
      baseDelayMs: this.options.baseRetryDelayMs ?? 500,
    })
    const sleep =
      this.options.sleep ?? ((delay: number) => abortableSleep(delay, this.options.signal))
    await sleep(ms)
    if (this.options.signal?.aborted) throw new InterruptedError()
  }

  private async attempt(request: HttpRequest): Promise<HttpAnswer> {
    const raw = this.rawRequest(request)
    const timeoutMs = this.options.timeoutMs ?? 10_000
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs)
    // Ctrl-C does not abort a request in flight: an aborted create may still be applied, and
    // its id would then be unknown to cleanup. New requests are refused instead (guard).
    const started = performance.now()
    this.ledger.requests += 1
    try {
      const response = await this.options.fetch(
        new Request(raw.url, {
          method: raw.method,
          headers: raw.headers,
          ...(raw.bodyText === undefined ? {} : { body: raw.bodyText }),
          // A redirect is the answer: following it could carry the key to another origin.
          redirect: 'manual',
        }),
        // Beside the Request, not inside it: see FetchLike.
        { signal: controller.signal },
      )
      const read = await readBodyText(response, this.maxResponseBytes)
      const durationMs = performance.now() - started
      const headers = headersOf(response.headers)
      const secrets = this.secrets
      if (read.overLimit)
        throw this.overLimit(raw, request, response.status, headers, read.text, durationMs)
      const text = read.text
      let exchange: Exchange | undefined
      // Redacting every exchange costs a fifth of a sizing run; most are never looked at.
      return {
        status: response.status,
        headers,
        body: parseJson(text),
        text,
        durationMs,
        get exchange(): Exchange {
          exchange ??= buildExchange(
            raw,
            { status: response.status, headers, bodyText: text },
            { durationMs, secrets },
          )
          return exchange
        },
      }
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error
      const durationMs = performance.now() - started
      const message = scrubSecrets(
        redactString(describeFailure(error, controller.signal, timeoutMs)),
        this.secrets,
      )
      const exchange = buildExchange(raw, undefined, {
        durationMs,
        error: message,
        secrets: this.secrets,
      })
      if (this.options.signal?.aborted) throw new InterruptedError()
      throw new TransportError(message, exchange)
    } finally {
      clearTimeout(timer)
    }
  }

  private overLimit(
    raw: RawRequest,
    request: HttpRequest,
    status: number,
    headers: Record<string, string>,
    preview: string,
    durationMs: number,
  ): ResponseTooLargeError {
    this.ledger.overLimit += 1
    const limit = this.maxResponseBytes
    const exchange = buildExchange(
      raw,
      { status, headers, bodyText: preview, overLimitBytes: limit },
      { durationMs, secrets: this.secrets },
    )
    const what = `${raw.method} ${request.path.split('?')[0] ?? ''}`
    return new ResponseTooLargeError(
      `the answer to ${what} (HTTP ${status}) was larger than ${formatBytes(limit)}; the harness stopped reading it there and hung up. If answers this large are expected, raise the limit with --max-response-bytes (maxResponseBytes in the library)`,
      exchange,
      limit,
    )
  }

  private rawRequest(request: HttpRequest): RawRequest {
    const endpoint = request.account === 'other' ? this.options.other : this.options.main
    const base = (endpoint ?? this.options.main).baseUrl.replace(/\/+$/, '')
    const headers: Record<string, string> = {
      Accept: 'application/scim+json, application/json',
      'User-Agent': this.options.userAgent ?? 'clearid-conformance',
    }
    const authorization = this.authorization(request.auth ?? 'key', request.account)
    if (authorization !== undefined) headers.Authorization = authorization
    const bodyText =
      request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body))
    const contentType = request.contentType === undefined ? SCIM_CONTENT_TYPE : request.contentType
    if (bodyText !== undefined && contentType !== null) headers['Content-Type'] = contentType
    Object.assign(headers, request.headers)
    return {
      method: request.method.toUpperCase(),
      url: base + request.path,
      headers,
      ...(bodyText === undefined ? {} : { bodyText }),
    }
  }

  private authorization(auth: AuthChoice, account: HttpRequest['account']): string | undefined {
    if (auth === 'none') return undefined
    if (auth === 'key' || auth === 'foreign-key') {
      const other = this.options.other
      if (auth === 'foreign-key' && !other) throw new HarnessStop('no second account configured')
      const addressedOther = account === 'other'
      const useOther = auth === 'key' ? addressedOther : !addressedOther
      return `Bearer ${(useOther && other ? other : this.options.main).key}`
    }
    if ('bearer' in auth) return `Bearer ${registerSecret(auth.bearer)}`
    registerSecret(/^\S+\s+(\S.*)$/.exec(auth.authorization)?.[1] ?? auth.authorization)
    return auth.authorization
  }

  private afterAnswer(request: HttpRequest, answer: HttpAnswer, operation: string): void {
    this.ledger.latency.record(operation, answer.durationMs)
    this.track(request, answer)
    this.options.onExchange?.(answer, operation)
  }

  private track(request: HttpRequest, answer: HttpAnswer): void {
    const method = request.method.toUpperCase()
    const account = request.account ?? 'main'
    if (method === 'POST' && COLLECTION.test(request.path) && answer.status < 300) {
      const body = answer.body as { id?: unknown; userName?: unknown } | undefined
      if (typeof body?.id !== 'string' || body.id === '') return
      const collection = request.path.split(/[/?]/)[1] ?? 'Users'
      const unsafeId = idProblem(body.id)
      const entry: CreatedResource = {
        account,
        path:
          unsafeId === undefined
            ? `/${collection}/${encodeURIComponent(body.id)}`
            : `/${collection}/{id}`,
        id: body.id,
        ...(typeof body.userName === 'string' ? { userName: body.userName } : {}),
        ...(unsafeId === undefined ? {} : { unsafeId }),
        gone: false,
      }
      this.ledger.created.push(entry)
      if (unsafeId === undefined) this.ledger.byPath.set(ledgerKey(account, entry.path), entry)
      return
    }
    if (method === 'DELETE' && (answer.status === 204 || answer.status === 404)) {
      const pathname = request.path.split('?')[0] ?? ''
      const entry = this.ledger.byPath.get(ledgerKey(account, pathname))
      if (entry) entry.gone = true
    }
  }
}

function ledgerKey(account: string, path: string): string {
  return `${account} ${path.replace(/\/+$/, '').toLowerCase()}`
}

function isCreate(request: HttpRequest): boolean {
  return request.method.toUpperCase() === 'POST' && COLLECTION.test(request.path)
}

function isSearch(method: string, path: string): boolean {
  return method === 'POST' && /\/\.search\/?(?:\?|$)/.test(path)
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms (timeout)`
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const detail = cause?.code ?? cause?.message
  const message = error instanceof Error ? error.message : String(error)
  return detail ? `${message} (${detail})` : message
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
