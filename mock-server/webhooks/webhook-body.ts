/**
 * Reads a webhook create (POST) or update (PATCH, merge) body into a configuration. In an update,
 * omitted members keep their value and `appKey: null` removes the app key. The app key and the values
 * of secret-named headers (`X-Api-Key`) join the secrets in play, so no output of the process shows
 * them.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import {
  checkAppKey,
  checkEnabled,
  checkEvent,
  checkHeaders,
  checkText,
  checkUrl,
  type WebhookConfig,
} from './webhook-config.ts'
import type { WebhookUrlPolicy } from './webhook-options.ts'

const KNOWN = new Set(['name', 'description', 'enabled', 'url', 'appKey', 'headers', 'event'])

export function readWebhookBody(
  body: unknown,
  current: WebhookConfig | undefined,
  urlPolicy: WebhookUrlPolicy,
): WebhookConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'The body must be a JSON object describing the webhook.')
  }
  const input = body as Record<string, unknown>
  const unknown = Object.keys(input).filter((k) => !KNOWN.has(k))
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      `Unknown webhook members: ${unknown.join(', ').slice(0, 200)}. Known: ${[...KNOWN].join(', ')}.`,
    )
  }
  const has = (key: string) => current === undefined || key in input
  const appKey = 'appKey' in input ? checkAppKey(input.appKey) : current?.appKey
  const config: WebhookConfig = {
    name: has('name') ? checkText('name', input.name, true, 256) : (current as WebhookConfig).name,
    description: has('description')
      ? checkText('description', input.description, false, 1024)
      : (current as WebhookConfig).description,
    enabled: checkEnabled(input.enabled, current?.enabled ?? true),
    url: has('url') ? checkUrl(input.url, urlPolicy) : (current as WebhookConfig).url,
    headers: has('headers')
      ? checkHeaders(input.headers, appKey !== undefined)
      : checkHeaders((current as WebhookConfig).headers, appKey !== undefined),
    event: has('event') ? checkEvent(input.event) : (current as WebhookConfig).event,
  }
  if (appKey !== undefined) config.appKey = appKey
  return config
}
