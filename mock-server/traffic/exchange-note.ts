/**
 * What the recorder notes about an exchange on the request path, and how the note becomes the
 * secret-free `RawExchange` the traffic log keeps.
 *
 * Why two steps: the note only gathers references (the URL, the raw header list, the rendered
 * body text), which costs next to nothing. Removing secrets and packing run later for a batch of
 * notes at once (`traffic-log.ts`), where that code and its data stay in the CPU's caches: done per
 * request between socket reads and writes, the same work cost several times as much under load.
 *
 * @module
 */
import { rawHeader } from '../http/request-header.ts'
import { credentialOf, HEADER_SEPARATOR, redactedHeaderText, safeUrl, scrub } from './capture.ts'
import type { KeptText, RawExchange } from './captured-exchange.ts'
import type { AuthState } from './record.ts'

/**
 * An exchange as it happened, secrets included: held only until the log's next flush. The fields it
 * shares with `RawExchange` are the same values; the others are what redaction reads.
 */
export interface ExchangeNote extends Pick<
  RawExchange,
  | 'accountId'
  | 'atMs'
  | 't'
  | 'durationMs'
  | 'method'
  | 'url'
  | 'path'
  | 'status'
  | 'error'
  | 'warnings'
  | 'rejection'
  | 'fault'
> {
  /** `[name, value, …]` as received (and `url` as received, not yet scrubbed). */
  readonly requestHeaders: readonly string[]
  readonly requestText: string | undefined
  /**
   * Header text (`capture.ts`) of the record the route rendered with, taken when noted (the Node
   * adapter adds `Content-Length` to that record as it writes), or the response's own headers.
   */
  readonly responseHeaders: string | Headers | undefined
  readonly responseText: string | undefined
}

/** The note without secrets: the request's credential, secret-named headers and parameters. */
export function redactedExchange(note: ExchangeNote, seq: number, maxChars: number): RawExchange {
  const authorization = rawHeader(note.requestHeaders, 'authorization')
  const secret = credentialOf(authorization)
  return {
    seq,
    accountId: note.accountId,
    atMs: note.atMs,
    t: note.t,
    durationMs: note.durationMs,
    method: note.method,
    url: safeUrl(note.url, secret),
    path: note.path,
    requestHeaders: redactedHeaderText(note.requestHeaders),
    requestBody: keptText(note.requestText, maxChars, secret),
    status: note.status,
    responseHeaders:
      typeof note.responseHeaders === 'object'
        ? headerText(note.responseHeaders)
        : note.responseHeaders,
    responseBody: keptText(note.responseText, maxChars, secret),
    error: note.error,
    auth: authState(authorization, note.status),
    warnings: note.warnings,
    rejection: note.rejection,
    fault: note.fault,
  }
}

/** `text` cut to `limit` characters and scrubbed of `secret`. */
function keptText(
  text: string | undefined,
  limit: number,
  secret: string | undefined,
): KeptText | undefined {
  if (text === undefined || text === '') return undefined
  if (text.length <= limit) return { text: scrub(text, secret) }
  return { text: scrub(text.slice(0, limit), secret), cutFrom: text.length }
}

/** Header text (`capture.ts`) of response headers: secret-named values are the mock's own. */
export function headerText(headers: Readonly<Record<string, string>> | Headers): string {
  let text = ''
  if (headers instanceof Headers) {
    for (const [name, value] of headers) text = withHeader(text, name, value)
  } else {
    for (const name in headers) text = withHeader(text, name, headers[name]!)
  }
  return text
}

function withHeader(text: string, name: string, value: string): string {
  return text === ''
    ? `${name}${HEADER_SEPARATOR}${value}`
    : `${text}${HEADER_SEPARATOR}${name}${HEADER_SEPARATOR}${value}`
}

function authState(authorization: string | undefined, status: number | undefined): AuthState {
  if (authorization === undefined) return 'none'
  return status === 401 ? 'rejected' : 'sent'
}
