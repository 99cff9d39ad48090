/**
 * The harness's only way to reach ClearID's REST services (token, identity, search) and the mock's
 * control plane. Like the SCIM client (`driver/http/scim-http.ts`) it owns every guard, so no rule
 * can bypass one: writes refused without `--allow-writes`, identity creations counted against the
 * run's one creation cap and refused unless tagged `cc-<runId>-`, control-plane writes limited to
 * what the run itself made, paths without `.`/`..` segments, redirects never followed, every
 * credential (client secret, private key, access tokens, assertions, admin token) redacted. What
 * it creates goes into a ledger that cleanup deletes afterwards.
 *
 * @module
 */
import { registerSecret } from '../../model/secret-values.ts'
import { HarnessStop, TransportError, UnsafePathError, WritesRefusedError } from '../http/errors.ts'
import { CreateCapError } from '../http/errors.ts'
import type { RawRequest } from '../http/exchange.ts'
import { pathProblem } from '../http/resource-path.ts'
import type { CreateBudget } from '../http/scim-http.ts'
import { Transport, type TransportOptions, type TransportStats } from '../http/transport.ts'
import type { HttpAnswer } from '../http/types.ts'
import {
  carriesTag,
  controlProblem,
  isIdentityItem,
  kindOf,
  scimAccountOfPath,
} from './rest-guard.ts'
import type { ControlPlane, RestCredentials, RestEndpoints, RestService } from './rest-endpoints.ts'
import { TokenSource } from './token-source.ts'
import type { RestAuth, RestRequest } from './rest-request.ts'

export type { RestAuth, RestRequest } from './rest-request.ts'

/** An identity (or control-plane resource) this run created, for cleanup. */
export interface RestCreated {
  readonly service: RestService
  /** Path under the service base that deletes it. */
  readonly path: string
  readonly id: string
  /** `systemData.externalId` or a name, shown when it is left over. */
  readonly label?: string
  gone: boolean
}

export interface RestHttpOptions extends TransportOptions {
  readonly endpoints: RestEndpoints
  readonly credentials: RestCredentials
  readonly control?: ControlPlane
  /** `cc-<runId>-`: what every identity and account the run makes starts with. */
  readonly runTag: string
  /** False: refuse every request that could change data. Default true. */
  readonly allowWrites?: boolean
  readonly maxCreates?: number
  readonly userAgent?: string
  readonly onExchange?: (answer: HttpAnswer, operation: string) => void
}

interface RestLedger {
  readonly created: RestCreated[]
  readonly webhooks: Set<string>
  readonly integrations: Set<string>
  readonly scratchAccounts: Set<string>
  unansweredCreates: number
}

/** Shared with the run's SCIM client: one set of counters, one creation cap. */
export interface RestShared {
  readonly stats: TransportStats
  readonly budget: CreateBudget
}

export class RestHttpClient {
  private readonly transport: Transport
  private readonly ledger: RestLedger
  readonly tokens: TokenSource

  constructor(
    private readonly options: RestHttpOptions,
    private readonly shared: RestShared,
    ledger?: RestLedger,
    tokens?: TokenSource,
  ) {
    registerSecret(options.credentials.clientSecret)
    registerSecret(options.control?.adminToken)
    this.ledger = ledger ?? {
      created: [],
      webhooks: new Set(),
      integrations: new Set(),
      scratchAccounts: new Set(),
      unansweredCreates: 0,
    }
    this.transport = new Transport(options, shared.stats, () => this.secrets)
    this.tokens = tokens ?? new TokenSource(options.credentials, (request) => this.send(request))
  }

  get endpoints(): RestEndpoints {
    return this.options.endpoints
  }

  get credentials(): RestCredentials {
    return this.options.credentials
  }

  get hasControlPlane(): boolean {
    return this.options.control !== undefined
  }

  get runTag(): string {
    return this.options.runTag
  }

  get created(): readonly RestCreated[] {
    return this.ledger.created
  }

  get scratchAccounts(): readonly string[] {
    return [...this.ledger.scratchAccounts]
  }

  get unansweredCreates(): number {
    return this.ledger.unansweredCreates
  }

  /** The secrets this client sends by value; tokens and assertions are redacted by their shape. */
  get secrets(): string[] {
    const { clientSecret } = this.options.credentials
    const admin = this.options.control?.adminToken
    return [clientSecret, admin].filter((s): s is string => s !== undefined && s !== '')
  }

