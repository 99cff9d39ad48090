/**
 * Secret redaction for anything a report or log prints. The harness redacts exchanges when it
 * records them; renderers apply the same functions again, so a secret that slipped into the model
 * (a new code path, a server echoing the key) still never reaches a file.
 *
 * @module
 */

import { SECRETS_IN_PLAY } from './secret-values.ts'

export const REDACTED = '[REDACTED]'

/** Header, field and query-parameter names whose values are secrets. */
const SECRET_NAME = /authori[sz]ation|cookie|key|secret|token|passw(?:or)?d|pwd|credential|session/i

/** True when a header, field or parameter called `name` carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name)
}

// Long enough that prose such as "Bearer challenge" in a fix hint is left alone.
const BEARER_IN_TEXT = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{16,}=*/g
// The scheme may not be the credential itself, so "Authorization: Bearer <SCIM key>" in a hint survives.
const AUTH_HEADER_IN_TEXT =
  /(authorization["']?\s*[:=]\s*["']?)((?:Bearer|Basic)\s+)?(?!(?:Bearer|Basic)\b)(?!\[REDACTED\])[^\s"',;<>[\]]+/gi
const JWT_IN_TEXT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g
const SECRET_PARAM_IN_TEXT = /([?&#;]([^=&#\s"'<>]*)=)([^&#\s"'<>]*)/g

/**
 * Removes credentials that appear inside free text: the secrets in play by value, wherever and in
 * whatever encoding they appear (`secret-values.ts`), then bearer tokens, JWTs and `?api_key=`
 * values by their shape.
 */
export function redactString(text: string): string {
  return SECRETS_IN_PLAY.redact(text)
    .replace(JWT_IN_TEXT, REDACTED)
    .replace(BEARER_IN_TEXT, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(
      AUTH_HEADER_IN_TEXT,
      (_m, prefix: string, scheme: string | undefined) => `${prefix}${scheme ?? ''}${REDACTED}`,
    )
    .replace(SECRET_PARAM_IN_TEXT, (match, head: string, name: string, value: string) =>
      value !== '' && value !== REDACTED && isSecretName(safeDecode(name))
        ? head + REDACTED
        : match,
    )
}

/**
 * Redacts a URL without re-serialising it, so the filter text and encoding a server received stay
 * exactly as they were: user-info is removed and secret query or fragment parameters are blanked.
 */
export function redactUrl(url: string): string {
  const withoutUserInfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`)
  return redactString(withoutUserInfo)
}

/**
 * Returns a copy of `headers` where secret values are replaced. `Authorization` keeps its scheme
 * (`Bearer [REDACTED]`): which scheme was sent is useful and not secret.
 */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSecretName(name) ? redactHeaderValue(name, value) : redactString(value)
  }
  return out
}

function redactHeaderValue(name: string, value: string): string {
  if (value === '') return value
  const scheme = /^(?:proxy-)?authorization$/i.test(name)
    ? /^([A-Za-z][\w-]*)\s+\S/.exec(value)
    : null
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED
}

/**
 * Deep copy of a JSON-like value with secrets removed: values of secret-named fields, SCIM PATCH
 * operations and name/value pairs whose `path` or `name` is secret-named, and credentials inside
 * strings.
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactString(value)
  if (Array.isArray(value)) return value.map((item) => redactValue(item))
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const pairName = typeof record.path === 'string' ? record.path : record.name
  const secretPair = typeof pairName === 'string' && isSecretName(pairName)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(record)) {
    const secret = isSecretName(key) || (secretPair && key === 'value')
    out[SECRETS_IN_PLAY.redact(key)] =
      secret && item !== null && item !== undefined && item !== '' ? REDACTED : redactValue(item)
  }
  return out
}

/** A form-encoded name decoded (`+` is a space); the text itself when it does not decode. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
