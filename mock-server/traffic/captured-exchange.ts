/**
 * A traffic record as the recorder captures it: the raw parts of the exchange (references the
 * request already holds, nothing copied), with everything derived from them (the redacted URL and
 * headers, the scrubbed and parsed bodies, the ISO timestamp) computed on first read and kept.
 *
 * Why: recording sits on every SCIM request, and most records are never read (the log is a ring
 * that drops the oldest). Deriving on read keeps recording to a few property writes. The derived
 * parts are prototype getters of classes, not per-record `Object.defineProperty` getters: those gave
 * every record its own hidden class, which V8 allocates in the old generation, and the old-space
 * garbage cost a fifth of the mock's throughput. `toJSON` gives the plain serialised form.
 *
 * Secrets: the raw request headers (with the Authorization value) stay inside a private field and
 * never leave it unredacted; every way out (the getters, `toJSON`) redacts first.
 *
 * @module
 */
import type { InjectedFault } from '../faults/fault-middleware.ts'
import type { RequestWarning } from '../scim/warnings.ts'
import { rawHeader, rawHeaderEntries } from '../http/request-header.ts'
import { credentialOf, parseKept, redactedHeaders, safeUrl, scrub } from './capture.ts'
import type {
  AuthState,
  RecordedRequest,
  RecordedResponse,
  Rejection,
  TrafficRecord,
} from './record.ts'

/** What the recorder takes from the exchange: references, no copies. */
export interface RawExchange {
  readonly seq: number
  readonly accountId: string
  /** Wall-clock start, epoch milliseconds. */
  readonly atMs: number
  readonly t: number
  readonly durationMs: number
  readonly method: string
  readonly url: string
  /** Path under the account's SCIM base: `/Users/123`. */
  readonly path: string
  /** The adapter's raw header list when there is one (`http/request-header.ts`), else Headers. */
  readonly requestHeaders: Headers | readonly string[]
  readonly requestText: string | undefined
  /** Absent when no response was sent. */
  readonly response: Response | undefined
  readonly responseText: string | undefined
  readonly maxBodyChars: number
  readonly error: string | undefined
  readonly auth: AuthState
  readonly warnings: readonly RequestWarning[]
  readonly rejection: Rejection | undefined
  readonly fault: InjectedFault | undefined
}

export class CapturedExchange implements TrafficRecord {
  readonly #raw: RawExchange
  #at: string | undefined
  #secret: string | null | undefined
  #request: CapturedRequest | undefined
  #response: CapturedResponse | undefined

  constructor(raw: RawExchange) {
    this.#raw = raw
  }

  get seq(): number {
    return this.#raw.seq
  }
  get accountId(): string {
    return this.#raw.accountId
  }
  get at(): string {
    return (this.#at ??= new Date(this.#raw.atMs).toISOString())
  }
  get t(): number {
    return this.#raw.t
  }
  get durationMs(): number {
    return this.#raw.durationMs
  }
  get auth(): AuthState {
    return this.#raw.auth
  }
  get warnings(): readonly RequestWarning[] {
    return this.#raw.warnings
  }
  get error(): string | undefined {
    return this.#raw.error
  }
  get rejection(): Rejection | undefined {
    return this.#raw.rejection
  }
  get fault(): InjectedFault | undefined {
    return this.#raw.fault
  }

  get request(): RecordedRequest {
    return (this.#request ??= capturedRequest(this.#raw, this.#credential()))
  }

  get response(): RecordedResponse | undefined {
    const { response, responseText, maxBodyChars } = this.#raw
    if (response === undefined) return undefined
    return (this.#response ??= new CapturedResponse(
      response,
      keptBody(responseText, maxBodyChars, this.#credential()),
    ))
  }

  toJSON(): TrafficRecord {
    const { seq, accountId, at, t, durationMs, request, response, error, auth, warnings } = this
    const { rejection, fault } = this
    return {
      seq,
      accountId,
      at,
      t,
      durationMs,
      request,
      ...(response && { response }),
      ...(error !== undefined && { error }),
      auth,
      warnings,
      ...(rejection && { rejection }),
      ...(fault && { fault }),
    }
  }

  /** The request's bearer value, scrubbed from everything else the record shows. */
  #credential(): string | undefined {
    if (this.#secret === undefined) {
      this.#secret = credentialOf(headerOf(this.#raw.requestHeaders, 'authorization')) ?? null
    }
    return this.#secret ?? undefined
  }
}

function headerOf(headers: Headers | readonly string[], name: string): string | undefined {
  return headers instanceof Headers ? (headers.get(name) ?? undefined) : rawHeader(headers, name)
}

function headerEntries(headers: Headers | readonly string[]): Iterable<[string, string]> {
  return headers instanceof Headers ? headers : rawHeaderEntries(headers)
}

function capturedRequest(raw: RawExchange, secret: string | undefined): CapturedRequest {
  const url = safeUrl(raw.url, secret)
  const queryAt = url.indexOf('?')
  return new CapturedRequest(
    {
      method: raw.method,
      url,
      path: raw.path,
      query: queryAt === -1 ? '' : url.slice(queryAt + 1),
      headers: redactedHeaders(headerEntries(raw.requestHeaders)),
    },
    keptBody(raw.requestText, raw.maxBodyChars, secret),
  )
}

/** A body kept as (cut, scrubbed) text, parsed and redacted on first read. */
export class KeptBody {
  #value: unknown
  #read = false

