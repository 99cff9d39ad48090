/**
 * A webhook's configuration (ClearID: Administration > Webhooks > Add webhook) and its validation:
 * an HTTPS URL (port and query allowed; not a link-local or cloud metadata address), an optional
 * app key, extra headers without hop-by-hop names, and exactly one event.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { forbiddenHost } from './webhook-address.ts'
import type { WebhookUrlPolicy } from './webhook-options.ts'

/**
 * ClearID documents four events: Identity created, Identity updated, Identity requests created and
 * Identity requests updated (techdocs "About webhooks in ClearID"). `IdentityDeleted` is the mock's
 * own extra: ClearID documents no deletion event.
 */
export const WEBHOOK_EVENTS = [
  'IdentityCreated',
  'IdentityUpdated',
  'IdentityRequestCreated',
  'IdentityRequestUpdated',
  'IdentityDeleted',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export interface WebhookHeader {
  readonly name: string
  readonly value: string
}

export interface WebhookConfig {
  name: string
  description: string
  enabled: boolean
  url: string
  /** Sent as `Authorization: Bearer <appKey>`; never returned by the API. */
  appKey?: string
  headers: WebhookHeader[]
  event: WebhookEvent
}

/** Headers a webhook may not set: hop-by-hop (RFC 9110 §7.6.1) and those the mock computes. */
export const FORBIDDEN_HEADERS: readonly string[] = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-type',
]

export const MAX_HEADERS = 20
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

export function invalid(field: string, message: string): ApiError {
  return new ApiError(400, `${field}: ${message}`, { errors: { [field]: [message] } })
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

export function checkUrl(value: unknown, policy: WebhookUrlPolicy): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid('url', 'is required (an https:// URL).')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalid('url', `"${value.slice(0, 100)}" is not an absolute URL.`)
  }
  if (url.username || url.password) {
    throw invalid('url', 'must not carry credentials; use appKey or an additional header instead.')
  }
  const forbidden = policy.linkLocal ? undefined : forbiddenHost(url.hostname)
  if (forbidden !== undefined) {
    throw invalid(
      'url',
      `"${url.hostname.slice(0, 100)}" is ${forbidden}, which webhooks may not reach. Use the receiver's own address, or start the mock with allowLinkLocalWebhooks (CLEARID_ALLOW_LINK_LOCAL_WEBHOOKS=1) to test against such an address.`,
    )
  }
  if (url.protocol === 'https:') return url.href
  if (url.protocol === 'http:' && policy.insecureLoopback && isLoopbackHost(url.hostname))
    return url.href
  throw invalid(
    'url',
    `must use HTTPS (ClearID requires it; a port and query string are allowed, e.g. https://my-api.com:8080/identity-updated?x=1). Got "${url.protocol}".`,
  )
}

export function checkHeaders(value: unknown, hasAppKey: boolean): WebhookHeader[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value))
    throw invalid('headers', 'must be an array of {"name","value"} objects.')
  if (value.length > MAX_HEADERS)
    throw invalid('headers', `at most ${MAX_HEADERS} additional headers are allowed.`)
  const seen = new Set<string>()
  return value.map((entry: unknown, index) => {
    const field = `headers[${index}]`
    const { name, value: headerValue } = (entry ?? {}) as Record<string, unknown>
    if (typeof name !== 'string' || !TOKEN.test(name))
      throw invalid(`${field}.name`, 'must be a valid HTTP header name.')
    if (typeof headerValue !== 'string' || !FIELD_VALUE.test(headerValue)) {
      throw invalid(`${field}.value`, 'must be a string without control characters (no CR or LF).')
    }
    const lower = name.toLowerCase()
    if (FORBIDDEN_HEADERS.includes(lower)) {
      throw invalid(
        `${field}.name`,
        `"${name}" is a hop-by-hop or computed header and cannot be configured.`,
      )
    }
    if (lower === 'authorization' && hasAppKey) {
      throw invalid(
        `${field}.name`,
        'Authorization is already set from appKey; remove one of them.',
      )
    }
    if (seen.has(lower)) throw invalid(`${field}.name`, `"${name}" appears twice.`)
    seen.add(lower)
    return { name, value: headerValue }
  })
}

export function checkEvent(value: unknown): WebhookEvent {
  const event = WEBHOOK_EVENTS.find((e) => e === value)
  if (!event) throw invalid('event', `must be exactly one of ${WEBHOOK_EVENTS.join(', ')}.`)
  return event
}

export function checkText(field: string, value: unknown, required: boolean, max: number): string {
  if (value === undefined || value === null) {
    if (required) throw invalid(field, 'is required.')
    return ''
  }
  if (typeof value !== 'string') throw invalid(field, 'must be a string.')
  if (required && value.trim() === '') throw invalid(field, 'must not be empty.')
  if (value.length > max) throw invalid(field, `must be at most ${max} characters.`)
  return value
}

export function checkAppKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (
    typeof value !== 'string' ||
    value === '' ||
    !FIELD_VALUE.test(value) ||
    value.length > 1024
  ) {
    throw invalid('appKey', 'must be a non-empty string of at most 1024 printable characters.')
  }
  return value
}

export function checkEnabled(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw invalid('enabled', 'must be true or false.')
  return value
}
