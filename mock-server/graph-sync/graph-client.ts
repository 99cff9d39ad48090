/**
 * A Microsoft Graph reader for the synchronization: the client-credentials token, JSON reads,
 * paging by `@odata.nextLink`, and Graph's failure modes handled as a careful client handles them:
 *
 * - 429 and 503: wait `Retry-After` (503 without one: 1, 2, 4 … seconds) and retry, at most
 *   `maxRetries` times per request; a wait over `maxRetryAfterSeconds` stops the read;
 * - 401 `InvalidAuthenticationToken` (the token expired mid-run): get a new token once and retry;
 *   a second 401 stops the read;
 * - anything else (a broken `nextLink`, 403, a network failure): the read stops with a
 *   `GraphReadError` that says what happened.
 *
 * It reads through the `fetch` it is given (`createApp({graphFetch})`, or the app itself for its
 * fake source), so it needs no Node module. It follows links only on the Graph origin it was
 * configured with, so the token never goes elsewhere, and the secret and tokens never appear in
 * its errors. Answers are read within limits (`ANSWER_BYTES`, `PHOTO_BYTES`): a configuration may
 * name any URL, and what answers there must not fill the mock's heap.
 *
 * @module
 */
import { formatBytes, readBodyBytes, readJsonObject } from '../../model/read-response.ts'

export type GraphFetch = (url: string, init: RequestInit) => Promise<Response>

export interface GraphClientSettings {
  /** The Graph service root, `https://graph.microsoft.com/v1.0`. */
  readonly graphUrl: string
  /** The identity platform's base: `{loginUrl}/{tenant}/oauth2/v2.0/token`. */
  readonly loginUrl: string
  readonly tenantId: string
  readonly clientId: string
  readonly clientSecret: string
  readonly fetch: GraphFetch
  readonly sleep: (ms: number) => Promise<void>
  readonly maxRetries: number
  readonly maxRetryAfterSeconds: number
  /** Told of every token, retry and renewal (the engine logs them). */
  readonly onEvent?: (event: GraphClientEvent) => void
}

export type GraphClientEvent =
  | { readonly type: 'token'; readonly renewal: boolean; readonly roles: readonly string[] }
  | {
      readonly type: 'retry'
      readonly status: number
      readonly code?: string
      readonly seconds: number
      readonly attempt: number
      readonly path: string
    }
  | { readonly type: 'token-expired'; readonly path: string }

export type GraphReadErrorKind =
  'network' | 'token' | 'graph' | 'throttled' | 'expired' | 'link' | 'answer'

/** Why a read stopped; `message` says it plainly, without secrets. */
export class GraphReadError extends Error {
  override readonly name = 'GraphReadError'
  constructor(
    message: string,
    readonly kind: GraphReadErrorKind,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message)
  }
}

/** Graph's scope for an app-only token: every Application permission granted. */
const SCOPE = 'https://graph.microsoft.com/.default'

type Json = Record<string, unknown>

/** Largest JSON answer read: a page of 999 users with every property is a few MB. */
const ANSWER_BYTES = 32 * 1024 * 1024
/** Largest photo read: Graph takes profile photos of at most 4 MB. */
const PHOTO_BYTES = 8 * 1024 * 1024

export class GraphClient {
  readonly #s: GraphClientSettings
  readonly #origin: string
  #token: string | undefined
  #requests = 0

  constructor(settings: GraphClientSettings) {
    this.#s = { ...settings, graphUrl: settings.graphUrl.replace(/\/+$/, '') }
    this.#origin = new URL(this.#s.graphUrl).origin
  }

  /** Requests sent so far, token requests included. */
  get requests(): number {
    return this.#requests
  }

  /** A GET answered with JSON. `pathOrUrl`: below the service root, or a link Graph gave. */
  async getJson(pathOrUrl: string, headers: Record<string, string> = {}): Promise<Json> {
    const response = await this.#send('GET', pathOrUrl, headers)
    return this.#json(response, pathOrUrl)
  }