  /** `cutFrom`: the length of the original text when `text` is a cut of it. */
  constructor(
    readonly text: string,
    readonly cutFrom?: number,
  ) {}

  get value(): unknown {
    if (!this.#read) {
      this.#value = parseKept(this.text, this.cutFrom)
      this.#read = true
    }
    return this.#value
  }
}

/** Keeps `text` (scrubbed of `secret`, cut at `limit` characters) for parsing on first read. */
function keptBody(
  text: string | undefined,
  limit: number,
  secret: string | undefined,
): KeptBody | undefined {
  if (text === undefined || text === '') return undefined
  if (text.length <= limit) return new KeptBody(scrub(text, secret))
  return new KeptBody(scrub(text.slice(0, limit), secret), text.length)
}

type RequestLine = Omit<RecordedRequest, 'body' | 'bodyCut'>

class CapturedRequest implements RecordedRequest {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly query: string
  readonly headers: Readonly<Record<string, string>>
  readonly #body: KeptBody | undefined

  constructor(line: RequestLine, body: KeptBody | undefined) {
    this.method = line.method
    this.url = line.url
    this.path = line.path
    this.query = line.query
    this.headers = line.headers
    this.#body = body
  }

  get body(): unknown {
    return this.#body?.value
  }

  get bodyCut(): boolean | undefined {
    return this.#body?.cutFrom !== undefined || undefined
  }

  toJSON(): RecordedRequest {
    const { method, url, path, query, headers } = this
    return { method, url, path, query, headers, ...bodyFields(this.#body) }
  }
}

class CapturedResponse implements RecordedResponse {
  readonly #response: Response
  readonly #body: KeptBody | undefined
  #headers: Readonly<Record<string, string>> | undefined

  constructor(response: Response, body: KeptBody | undefined) {
    this.#response = response
    this.#body = body
  }

  get status(): number {
    return this.#response.status
  }

  /**
   * Read on first use: under the Node adapter, touching `res.headers` during the request would turn
   * the route's plain header record into a Headers object and take the response off the adapter's
   * fast path. Response headers carry no request credential.
   */
  get headers(): Readonly<Record<string, string>> {
    return (this.#headers ??= redactedHeaders(this.#response.headers))
  }

  get body(): unknown {
    return this.#body?.value
  }

  get bodyCut(): boolean | undefined {
    return this.#body?.cutFrom !== undefined || undefined
  }

  toJSON(): RecordedResponse {
    return { status: this.status, headers: this.headers, ...bodyFields(this.#body) }
  }
}

function bodyFields(kept: KeptBody | undefined): { body?: unknown; bodyCut?: boolean } {
  if (kept === undefined) return {}
  return kept.cutFrom === undefined ? { body: kept.value } : { body: kept.value, bodyCut: true }
}
