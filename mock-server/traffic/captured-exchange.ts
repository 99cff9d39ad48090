/**
 * A traffic record in two forms. `RawExchange` is an exchange as it is read out of the log: plain
 * strings and numbers, free of the request's credential and of the secrets in play
 * (`exchange-note.ts`). `CapturedExchange` is what readers get: a `TrafficRecord` whose derived parts
 * (the redacted headers, the parsed bodies, the ISO timestamp) are computed on first read and kept.
 *
 * The derived parts are prototype getters of classes, not per-record `Object.defineProperty`
 * getters: those gave every record its own hidden class, which V8 allocates in the old generation.
 * `toJSON` gives the plain serialised form.
 *
 * @module
 */
import type { InjectedFault } from '../faults/fault-step.ts'
import { rawHeaderEntries } from '../http/request-header.ts'
import type { RequestWarning } from '../scim/warnings.ts'
import { headerListOf, parseKept, redactedHeaders } from './capture.ts'
import type {
  AuthState,
  RecordedRequest,
  RecordedResponse,
  Rejection,
  TrafficRecord,
} from './record.ts'

/** A body as kept: the text (cut to the log's limit) and, when cut, the original length. */
export interface KeptText {
  readonly text: string
  readonly cutFrom?: number
}

/** One exchange as a reader gets it out of the traffic log: its secrets are gone (`exchange-note.ts`). */
export interface RawExchange {
  readonly seq: number
  readonly accountId: string
  /** Wall-clock start, epoch milliseconds. */
  readonly atMs: number
  readonly t: number
  readonly durationMs: number
  readonly method: string
  /** Scrubbed of the credential, secret-named query parameters redacted. */
  readonly url: string
  /** Path under the account's SCIM base: `/Users/123`. */
  readonly path: string
  /** Header text (`capture.ts`): names as received, secret-named values redacted. */
  readonly requestHeaders: string
  readonly requestBody: KeptText | undefined
  /** Absent when no response was sent. */
  readonly status: number | undefined
  /** Header text (`capture.ts`); absent when no response was sent. */
  readonly responseHeaders: string | undefined
  readonly responseBody: KeptText | undefined
  readonly error: string | undefined
  readonly auth: AuthState
  readonly warnings: readonly RequestWarning[]
  readonly rejection: Rejection | undefined
  readonly fault: InjectedFault | undefined
}

export class CapturedExchange implements TrafficRecord {
  readonly #raw: RawExchange
  #at: string | undefined
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
    const raw = this.#raw
    return (this.#request ??= new CapturedRequest(raw, new KeptBody(raw.requestBody)))
  }

  get response(): RecordedResponse | undefined {
    const { status, responseHeaders, responseBody } = this.#raw
    if (status === undefined) return undefined
    return (this.#response ??= new CapturedResponse(
      status,
      responseHeaders ?? '',
      new KeptBody(responseBody),
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
}

/** A kept body, parsed and redacted on first read. */
class KeptBody {
  readonly #kept: KeptText | undefined
  #value: unknown
  #read = false

  constructor(kept: KeptText | undefined) {
    this.#kept = kept?.text === '' ? undefined : kept
  }

  get present(): boolean {
    return this.#kept !== undefined
  }

  get cut(): boolean {
    return this.#kept?.cutFrom !== undefined
  }

  get value(): unknown {
    if (!this.#read && this.#kept !== undefined) {
      this.#value = parseKept(this.#kept.text, this.#kept.cutFrom)
      this.#read = true
    }
    return this.#value
  }

  /** `body` (and `bodyCut`) as the serialised record has them. */
  fields(): { body?: unknown; bodyCut?: boolean } {
    if (!this.present) return {}
    return this.cut ? { body: this.value, bodyCut: true } : { body: this.value }
  }
}

class CapturedRequest implements RecordedRequest {
  readonly method: string
  readonly path: string
  /** Already redacted when the exchange was read out of the log (`exchange-note.ts`). */
  readonly url: string
  readonly #raw: RawExchange
  readonly #body: KeptBody
  #headers: Readonly<Record<string, string>> | undefined

  constructor(raw: RawExchange, body: KeptBody) {
    this.method = raw.method
    this.url = raw.url
    this.path = raw.path
    this.#raw = raw
    this.#body = body
  }

  get query(): string {
    const url = this.url
    const queryAt = url.indexOf('?')
    return queryAt === -1 ? '' : url.slice(queryAt + 1)
  }

  get headers(): Readonly<Record<string, string>> {
    return (this.#headers ??= redactedHeaders(
      rawHeaderEntries(headerListOf(this.#raw.requestHeaders)),
    ))
  }

  get body(): unknown {
    return this.#body.value
  }

  get bodyCut(): boolean | undefined {
    return this.#body.cut || undefined
  }

  toJSON(): RecordedRequest {
    const { method, url, path, query, headers } = this
    return { method, url, path, query, headers, ...this.#body.fields() }
  }
}

class CapturedResponse implements RecordedResponse {
  readonly status: number
  readonly #headerText: string
  readonly #body: KeptBody
  #headers: Readonly<Record<string, string>> | undefined

  constructor(status: number, headerText: string, body: KeptBody) {
    this.status = status
    this.#headerText = headerText
    this.#body = body
  }

  get headers(): Readonly<Record<string, string>> {
    return (this.#headers ??= redactedHeaders(rawHeaderEntries(headerListOf(this.#headerText))))
  }

  get body(): unknown {
    return this.#body.value
  }

  get bodyCut(): boolean | undefined {
    return this.#body.cut || undefined
  }

  toJSON(): RecordedResponse {
    return { status: this.status, headers: this.headers, ...this.#body.fields() }
  }
}
