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
  /**
   * Time allowed for one attempt. An attempt that gets no response (refused, reset, timed out,
   * unresolvable, TLS refused, not HTTP) is logged as `ConnectionError` once this time has passed.
   */
  readonly timeoutMs: number
}

/**
 * One attempt per callback: ClearID documents no retries (its webhook pages describe the log of
 * each callback, nothing more), so the mock does not invent them. `webhookRetry` turns them on;
 * the delays below then apply.
 */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  attempts: 1,
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
}

/** Which webhook URLs are accepted besides HTTPS ones on ordinary addresses. */
export interface WebhookUrlPolicy {
  /** `http://` on loopback hosts (`allowInsecureLoopbackWebhooks`). */
  readonly insecureLoopback: boolean
  /** Link-local and cloud metadata addresses (`allowLinkLocalWebhooks`, `webhook-address.ts`). */
  readonly linkLocal: boolean
}

/**
 * The `fetch` webhook deliveries use; tests and msw replace it. Deliveries ask it not to follow
 * redirects (`redirect: 'manual'`): a replacement must honour that, or a receiver could send the
 * payload and the configured headers on to another origin.
 */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>
