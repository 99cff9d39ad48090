/**
 * A rule's fix hint speaks of the rule's subject ("Accept op names in any case…"). When the server
 * failed the rule in another way, a 5xx, no answer at all, a web page instead of SCIM JSON, an
 * error without the SCIM Error schema, that hint sends the reader the wrong way. `failureHint`
 * reads the finding a failed result leads with and, in those cases, says what was observed and
 * what to do about it; `withFailureHint` puts that in `fix` and keeps the rule's own in `ruleFix`.
 * The harness applies it once when it builds the report, so every format shows the same hint.
 *
 * @module
 */
import { reasonPhrase } from '../model/http-status.ts'
import type { Exchange, ExchangeResponse, Finding } from '../model/rule.ts'
import { SCIM_ERROR_SCHEMA } from '../model/scim-protocol.ts'
import type { FixReason, RuleResult } from './model.ts'

export interface FailureHint {
  readonly reason: FixReason
  /** What to do first, in place of the rule's own hint. */
  readonly fix: string
}

/** Once the server answers as it should, the rule's own hint is what is left. */
const THEN = "the rule's own fix applies once it"

/**
 * The hint for what the server did, when the failure is not what `result`'s own hint addresses;
 * undefined when that hint fits (or the result did not fail, or judges a client's traffic).
 */
export function failureHint(result: RuleResult): FailureHint | undefined {
  if (result.status !== 'failed' || result.side !== 'server') return undefined
  const finding = leadingError(result.findings)
  const exchange = finding?.exchange
  if (!finding || !exchange) return undefined
  const what = requestLine(exchange)
  const { response } = exchange
  if (!response) return noResponse(what, exchange.error ?? 'no response')
  const speaksOf = `${result.title} ${result.fix}`
  if (response.status >= 500) {
    if (hintAddressesServerError(result.area, speaksOf, response.status)) return undefined
    return serverError(what, response.status)
  }
  if (hintAddressesBodyForm(result.area, speaksOf)) return undefined
  // ClearID's REST API and token service answer errors as problem details or OAuth errors, not
  // SCIM errors: only a SCIM answer is held to the SCIM Error schema.
  const scim = isScimExchange(exchange)
  if (isNotJson(response)) return notJson(what, response, scim)
  if (scim && isNonScimError(response, finding)) return nonScimError(what, response.status)
  return undefined
}

/** `result` with the situational hint in `fix` and its own in `ruleFix`; unchanged when none. */
export function withFailureHint(result: RuleResult): RuleResult {
  if (result.fixReason !== undefined) return result
  const hint = failureHint(result)
  if (!hint) return result
  return { ...result, fix: hint.fix, fixReason: hint.reason, ruleFix: result.fix }
}

/** The finding the reports lead with (the first error): the one the reader sees first. */
function leadingError(findings: readonly Finding[]): Finding | undefined {
  return findings.find((finding) => finding.severity === 'error')
}

/**
 * Rules whose subject is "never a 5xx" (the bad-input area, hints that name 5xx or this status,
 * such as 501 for group writes) already say what to do about one.
 */
function hintAddressesServerError(area: string, text: string, status: number): boolean {
  return area === 'bad-input' || /\b5xx\b/i.test(text) || new RegExp(`\\b${status}\\b`).test(text)
}

/** Rules about the form of answers and errors already say what to do about a wrong body. */
function hintAddressesBodyForm(area: string, text: string): boolean {
  return (
    area === 'errors' ||
    area === 'bad-input' ||
    /SCIM error|Error schema|Error body|Content-Type|media type|HTML/i.test(text)
  )
}

/** SCIM endpoints, so a request reads `PATCH /Users/{id}` whatever base URL the target has. */
const SCIM_PATH =
  /\/(?:Users|Groups|Schemas|ResourceTypes|ServiceProviderConfig|Bulk|Me)(?:\/|$).*$/

/**
 * `PATCH /Users/{id}`: the method and the path from the SCIM endpoint on, the id as `{id}` (the
 * transcript beside the hint has the whole URL); no query, which the reader does not need here.
 */
function requestLine(exchange: Exchange): string {
  const { method, url } = exchange.request
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    path = url.split('?')[0] ?? url
  }
  const scim = SCIM_PATH.exec(path)?.[0]
  const short = scim ? scim.replace(/^(\/(?:Users|Groups)\/)[^/.][^/]*/, '$1{id}') : path
  return `${method} ${short}`
}

function statusText(status: number): string {
  const phrase = reasonPhrase(status)
  return phrase ? `HTTP ${status} ${phrase}` : `HTTP ${status}`
}

