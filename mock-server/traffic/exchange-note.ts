/**
 * What the recorder notes about an exchange on the request path, and how the note becomes the
 * secret-free `RawExchange` the traffic log keeps.
 *
 * Why two steps: the note only gathers references (the URL, the raw header list, the rendered
 * body text), which costs next to nothing. Removing secrets and packing run later for a batch of
 * notes at once (`traffic-log.ts`), where that code and its data stay in the CPU's caches: done per
 * request between socket reads and writes, the same work cost several times as much under load.
 *
 * Every text field loses the secrets in play (`model/secret-values.ts`: the mock's keys, client
 * secrets, tokens), wherever the client put them: a key in the path, in a header called `X-Debug`,
 * in a body. Each such pass is one regular-expression test when no secret appears.
 *
 * @module
 */
import { SECRETS_IN_PLAY } from '../../model/secret-values.ts'
import { rawHeader } from '../http/request-header.ts'
import type { RequestWarning } from '../scim/warnings.ts'
import { credentialOf, HEADER_SEPARATOR, redactedHeaderText, safeUrl, scrub } from './capture.ts'
import type { RawExchange } from './captured-exchange.ts'
import { keptText } from './kept-text.ts'
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

/**
 * The note without secrets: the request's credentials, secret-named headers and parameters, and
 * the secrets in play in every field.
 */
export function redactedExchange(note: ExchangeNote, seq: number, maxChars: number): RawExchange {
  const authorization = rawHeader(note.requestHeaders, 'authorization')
  const secret = credentialOf(authorization)
  const { warnings, rejection } = note
  return {
    seq,
    accountId: note.accountId,
    atMs: note.atMs,
    t: note.t,
    durationMs: note.durationMs,
    method: note.method,
    url: SECRETS_IN_PLAY.redact(safeUrl(note.url, secret)),
    path: SECRETS_IN_PLAY.redact(scrub(note.path, secret)),
    requestHeaders: SECRETS_IN_PLAY.redact(redactedHeaderText(note.requestHeaders)),
    requestBody: keptText(note.requestText, maxChars, secret),
    status: note.status,
    responseHeaders: redactedText(
      typeof note.responseHeaders === 'object'
        ? headerText(note.responseHeaders)
        : note.responseHeaders,
    ),
    responseBody: keptText(note.responseText, maxChars, secret),
    error: note.error,
    auth: authState(authorization, note.status),
    warnings: warnings.length === 0 ? warnings : warnings.map(redactedWarning),
    rejection:
      rejection?.attribute === undefined
        ? rejection
        : { ...rejection, attribute: SECRETS_IN_PLAY.redact(rejection.attribute) },
    fault: note.fault,
  }
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
