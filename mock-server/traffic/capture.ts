/**
 * Cheap, secret-free copies of what crossed the wire: headers with secret-named values redacted,
 * the request's bearer value scrubbed from anything it reappears in, and bodies kept as cut text
 * that is parsed (and redacted) only when somebody reads it.
 *
 * @module
 */
import {
  isSecretName,
  REDACTED,
  redactString,
  redactUrl,
  redactValue,
  safeDecode,
} from '../../model/redact.ts'

/** Lower-case names; secret-named values replaced (`Authorization` keeps its scheme). */
export function redactedHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of headers) {
    out[name] = isSecretName(name) ? redactHeaderValue(name, value) : value
  }
  return out
}

/** How a header's value is kept: as sent, redacted, or redacted with its scheme kept. */
const PLAIN = 0
const SECRET = 1
const CREDENTIALS = 2
type HeaderKind = typeof PLAIN | typeof SECRET | typeof CREDENTIALS

/**
 * The kind of each header name as the client spelled it, remembered: clients send the same few
 * names on every request, so most requests neither lower-case a name nor test it.
 */
const headerKinds = new Map<string, HeaderKind>()

function headerKind(name: string): HeaderKind {
  let kind = headerKinds.get(name)
  if (kind === undefined) {
    const lower = name.toLowerCase()
    kind =
      lower === 'authorization' || lower === 'proxy-authorization'
        ? CREDENTIALS
        : isSecretName(lower)
          ? SECRET
          : PLAIN
    if (headerKinds.size >= 256) headerKinds.clear()
    headerKinds.set(name, kind)
  }
  return kind
}

/**
 * Header lists are kept as one text, `name NUL value NUL name NUL value …`: HTTP forbids NUL in
 * names and values, and one string costs less to build and to pack than an array of them.
 */
export const HEADER_SEPARATOR = '\u0000'

/** A raw `[name, value, …]` list as header text, secret-named values redacted, names as sent. */
export function redactedHeaderText(list: readonly string[]): string {
  let text = ''
  for (let i = 0; i < list.length - 1; i += 2) {
    const name = list[i]!
    const value = list[i + 1]!
    const kind = headerKind(name)
    const kept = kind === PLAIN ? value : kind === SECRET ? REDACTED : credentialsRedacted(value)
    text +=
      i === 0
        ? `${name}${HEADER_SEPARATOR}${kept}`
        : `${HEADER_SEPARATOR}${name}${HEADER_SEPARATOR}${kept}`
  }
  return text
}

/** Header text back as the `[name, value, …]` list. */
export function headerListOf(text: string): string[] {
  return text === '' ? [] : text.split(HEADER_SEPARATOR)
}

function redactHeaderValue(name: string, value: string): string {
  return name === 'authorization' || name === 'proxy-authorization'
    ? credentialsRedacted(value)
    : REDACTED
}

/**
 * `Bearer [REDACTED]`: the scheme is kept when the value reads `scheme credentials`, as the
 * pattern `^([A-Za-z][\w-]*)\s+\S` reads it; otherwise the whole value goes.
 */
function credentialsRedacted(value: string): string {
  let end = 0
  while (end < value.length && isSchemeChar(value.charCodeAt(end), end === 0)) end++
  let next = end
  while (next < value.length && isSpace(value.charCodeAt(next))) next++
  return end > 0 && next > end && next < value.length
    ? `${value.slice(0, end)} ${REDACTED}`
    : REDACTED
}

/** `[A-Za-z]` first, then `[A-Za-z0-9_-]`. */
function isSchemeChar(code: number, first: boolean): boolean {
  const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
  if (first) return letter
  return letter || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d
}

/**
 * The credential part of an Authorization value, when long enough to scrub safely. Several
 * Authorization headers arrive joined by ", ": then each one's credential too (the longest first,
 * so a credential that itself holds a comma is scrubbed whole).
 */
export function credentialOf(
  authorization: string | undefined,
): string | readonly string[] | undefined {
  if (authorization === undefined) return undefined
  const last = lastWord(authorization)
  if (!authorization.includes(',')) return last
  return [last, ...authorization.split(',').map(lastWord)]
    .filter((word) => word !== undefined)
    .sort((a, b) => b.length - a.length)
}

function lastWord(authorization: string): string | undefined {
  // The last whitespace-separated word, found without splitting or trimming the value.
  let end = authorization.length
  while (end > 0 && isSpace(authorization.charCodeAt(end - 1))) end--
  let start = end
  while (start > 0 && !isSpace(authorization.charCodeAt(start - 1))) start--
  return end - start >= 8 ? authorization.slice(start, end) : undefined
}

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  if (code < 0xa0) return false
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

/** `text` without `secret` (each of them, for several Authorization headers). */
export function scrub(text: string, secret: string | readonly string[] | undefined): string {
  if (secret === undefined) return text
  if (typeof secret !== 'string') return secret.reduce(scrub, text)
  return text.includes(secret) ? text.split(secret).join(REDACTED) : text
}

export function safeUrl(url: string, secret: string | readonly string[] | undefined): string {
  const scrubbed = scrub(url, secret)
  // Most URLs hold nothing to redact; the check spares four replace passes on the request path.
  return mayHoldSecret(scrubbed) ? redactUrl(scrubbed) : scrubbed
}

/** What `redactString` acts on besides parameters; `authorization` in any (ASCII) case. */
const SECRET_MARK = /@|eyJ|Bearer|Basic|[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]/

/** `redactString`'s reading of parameters: `[?&#;]name=value`, left to right. */
const PARAMETER = /[?&#;]([^=&#\s"'<>]*)=([^&#\s"'<>]*)/g

/**
 * False only when `redactUrl` would leave `url` as it is: no user-info (`@`), no JWT (`eyJ`), no
 * `Bearer`/`Basic` token, no `authorization`, and no non-empty parameter whose decoded name is
 * secret. It runs on every recorded request, so it asks two regular expressions, not four passes.
 */
export function mayHoldSecret(url: string): boolean {
  if (SECRET_MARK.test(url)) return true
  PARAMETER.lastIndex = 0
  for (let match = PARAMETER.exec(url); match !== null; match = PARAMETER.exec(url)) {
    if (match[2] !== '' && secretParameter(match[1]!)) return true
  }
  return false
}

/** `isSecretName` of each decoded parameter name, remembered: clients send the same few. */
const secretParameters = new Map<string, boolean>()

function secretParameter(name: string): boolean {
  let secret = secretParameters.get(name)
  if (secret === undefined) {
    secret = isSecretName(safeDecode(name))
    if (secretParameters.size >= 256) secretParameters.clear()
    secretParameters.set(name, secret)
  }
  return secret
}

/** JSON (redacted) when the kept text parses, else the text; a cut body is never parsed. */
export function parseKept(text: string, cutFrom: number | undefined): unknown {
  return cutFrom === undefined ? parseOrText(text) : `${text}… [cut: ${cutFrom} characters]`
}

function parseOrText(text: string): unknown {
  try {
    return redactValue(JSON.parse(text))
  } catch {
    return redactString(text)
  }
}