function noResponse(what: string, error: string): FailureHint {
  if (/\btimeout\b|timed out/i.test(error)) {
    const within = /within (\d+ ?m?s)\b/.exec(error)?.[1]
    return {
      reason: 'no-response',
      fix: `No answer to ${what} ${within ? `within ${within}` : 'before the timeout'}: the server hung on this request or is too slow. Look in its log for a request that never finished; if it is only slow, raise --timeout. Then ${THEN} answers.`,
    }
  }
  return {
    reason: 'no-response',
    fix: `No answer to ${what} (${error}): the target could not be reached or dropped the connection. Check the Tenant URL and that the server is running and reachable from here (DNS, TLS, proxy, firewall), and look in its log for a crash. Then ${THEN} answers.`,
  }
}

function serverError(what: string, status: number): FailureHint {
  const answered = `The server answered ${statusText(status)} to ${what}`
  if (status === 501) {
    return {
      reason: 'server-error',
      fix: `${answered}: it does not implement this request. Implement it; ${THEN} does.`,
    }
  }
  if (status === 502 || status === 503 || status === 504) {
    return {
      reason: 'server-error',
      fix: `${answered}: the server, or a gateway in front of it, was down, overloaded or too slow. Check that it is up and healthy, then run again; ${THEN} answers.`,
    }
  }
  return {
    reason: 'server-error',
    fix: `${answered}: the request broke it. Look in the server's log for the exception and fix that first; ${THEN} answers.`,
  }
}

function notJson(what: string, response: ExchangeResponse, scim: boolean): FailureHint {
  const type = mediaType(response)
  const body = type ? `a ${type} body` : 'a body that is not JSON'
  const fix = scim
    ? `The answer to ${what} was ${statusText(response.status)} with ${body}, not SCIM JSON: the URL reaches something other than the SCIM endpoint (a sign-in page, a proxy, a web server's error page). Check the Tenant URL and what sits in front of the server; ${THEN} answers with SCIM.`
    : `The answer to ${what} was ${statusText(response.status)} with ${body}, not JSON: the URL reaches something other than ClearID's REST API (a sign-in page, a proxy, a web server's error page). Check --rest-target (its {service} template or base URL) and what sits in front of the services; ${THEN} answers with JSON.`
  return { reason: 'not-json', fix }
}

/** An exchange with the SCIM endpoint, rather than with the REST API or the token service. */
function isScimExchange(exchange: Exchange): boolean {
  let path: string
  try {
    path = new URL(exchange.request.url).pathname
  } catch {
    path = exchange.request.url
  }
  return SCIM_PATH.test(path)
}

function nonScimError(what: string, status: number): FailureHint {
  return {
    reason: 'not-scim-error',
    fix: `The server answered ${statusText(status)} to ${what} with JSON that is not a SCIM error (no "${SCIM_ERROR_SCHEMA}" in schemas), so the rule could not read its scimType or detail. Answer every error as {"schemas":[that URN],"status":"${status}","scimType":…,"detail":…} (RFC 7644 §3.12); ${THEN} does.`,
  }
}

/** A recorded body cut for the report: whether it parsed cannot be told from it. */
const CUT_BODY = /\[(?:\d+ characters, cut|larger than [^\]]*: not read to its end)\]$/

function mediaType(response: ExchangeResponse): string | undefined {
  const entry = Object.entries(response.headers).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )
  return entry?.[1].split(';')[0]?.trim().toLowerCase() || undefined
}

/**
 * The recorded body is JSON when it parsed; a string is either text that did not parse or a JSON
 * string value, which its media type tells apart, unless it opens like an object, array or markup.
 */
function isNotJson(response: ExchangeResponse): boolean {
  const { body } = response
  if (typeof body !== 'string' || body.trim() === '' || CUT_BODY.test(body)) return false
  return !(mediaType(response)?.includes('json') ?? false) || /^\s*[{[<]/.test(body)
}

/**
 * A 4xx in JSON without the SCIM Error schema, when the finding is about that answer's content
 * rather than its status: the status was what the rule expected, the body is what it could not
 * read. (A finding about a wrong status keeps the rule's hint: the status is its subject.)
 */
function isNonScimError(response: ExchangeResponse, finding: Finding): boolean {
  if (response.status < 400 || response.status >= 500) return false
  const { body } = response
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const schemas = (body as { schemas?: unknown }).schemas
  if (Array.isArray(schemas) && schemas.includes(SCIM_ERROR_SCHEMA)) return false
  return finding.actual !== response.status
}