  /**
   * A client for cleanup: same ledger and tokens, writes allowed, not stopped by the run's Ctrl-C.
   * `abandon` (a second Ctrl-C) is its own signal: it refuses further deletes.
   */
  forCleanup(abandon?: AbortSignal): RestHttpClient {
    const { signal: _signal, ...rest } = this.options
    return new RestHttpClient(
      { ...rest, allowWrites: true, ...(abandon ? { signal: abandon } : {}) },
      this.shared,
      this.ledger,
      this.tokens,
    )
  }

  /** `/api/v2/accounts/{accountId}/identities` plus `rest`, the account encoded. */
  identitiesPath(version: 'v2' | 'v3' | 'v1' = 'v2', rest = '', accountId?: string): string {
    const account = encodeURIComponent(accountId ?? this.options.endpoints.accountId)
    return `/api/${version}/accounts/${account}/identities${rest}`
  }

  async send(request: RestRequest): Promise<HttpAnswer> {
    const kind = this.guard(request)
    const raw = await this.rawRequest(request)
    if (kind.kind === 'create') this.reserveCreate(kind.via, raw.bodyText)
    const operation = `${request.method.toUpperCase()} ${operationPath(request)}`
    const what = `${request.method.toUpperCase()} ${request.path.split('?')[0] ?? ''}`
    const answer = await this.transport.send(raw, operation, what).catch((error: unknown) => {
      if (error instanceof TransportError && kind.kind === 'create')
        this.ledger.unansweredCreates += 1
      throw error
    })
    this.track(request, answer)
    this.options.onExchange?.(answer, operation)
    return answer
  }

  private guard(request: RestRequest) {
    this.transport.checkInterrupted()
    const unsafe = pathProblem(request.path)
    if (unsafe !== undefined) throw new UnsafePathError(request.path, unsafe)
    if ((request.service === 'control' || request.service === 'mock') && !this.options.control)
      throw new HarnessStop('the target has no control plane (the mock only; --admin-token)')
    const kind = kindOf(request.service, request.method, request.path)
    if (kind.kind === 'read') return kind
    if (this.options.allowWrites === false) throw new WritesRefusedError()
    const problem = this.ownershipProblem(request)
    if (problem !== undefined)
      throw new HarnessStop(
        `the harness refused ${request.method.toUpperCase()} ${request.path.split('?')[0] ?? ''}: ${problem}`,
      )
    return kind
  }

  private ownershipProblem(request: RestRequest): string | undefined {
    const owned = {
      mainAccount: this.options.endpoints.accountId,
      scratchPrefix: this.options.runTag,
      webhooks: this.ledger.webhooks,
      integrations: this.ledger.integrations,
    }
    if (request.service === 'control')
      return controlProblem(request.method, request.path, owned, request.body)
    if (request.service === 'mock') {
      const account = scimAccountOfPath(request.path)
      return account?.startsWith(this.options.runTag)
        ? undefined
        : 'SCIM writes through the control plane go to scratch accounts only'
    }
    return undefined
  }

  private reserveCreate(via: 'rest' | 'scim', bodyText: string | undefined): void {
    if (!carriesTag(via, bodyText, this.options.runTag))
      throw new HarnessStop(
        `the harness refused to create an identity without the run tag "${this.options.runTag}" (in systemData.externalId or firstName): sweep could not find it`,
      )
    const cap = this.options.maxCreates ?? 200
    if (this.shared.budget.attempted >= cap) throw new CreateCapError(cap)
    this.shared.budget.attempted += 1
  }

  private base(service: RestService): string {
    const { endpoints, control } = this.options
    const bases: Record<RestService, string | undefined> = {
      sts: endpoints.sts,
      identity: endpoints.identity,
      search: endpoints.search,
      control: control && `${control.origin}/_admin`,
      mock: control?.origin,
    }
    return (bases[service] ?? '').replace(/\/+$/, '')
  }

