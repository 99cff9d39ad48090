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
import { registerSecret } from '../../model/secret-values.ts'
import { type RawRequest } from './exchange.ts'
import {
  CreateCapError,
  HarnessStop,
  TransportError,
  UnsafePathError,
  WritesRefusedError,
} from './errors.ts'
import { idProblem, pathProblem } from './resource-path.ts'
import { operationOf, type LatencyRecorder } from '../../reports/latency.ts'
import {
  newTransportStats,
  Transport,
  type TransportOptions,
  type TransportStats,
} from './transport.ts'
import type { AuthChoice, HttpAnswer, HttpRequest, ScimHttp } from './types.ts'
import { SCIM_CONTENT_TYPE } from '../../model/scim-protocol.ts'

export interface AccountEndpoint {
  readonly baseUrl: string
  readonly key: string
}

export interface ScimHttpOptions extends TransportOptions {
  readonly main: AccountEndpoint
  readonly other?: AccountEndpoint
  /** False: refuse every request that could change data. Default true. */
  readonly allowWrites?: boolean
  /** Most creations (`POST /Users`, `POST /Groups`) one run may attempt. Default 200. */
  readonly maxCreates?: number
  readonly userAgent?: string
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

/**
 * Creations one run attempted, across every client it uses (SCIM and REST): one cap for the run,
 * so a second door cannot double what `--max-creates` allows.
 */
export interface CreateBudget {
  attempted: number
}

/** Shared between a client and the cleanup client derived from it. */
interface Ledger {
  readonly created: CreatedResource[]
  /** `created` by `account path` (lower-case), for O(1) delete tracking. */
  readonly byPath: Map<string, CreatedResource>
  readonly stats: TransportStats
  readonly budget: CreateBudget
  /** Creates that got no answer: the server may have applied them (sweep finds them). */
  unansweredCreates: number
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const COLLECTION = /^\/(users|groups)\/?(?:\?|$)/i

export class ScimHttpClient implements ScimHttp {
  private readonly ledger: Ledger
  private readonly transport: Transport

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
      stats: newTransportStats(),
      budget: { attempted: 0 },
      unansweredCreates: 0,
    }
    this.transport = new Transport(options, this.ledger.stats, () => this.secrets)
  }

  get created(): readonly CreatedResource[] {
    return this.ledger.created
  }

  get latency(): LatencyRecorder {
    return this.ledger.stats.latency
  }

  get unansweredCreates(): number {
    return this.ledger.unansweredCreates
  }

  get requestCount(): number {
    return this.ledger.stats.requests
  }

  /** The counters and the creation budget of this run, for another client of the same run. */
  get shared(): { readonly stats: TransportStats; readonly budget: CreateBudget } {
    return { stats: this.ledger.stats, budget: this.ledger.budget }
  }

  get maxResponseBytes(): number {
    return this.transport.maxResponseBytes
  }

  /** How many answers went past the response limit (cleanup's included), when any did. */
  get responsesOverLimit(): { readonly count: number; readonly limitBytes: number } | undefined {
    const count = this.ledger.stats.overLimit
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
    const what = `${request.method.toUpperCase()} ${request.path.split('?')[0] ?? ''}`
    const answer = await this.transport
      .send(this.rawRequest(request), operation, what)
      .catch((error: unknown) => {
        if (error instanceof TransportError && isCreate(request)) this.ledger.unansweredCreates += 1
        throw error
      })
    this.track(request, answer)
    this.options.onExchange?.(answer, operation)
    return answer
  }

  private guard(request: HttpRequest): void {
    this.transport.checkInterrupted()
    const unsafe = pathProblem(request.path)
    if (unsafe !== undefined) throw new UnsafePathError(request.path, unsafe)
    const method = request.method.toUpperCase()
    const write = !READ_METHODS.has(method) && !isSearch(method, request.path)
    if (write && this.options.allowWrites === false) throw new WritesRefusedError()
    if (isCreate(request)) {
      const cap = this.options.maxCreates ?? 200
      if (this.ledger.budget.attempted >= cap) throw new CreateCapError(cap)
      this.ledger.budget.attempted += 1
    }
    if (request.account === 'other' && !this.options.other) {
      throw new HarnessStop(
        'no second account configured (--other-account-url/--other-account-key)',
      )
    }
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