  async postJson(path: string, body: unknown): Promise<Json> {
    const response = await this.#send(
      'POST',
      path,
      { 'Content-Type': 'application/json' },
      JSON.stringify(body),
    )
    return this.#json(response, path)
  }

  /** A binary GET (a photo); null when Graph answers 404. */
  async getBytes(path: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    const response = await this.#send('GET', path, {}, undefined, [404])
    if (response.status === 404) {
      await response.body?.cancel()
      return null
    }
    const bytes = await readBodyBytes(response, PHOTO_BYTES)
    if (bytes === 'too large')
      throw new GraphReadError(
        `Graph's photo at ${this.#shown(path)} is larger than ${formatBytes(PHOTO_BYTES)}: it is not read.`,
        'answer',
      )
    return {
      bytes,
      contentType: response.headers.get('content-type')?.split(';')[0]?.trim() ?? 'image/jpeg',
    }
  }

  /**
   * Every page of a collection from `first`, following `@odata.nextLink`; `onPage` gets each
   * page's `value`. Returns the last page (its `@odata.deltaLink`, for a delta round).
   */
  async pages(
    first: string,
    onPage: (value: readonly Json[]) => void,
    headers: Record<string, string> = {},
  ): Promise<Json> {
    let next: string | undefined = first
    for (;;) {
      const page: Json = await this.getJson(next, headers)
      const value = page.value
      if (!Array.isArray(value))
        throw new GraphReadError(
          `Graph's answer to ${this.#shown(next)} has no "value" list: it is not a collection page.`,
          'answer',
        )
      onPage(value.filter((v): v is Json => typeof v === 'object' && v !== null))
      const link = page['@odata.nextLink']
      if (typeof link !== 'string') return page
      next = link
    }
  }

  /** Gets a token (the first, or a new one after an expiry). */
  async authenticate(renewal = false): Promise<void> {
    const s = this.#s
    const url = `${s.loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(s.tenantId)}/oauth2/v2.0/token`
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: s.clientId,
      client_secret: s.clientSecret,
      scope: SCOPE,
    })
    const response = await this.#withRetries('POST', url, 'the token endpoint', () =>
      this.#fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
    )
    const body = await readJson(response)
    if (!response.ok) {
      const error = typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`
      const description =
        typeof body?.error_description === 'string'
          ? (body.error_description.split(/\r?\n/)[0] ?? '').replace(/\.\s*$/, '')
          : ''
      throw new GraphReadError(
        this.#scrub(
          `The token endpoint refused the app (${response.status} ${error})${description ? `: ${description.slice(0, 300)}` : ''}.`,
        ),
        'token',
        response.status,
        error,
      )
    }
    const token = body?.access_token
    if (typeof token !== 'string' || token === '')
      throw new GraphReadError('The token endpoint answered without an access_token.', 'token')
    this.#token = token
    s.onEvent?.({ type: 'token', renewal, roles: rolesOf(token) })
  }

  async #send(
    method: string,
    pathOrUrl: string,
    headers: Record<string, string>,
    body?: string,
    accepted: readonly number[] = [],
  ): Promise<Response> {
    if (this.#token === undefined) await this.authenticate()
    const url = this.#resolve(pathOrUrl)
    const shown = this.#shown(url)
    let renewed = false
    for (;;) {
      const response = await this.#withRetries(method, url, shown, () =>
        this.#fetch(url, {
          method,
          headers: {
            Authorization: `Bearer ${this.#token}`,
            Accept: 'application/json',
            ...headers,
          },
          ...(body !== undefined && { body }),
        }),
      )
      if (response.ok || accepted.includes(response.status)) return response
      const error = await graphErrorOf(response)
      if (response.status === 401 && error.code === 'InvalidAuthenticationToken' && !renewed) {
        // A token that expired mid-run: one new token, then the same request again.
        renewed = true
        this.#s.onEvent?.({ type: 'token-expired', path: shown })
        await this.authenticate(true)
        continue
      }
      const what = `${method} ${shown} answered ${response.status}${error.code ? ` ${error.code}` : ''}`
      const kind: GraphReadErrorKind = response.status === 401 ? 'expired' : 'graph'
      const after = response.status === 401 ? ' even with a new token' : ''
      throw new GraphReadError(
        this.#scrub(`${what}${after}${error.message ? `: ${error.message.slice(0, 300)}` : '.'}`),
        kind,
        response.status,
        error.code,
      )
    }
  }

  /** Sends, and on 429 or 503 waits as Graph asks and sends again, within the bounds. */
  async #withRetries(
    method: string,
    url: string,
    shown: string,
    send: () => Promise<Response>,
  ): Promise<Response> {
    const s = this.#s
    for (let attempt = 1; ; attempt++) {
      const response = await send()
      if (response.status !== 429 && response.status !== 503) return response
      const error = await graphErrorOf(response)
      const seconds = retryAfterOf(response, attempt)
      const what = `${method} ${shown} answered ${response.status}${error.code ? ` ${error.code}` : ''}`
      if (attempt > s.maxRetries)
        throw new GraphReadError(
          `${what} ${attempt} times; options.maxRetries (${s.maxRetries}) allows no more retries.`,
          'throttled',
          response.status,
          error.code,
        )
      if (seconds > s.maxRetryAfterSeconds)
        throw new GraphReadError(
          `${what} and asked to wait ${seconds} s (Retry-After), longer than options.maxRetryAfterSeconds (${s.maxRetryAfterSeconds} s).`,
          'throttled',
          response.status,
          error.code,
        )
      s.onEvent?.({
        type: 'retry',
        status: response.status,
        ...(error.code && { code: error.code }),
        seconds,
        attempt,
        path: shown,
      })
      await s.sleep(seconds * 1000)
    }
  }

  async #fetch(url: string, init: RequestInit): Promise<Response> {
    this.#requests++
    try {
      return await this.#s.fetch(url, init)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new GraphReadError(
        this.#scrub(`${new URL(url).origin} could not be reached: ${reason.slice(0, 200)}`),
        'network',
      )
    }
  }

  async #json(response: Response, pathOrUrl: string): Promise<Json> {
    const body = await readJsonObject(response, ANSWER_BYTES)
    if (body === 'too large')
      throw new GraphReadError(
        `Graph's answer to ${this.#shown(pathOrUrl)} is larger than ${formatBytes(ANSWER_BYTES)}: it is not read.`,
        'answer',
      )
    if (!body)
      throw new GraphReadError(
        `Graph's answer to ${this.#shown(pathOrUrl)} is not a JSON object.`,
        'answer',
      )
    return body as Json
  }

  /** A path below the service root, or a link Graph gave, which must stay on Graph's origin. */
  #resolve(pathOrUrl: string): string {
    if (!/^https?:\/\//i.test(pathOrUrl)) return `${this.#s.graphUrl}${pathOrUrl}`
    let origin: string
    try {
      origin = new URL(pathOrUrl).origin
    } catch {
      throw new GraphReadError(`Graph gave a link that is not a URL.`, 'link')
    }
    if (origin !== this.#origin)
      throw new GraphReadError(
        `Graph gave a link to ${origin}, not to ${this.#origin}: it is not followed (the token would go there).`,
        'link',
      )
    return pathOrUrl
  }

  /** How errors and logs show a request: its path below the root, query tokens cut short. */
  #shown(pathOrUrl: string): string {
    const relative = pathOrUrl.startsWith(this.#s.graphUrl)
      ? pathOrUrl.slice(this.#s.graphUrl.length)
      : pathOrUrl
    return relative.replace(/(\$(?:skip|delta)token=)[^&]{12,}/gi, (_, key: string) => `${key}…`)
  }

  /** Neither the secret nor a token goes into a message. */
  #scrub(text: string): string {
    let out = text
    for (const secret of [this.#s.clientSecret, this.#token])
      if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]')
    return out
  }
}

/** The answer as a JSON object; undefined when it is not one, or larger than Graph answers are. */
async function readJson(response: Response): Promise<Json | undefined> {
  const body = await readJsonObject(response, ANSWER_BYTES)
  return body === 'too large' ? undefined : body
}

async function graphErrorOf(response: Response): Promise<{ code?: string; message?: string }> {
  const body = await readJson(response)
  const error = body?.error
  if (typeof error !== 'object' || error === null) return {}
  const { code, message } = error as Json
  return {
    ...(typeof code === 'string' && { code }),
    ...(typeof message === 'string' && { message }),
  }
}

/** `Retry-After` in seconds (a number or an HTTP date); without one, 1, 2, 4 … by attempt. */
function retryAfterOf(response: Response, attempt: number): number {
  const header = response.headers.get('retry-after')?.trim()
  if (header) {
    if (/^\d+$/.test(header)) return Number(header)
    const at = Date.parse(header)
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000))
  }
  return 2 ** (attempt - 1)
}

/** The `roles` of an app-only token (its payload read, not verified: for messages only). */
function rolesOf(token: string): string[] {
  try {
    const payload = token.split('.')[1] ?? ''
    const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
    const roles = (JSON.parse(text) as Json).roles
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : []
  } catch {
    return []
  }
}
