/**
 * HTTP transcripts of exchanges as plain text, shared by every renderer: a request line, headers,
 * a blank line and the pretty-printed body, the way people read HTTP.
 *
 * @module
 */
import { reasonPhrase } from '../../../model/http-status.ts'
import type { Exchange, ExchangeRequest, ExchangeResponse } from '../../../model/rule.ts'

export interface TranscriptOptions {
  /** Bodies longer than this many characters are cut, with a note. */
  readonly bodyLimit?: number
}

export const DEFAULT_BODY_LIMIT = 16_000

export function statusLine(status: number): string {
  const text = reasonPhrase(status)
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`
}

/** A body as readable text: JSON (also JSON sent as a string) indented by two spaces. */
export function formatBody(body: unknown, options: TranscriptOptions = {}): string {
  return cut(bodyText(body), options.bodyLimit ?? DEFAULT_BODY_LIMIT)
}

/** An expected or actual value as indented JSON (strings quoted, so `"1"` and `1` differ). */
export function formatValue(value: unknown, options: TranscriptOptions = {}): string {
  const text = value === undefined ? 'undefined' : (JSON.stringify(value, null, 2) ?? String(value))
  return cut(text, options.bodyLimit ?? DEFAULT_BODY_LIMIT)
}

function cut(text: string, limit: number): string {
  if (text.length <= limit) return text
  return `${text.slice(0, limit)}\n… (${text.length - limit} more characters not shown)`
}

function bodyText(body: unknown): string {
  if (body === undefined) return ''
  if (typeof body !== 'string') return JSON.stringify(body, null, 2) ?? String(body)
  const trimmed = body.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2)
    } catch {
      return body
    }
  }
  return body
}

function headerLines(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
}

function withBody(lines: string[], body: unknown, options: TranscriptOptions): string {
  const text = formatBody(body, options)
  return text === '' ? lines.join('\n') : `${lines.join('\n')}\n\n${text}`
}

export function formatRequest(request: ExchangeRequest, options: TranscriptOptions = {}): string {
  const lines = [`${request.method} ${request.url}`, ...headerLines(request.headers)]
  return withBody(lines, request.body, options)
}

export function formatResponse(
  response: ExchangeResponse,
  options: TranscriptOptions = {},
): string {
  const lines = [statusLine(response.status), ...headerLines(response.headers)]
  return withBody(lines, response.body, options)
}

/** Request, then response (or the network error), then the round-trip time. */
export function formatExchange(exchange: Exchange, options: TranscriptOptions = {}): string {
  const parts = [formatRequest(exchange.request, options)]
  if (exchange.response) parts.push(formatResponse(exchange.response, options))
  if (exchange.error !== undefined) parts.push(`(no response: ${exchange.error})`)
  if (exchange.durationMs !== undefined) parts.push(`(${formatMs(exchange.durationMs)})`)
  return parts.join('\n\n')
}

/** `GET /Users?filter=… → 200` as a one-line summary. */
export function exchangeOneLine(exchange: Exchange): string {
  const outcome = exchange.response
    ? String(exchange.response.status)
    : `no response (${exchange.error ?? 'unknown error'})`
  return `${exchange.request.method} ${exchange.request.url} → ${outcome}`
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  return `${Math.round(ms)} ms`
}
