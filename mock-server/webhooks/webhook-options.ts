/**
 * Webhook delivery options of `createApp` (`webhookRetry`, `webhookFetch`), in the webhook folder
 * so the delivery queue reads them without importing the app's options.
 *
 * @module
 */

/** Webhook delivery retry policy: exponential backoff between attempts. */
export interface WebhookRetryPolicy {
  /** Attempts per callback, first one included. */
  readonly attempts: number
  readonly initialDelayMs: number
  readonly maxDelayMs: number
  /** Time allowed for one attempt; then it is logged as `RequestTimeout`. */
  readonly timeoutMs: number
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  attempts: 3,
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
}

/** The `fetch` webhook deliveries use; tests and msw replace it. */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>