  private async rawRequest(request: RestRequest): Promise<RawRequest> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.options.userAgent ?? 'clearid-conformance',
    }
    const authorization = await this.authorization(request)
    if (authorization !== undefined) headers.Authorization = authorization
    const form = request.form && new URLSearchParams(request.form).toString()
    const json = request.body === undefined ? undefined : JSON.stringify(request.body)
    const bodyText = request.rawBody ?? form ?? json
    const contentType =
      request.contentType === undefined
        ? form !== undefined && request.rawBody === undefined
          ? 'application/x-www-form-urlencoded'
          : 'application/json'
        : request.contentType
    if (bodyText !== undefined && contentType !== null) headers['Content-Type'] = contentType
    Object.assign(headers, request.headers)
    return {
      method: request.method.toUpperCase(),
      url: this.base(request.service) + request.path,
      headers,
      ...(bodyText === undefined ? {} : { bodyText }),
    }
  }

  private async authorization(request: RestRequest): Promise<string | undefined> {
    const auth = request.auth ?? defaultAuth(request.service)
    if (auth === 'none') return undefined
    if (auth === 'token') return `Bearer ${await this.tokens.token()}`
    if (auth === 'admin') {
      const admin = this.options.control?.adminToken
      if (admin === undefined) throw new HarnessStop('the target has no control plane')
      return `Bearer ${admin}`
    }
    if ('bearer' in auth) return `Bearer ${registerSecret(auth.bearer)}`
    registerSecret(/^\S+\s+(\S.*)$/.exec(auth.authorization)?.[1] ?? auth.authorization)
    return auth.authorization
  }

  private track(request: RestRequest, answer: HttpAnswer): void {
    const method = request.method.toUpperCase()
    const body = isObject(answer.body) ? answer.body : undefined
    const ok = answer.status >= 200 && answer.status < 300
    const kind = kindOf(request.service, method, request.path)
    if (kind.kind === 'create' && kind.via === 'rest' && ok) {
      const id = body?.identityId
      if (typeof id !== 'string' || id === '') return
      const pathname = request.path.split('?')[0]?.replace(/\/+$/, '') ?? ''
      const system = isObject(body?.systemData) ? body.systemData : undefined
      const label = typeof system?.externalId === 'string' ? system.externalId : undefined
      this.ledger.created.push({
        service: 'identity',
        path: `${pathname}/${encodeURIComponent(id)}`,
        id,
        ...(label === undefined ? {} : { label }),
        gone: false,
      })
      return
    }
    if (method === 'DELETE' && (request.service === 'control' || isIdentityItem(request.path))) {
      if (answer.status !== 204 && answer.status !== 200 && answer.status !== 404) return
      const pathname = (request.path.split('?')[0] ?? '').replace(/\/+$/, '').toLowerCase()
      for (const entry of this.ledger.created)
        if (entry.service === request.service && entry.path.toLowerCase() === pathname)
          entry.gone = true
      return
    }
    if (request.service === 'control' && method === 'POST' && ok) this.trackControl(request, body)
  }

  private trackControl(request: RestRequest, body: Record<string, unknown> | undefined): void {
    const pathname = request.path.split('?')[0]?.replace(/\/+$/, '') ?? ''
    if (/^\/accounts$/.test(pathname) && typeof body?.accountId === 'string') {
      this.ledger.scratchAccounts.add(body.accountId)
      return
    }
    const match = /^\/accounts\/([^/]+)\/(webhooks|integrations)$/.exec(pathname)
    if (!match) return
    const id = match[2] === 'webhooks' ? body?.webhookId : body?.integrationId
    if (typeof id !== 'string' || id === '') return
    ;(match[2] === 'webhooks' ? this.ledger.webhooks : this.ledger.integrations).add(id)
    this.ledger.created.push({
      service: 'control',
      path: `${pathname}/${encodeURIComponent(id)}`,
      id,
      label: match[2] === 'webhooks' ? 'webhook' : 'API integration',
      gone: false,
    })
  }
}

function defaultAuth(service: RestService): RestAuth {
  if (service === 'identity' || service === 'search') return 'token'
  return service === 'control' ? 'admin' : 'none'
}

/** The operation of a request for latency: ids and query values gone. */
function operationPath(request: RestRequest): string {
  const pathname = request.path.split('?')[0] ?? ''
  const shape = pathname
    .replace(/\/accounts\/[^/]+/, '/accounts/{a}')
    .replace(/\/identities\/[^/]+/, '/identities/{id}')
    .replace(/\/(webhooks|integrations)\/[^/]+/, '/$1/{id}')
  const service = request.service === 'identity' ? 'identityservice' : request.service
  return `${service}${shape}`
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
