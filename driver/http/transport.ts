/**
 * Sending one request and reading its answer, shared by the harness's SCIM client and its REST
 * client so both keep the same guards: the per-attempt timeout, 429 `Retry-After` with bounded
 * retries, the response size limit, interruption, and a redacted `Exchange` built only when a
 * finding asks for it. What a request may be (writes, creations, paths) is each client's own
 * business; this file only carries it.
 *
 * @module
 */
import type { Exchange } from '../../model/rule.ts'
import { redactString } from '../../model/redact.ts'
import { buildExchange, headersOf, scrubSecrets, type RawRequest } from './exchange.ts'
import { InterruptedError, ResponseTooLargeError, TransportError } from './errors.ts'
import { DEFAULT_MAX_RESPONSE_BYTES, formatBytes, readBodyText } from '../../model/read-response.ts'
import { LatencyRecorder } from '../../reports/latency.ts'
import { retryDelay } from './retry-after.ts'
import type { FetchLike, HttpAnswer } from './types.ts'

export interface TransportOptions {
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
  readonly sleep?: (ms: number) => Promise<void>
  /** Refuses new requests and cuts 429 waits short (Ctrl-C); requests in flight finish. */
  readonly signal?: AbortSignal
}

/** Counters every client of one run shares, so the report speaks of the whole run. */
export interface TransportStats {
  readonly latency: LatencyRecorder
  requests: number
  /** Answers whose body went past the response limit. */
  overLimit: number
}

export function newTransportStats(): TransportStats {
  return { latency: new LatencyRecorder(), requests: 0, overLimit: 0 }
}

export class Transport {
  constructor(
    readonly options: TransportOptions,
    readonly stats: TransportStats,
    /** The secrets this client may send, removed from everything it records. */
    private readonly secrets: () => readonly string[],
  ) {}

  get maxResponseBytes(): number {
    return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  }

  /** A transport of the same target and counters that no abort signal stops (cleanup). */
  withoutSignal(): Transport {
    const { signal: _signal, ...rest } = this.options
    return new Transport(rest, this.stats, this.secrets)
  }

  /** Throws `InterruptedError` once the run was interrupted. */
  checkInterrupted(): void {
    if (this.options.signal?.aborted) throw new InterruptedError()
  }

  /**
   * Sends `raw`, waiting and retrying on 429 up to `maxRetries`; `what` names the request in a
   * too-large message. Records the latency of the final answer under `operation`.
   */
  async send(raw: RawRequest, operation: string, what: string): Promise<HttpAnswer> {
    const maxRetries = this.options.maxRetries ?? 3
    for (let attempt = 0; ; attempt += 1) {
      const answer = await this.attempt(raw, what)
      if (answer.status !== 429 || attempt >= maxRetries) {
        this.stats.latency.record(operation, answer.durationMs)
        return answer
      }
      await this.wait(answer.headers['retry-after'], attempt)
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
    this.checkInterrupted()
  }

  private async attempt(raw: RawRequest, what: string): Promise<HttpAnswer> {
    const timeoutMs = this.options.timeoutMs ?? 10_000
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs)
    // Ctrl-C does not abort a request in flight: an aborted create may still be applied, and
    // its id would then be unknown to cleanup. New requests are refused instead (the clients' guard).
    const started = performance.now()
    this.stats.requests += 1
    try {
      const response = await this.options.fetch(
        new Request(raw.url, {
          method: raw.method,
          headers: raw.headers,
          ...(raw.bodyText === undefined ? {} : { body: raw.bodyText }),
          // A redirect is the answer: following it could carry a credential to another origin.
          redirect: 'manual',
        }),
        // Beside the Request, not inside it: see FetchLike.
        { signal: controller.signal },
      )
      const read = await readBodyText(response, this.maxResponseBytes)
      const durationMs = performance.now() - started
      const headers = headersOf(response.headers)
      const secrets = this.secrets()
      if (read.overLimit)
        throw this.overLimit(raw, what, response.status, headers, read.text, durationMs)
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
        this.secrets(),
      )
      const exchange = buildExchange(raw, undefined, {
        durationMs,
        error: message,
        secrets: this.secrets(),
      })
      if (this.options.signal?.aborted) throw new InterruptedError()
      throw new TransportError(message, exchange)
    } finally {
      clearTimeout(timer)
    }
  }

  private overLimit(
    raw: RawRequest,
    what: string,
    status: number,
    headers: Record<string, string>,
    preview: string,
    durationMs: number,
  ): ResponseTooLargeError {
    this.stats.overLimit += 1
    const limit = this.maxResponseBytes
    const exchange = buildExchange(
      raw,
      { status, headers, bodyText: preview, overLimitBytes: limit },
      { durationMs, secrets: this.secrets() },
    )
    return new ResponseTooLargeError(
      `the answer to ${what} (HTTP ${status}) was larger than ${formatBytes(limit)}; the harness stopped reading it there and hung up. If answers this large are expected, raise the limit with --max-response-bytes (maxResponseBytes in the library)`,
      exchange,
      limit,
    )
  }
}

export function parseJson(text: string): unknown {
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
