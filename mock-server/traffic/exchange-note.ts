/**
 * What the recorder notes about an exchange on the request path, how the traffic log keeps it, and
 * how a kept exchange becomes the secret-free `RawExchange` a reader gets.
 *
 * Three steps, each where it costs least:
 *
 * 1. the note (`ExchangeNote`) only gathers references (the URL, the raw header list, the rendered
 *    body text), which costs next to nothing on the request path;
 * 2. the log keeps each note as it was, bodies cut to its limit (`keptExchange`), packing a batch of
 *    them at once (`traffic-log.ts`, `packed-ring.ts`);
 * 3. secrets are removed when an exchange is read (`redactedExchange`).
 *
 * Why secrets go on reading: removing them reads every text of the exchange against a pattern of
 * every secret in play (each in the forms it travels in), which was most of what recording cost
 * per request (about 4.5 µs of the 8 µs, BENCHMARKS.md), while most exchanges are never read: the
 * log keeps the last 1,000 per account and a busy client overwrites them unread. What a reader gets
 * is the same, from every path out of the log: the request's own credential is scrubbed wherever it
 * reappears, secret-named headers and parameters are redacted, and every field loses the secrets in
 * play (`model/secret-values.ts`: the mock's keys, client secrets, tokens). A secret registered after
 * the exchange was kept is removed too. The mock holds its keys in memory anyway; the log is one
 * more place in memory that holds what clients sent, never a place that hands it out.
 *
 * @module
 */
import { SECRETS_IN_PLAY } from '../../model/secret-values.ts'
import { rawHeader } from '../http/request-header.ts'
import type { RequestWarning } from '../scim/warnings.ts'
import {
  credentialOf,
  HEADER_SEPARATOR,
  headerListOf,
  redactedHeaderText,
  safeUrl,
  scrub,
} from './capture.ts'
import type { KeptText, RawExchange } from './captured-exchange.ts'
import { copied, keptText, STRADDLE_CHARS } from './kept-text.ts'
import type { AuthState } from './record.ts'

/**
 * An exchange as it happened, secrets included: held only until the log's next flush. The fields it
 * shares with `RawExchange` are the same values; the others are what keeping reads.
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

/**
 * An exchange as the log keeps it: the note's texts as they were, secrets included, as plain strings
 * and numbers (so it packs into bytes). Bodies are cut to the log's limit plus `STRADDLE_CHARS`, so
 * a secret that straddles the limit is still found whole when the exchange is read.
 */
export interface KeptExchange extends Omit<
  RawExchange,
  'auth' | 'requestHeaders' | 'requestBody' | 'responseBody'
> {
  /** Header text (`capture.ts`): names and values as received, Authorization included. */
  readonly requestHeaders: string
  readonly requestBody: KeptText | undefined
  readonly responseBody: KeptText | undefined
}

/** The note as the log keeps it: no secret is looked for here (see the module comment). */
export function keptExchange(note: ExchangeNote, seq: number, maxChars: number): KeptExchange {
  const limit = maxChars + STRADDLE_CHARS
  return {
    seq,
    accountId: note.accountId,
    atMs: note.atMs,
    t: note.t,
    durationMs: note.durationMs,
    method: note.method,
    url: note.url,
    path: note.path,
    requestHeaders: headerListText(note.requestHeaders),
    requestBody: cutText(note.requestText, limit),
    status: note.status,
    responseHeaders:
      typeof note.responseHeaders === 'object'
        ? headerText(note.responseHeaders)
        : note.responseHeaders,
    responseBody: cutText(note.responseText, limit),
    error: note.error,
    warnings: note.warnings,
    rejection: note.rejection,
    fault: note.fault,
  }
}

/**
 * At most `limit` characters of a body, copied out of a longer text (a slice would keep the whole
 * text alive, `kept-text.ts`), with the length it had.
 */
function cutText(text: string | undefined, limit: number): KeptText | undefined {
  if (text === undefined || text === '') return undefined
  if (text.length <= limit) return { text }
  return { text: copied(text.slice(0, limit)), cutFrom: text.length }
}

/** The raw `[name, value, …]` list as header text, as received. */
function headerListText(list: readonly string[]): string {
  let text = ''
  for (let i = 0; i < list.length - 1; i += 2) {
    text = withHeader(text, list[i]!, list[i + 1]!)
  }
  return text
}

/**
 * The kept exchange without secrets: the request's credentials, secret-named headers and
 * parameters, and the secrets in play in every field; bodies cut to `maxChars`.
 */
export function redactedExchange(kept: KeptExchange, maxChars: number): RawExchange {
  const requestHeaders = headerListOf(kept.requestHeaders)
  const authorization = rawHeader(requestHeaders, 'authorization')
  const secret = credentialOf(authorization)
  const { warnings, rejection } = kept
  return {
    seq: kept.seq,
    accountId: kept.accountId,
    atMs: kept.atMs,
    t: kept.t,
    durationMs: kept.durationMs,
    method: kept.method,
    url: SECRETS_IN_PLAY.redact(safeUrl(kept.url, secret)),
    path: SECRETS_IN_PLAY.redact(scrub(kept.path, secret)),
    requestHeaders: SECRETS_IN_PLAY.redact(redactedHeaderText(requestHeaders)),
    requestBody: redactedBody(kept.requestBody, maxChars, secret),
    status: kept.status,
    responseHeaders: redactedText(kept.responseHeaders),
    responseBody: redactedBody(kept.responseBody, maxChars, secret),
    error: kept.error,
    auth: authState(authorization, kept.status),
    warnings: warnings.length === 0 ? warnings : warnings.map(redactedWarning),
    rejection:
      rejection?.attribute === undefined
        ? rejection
        : { ...rejection, attribute: SECRETS_IN_PLAY.redact(rejection.attribute) },
    fault: kept.fault,
  }
}

function redactedBody(
  body: KeptText | undefined,
  maxChars: number,
  secret: string | readonly string[] | undefined,
): KeptText | undefined {
  if (body === undefined) return undefined
  const kept = keptText(body.text, maxChars, secret)
  return kept === undefined || body.cutFrom === undefined
    ? kept
    : { text: kept.text, cutFrom: body.cutFrom }
}

/** Warnings quote what the client sent (an attribute name, a value). */
function redactedWarning(warning: RequestWarning): RequestWarning {
  return {
    ...warning,
    ...(warning.attribute !== undefined && {
      attribute: SECRETS_IN_PLAY.redact(warning.attribute),
    }),
    message: SECRETS_IN_PLAY.redact(warning.message),
  }
}

function redactedText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : SECRETS_IN_PLAY.redact(text)
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
