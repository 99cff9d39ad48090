/**
 * Defects of webhook delivery: each wraps the fetch callbacks go through (`createApp`'s
 * `components.webhookFetch`), so it changes what a receiver gets without a branch in the mock.
 *
 * @module
 */
import type { WebhookFetch } from '../../mock-server/webhooks/webhook-options.ts'
import type { DefectId } from '../defects.ts'

export type HookDefect = (own: WebhookFetch) => WebhookFetch

function payloadOf(init: RequestInit): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(typeof init.body === 'string' ? init.body : '') as unknown
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

export const HOOK_DEFECTS: Partial<Record<DefectId, HookDefect>> = {
  'callback-without-app-key': (own) => (url, init) => {
    const headers = new Headers(init.headers)
    headers.delete('authorization')
    return own(url, { ...init, headers })
  },
  'deactivation-not-published': (own) => async (url, init) => {
    const payload = payloadOf(init)
    const data = payload?.data as { status?: unknown } | undefined
    // Answered as if delivered: the log says OK, the receiver got nothing.
    return payload?.eventType === 'IdentityUpdated' && data?.status === 'Inactive'
      ? new Response(null, { status: 200 })
      : own(url, init)
  },
  'payload-extra-member': (own) => (url, init) => {
    const payload = payloadOf(init)
    return own(
      url,
      payload ? { ...init, body: JSON.stringify({ ...payload, tenant: 'cc' }) } : init,
    )
  },
}
