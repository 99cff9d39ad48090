/**
 * Builds the redacted `Exchange` a finding carries. Secrets are removed twice: by name (headers,
 * fields, query parameters, via `reports/redact-report.ts`) and by value (the exact keys of this
 * run, in case a server echoes one back). Huge bodies are cut so a 1 MiB probe does not bloat a
 * report, into copies of their own (`excerpt.ts`): a recorded exchange never keeps a huge answer
 * alive.
 *
 * @module
 */
import { redactExchange } from '../../reports/redact-report.ts'
import { REDACTED } from '../../model/redact.ts'
import type { Exchange, ExchangeRequest, ExchangeResponse } from '../../model/rule.ts'
import { excerpt } from './excerpt.ts'
import { formatBytes } from '../../model/read-response.ts'

/** Longest body text kept verbatim in a report. */
export const MAX_RECORDED_BODY = 8 * 1024

/** A request as sent, before redaction: the body is the exact text. */
export interface RawRequest extends Omit<ExchangeRequest, 'body'> {
  readonly bodyText?: string
}

/** A response as received, before redaction: the body is the exact text, or only its start when it
 * went past `overLimitBytes`. */
export interface RawResponse extends Omit<ExchangeResponse, 'body'> {
  readonly bodyText: string
  /** Set when the body went past this limit and was not read to its end. */
  readonly overLimitBytes?: number
}

/** A body for the report: parsed JSON when it parses and is small, else (cut) text. */
export function recordedBody(text: string | undefined, overLimitBytes?: number): unknown {
  if (overLimitBytes !== undefined) {
    return `${excerpt(text ?? '', 512)}… [larger than ${formatBytes(overLimitBytes)}: not read to its end]`
  }
  if (text === undefined || text === '') return undefined
  if (text.length > MAX_RECORDED_BODY) {
    return `${excerpt(text, 512)}… [${text.length} characters, cut]`
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export function buildExchange(
  request: RawRequest,
  response: RawResponse | undefined,
  extra: {
    readonly durationMs?: number
    readonly error?: string
    readonly secrets: readonly string[]
  },
): Exchange {
  const req: ExchangeRequest = {
    method: request.method,
    url: request.url,
    headers: request.headers,
    ...optional('body', recordedBody(request.bodyText)),
  }
  const res: ExchangeResponse | undefined = response && {
    status: response.status,
    headers: response.headers,
    ...optional('body', recordedBody(response.bodyText, response.overLimitBytes)),
  }
  const exchange: Exchange = {
    request: req,
    ...(res && { response: res }),
    ...(extra.durationMs === undefined
      ? {}
      : { durationMs: Math.round(extra.durationMs * 10) / 10 }),
    ...(extra.error === undefined ? {} : { error: extra.error }),
  }
  return scrubSecrets(redactExchange(exchange), extra.secrets)
}

function optional<K extends string>(key: K, value: unknown): { [P in K]?: unknown } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: unknown })
}

/** Replaces every occurrence of the given secret values anywhere in a JSON-like value. */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const active = secrets.filter((secret) => secret.length >= 4)
  if (active.length === 0) return value
  return scrub(value, active) as T
}

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value)
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value))
    out[scrub(key, secrets) as string] = scrub(item, secrets)
  return out
}

/** Response headers as a plain object with lower-case names. */
export function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value
  })
  return out
}
