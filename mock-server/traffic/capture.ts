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
} from '../../reports/redact.ts'

/** Lower-case names; secret-named values replaced (`Authorization` keeps its scheme). */
export function redactedHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of headers) {
    out[name] = isSecretName(name) ? redactHeaderValue(name, value) : value
  }
  return out
}

/** `isSecretName` per header name, remembered: clients send the same few names every time. */
const secretHeaders = new Map<string, boolean>()

function secretHeader(lowerName: string): boolean {
  let secret = secretHeaders.get(lowerName)
  if (secret === undefined) {
    secret = isSecretName(lowerName)
    if (secretHeaders.size >= 256) secretHeaders.clear()
    secretHeaders.set(lowerName, secret)
  }
  return secret
}

/** A raw `[name, value, …]` list with secret-named values redacted; names keep their case. */
export function redactedHeaderList(list: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < list.length - 1; i += 2) {
    const name = list[i]!
    const lower = name.toLowerCase()
    out.push(name, secretHeader(lower) ? redactHeaderValue(lower, list[i + 1]!) : list[i + 1]!)
  }
  return out
}

function redactHeaderValue(name: string, value: string): string {
  if (name !== 'authorization' && name !== 'proxy-authorization') return REDACTED
  const scheme = /^([A-Za-z][\w-]*)\s+\S/.exec(value)?.[1]
  return scheme ? `${scheme} ${REDACTED}` : REDACTED
}

/** The credential part of an Authorization value, when long enough to scrub safely. */
export function credentialOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined
  const trimmed = authorization.trim()
  // The last whitespace-separated word, found without splitting the whole value.
  let start = trimmed.length
  while (start > 0 && !/\s/.test(trimmed.charAt(start - 1))) start--
  const secret = trimmed.slice(start)
  return secret.length >= 8 ? secret : undefined
}

export function scrub(text: string, secret: string | undefined): string {
  return secret !== undefined && text.includes(secret) ? text.split(secret).join(REDACTED) : text
}

/** Anything `redactUrl` could act on: user-info, secret-named parameters, tokens in text. */
const MAYBE_SECRET =
  /@|key|secret|token|passw|pwd|credential|session|authori|cookie|bearer|basic|eyJ/i

export function safeUrl(url: string, secret: string | undefined): string {
  const scrubbed = scrub(url, secret)
  // Most URLs hold nothing to redact; one test spares four replace passes on the request path.
  return MAYBE_SECRET.test(scrubbed) ? redactUrl(scrubbed) : scrubbed
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
