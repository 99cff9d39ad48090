/**
 * Asynchronous webhook delivery. Each (webhook, identity) pair has its own FIFO queue, so callbacks
 * about one identity arrive in order: a later event waits until the earlier one is delivered or
 * given up. Queues of different identities run concurrently. Nothing here is awaited by the
 * request that caused the event.
 *
 * A delivery is one POST: redirects are not followed (a 3xx is the answer, logged and final), so a
 * receiver cannot send the payload and the configured headers on to another origin. The host is
 * checked again before each attempt (`webhook-address.ts`). An attempt that gets no answer is
 * logged the same way whatever happened, after the attempt's full timeout, so the log cannot be
 * used to scan ports: a closed port refuses at once, an open one that does not speak HTTP holds on.
 *
 * @module
 */
import type { WebhookFetch, WebhookRetryPolicy } from './webhook-options.ts'
import type { DeliveryLog } from './delivery-log.ts'
import { NO_RESPONSE, statusName } from './status-names.ts'
import { forbiddenHost } from './webhook-address.ts'
import type { WebhookConfig } from './webhook-config.ts'

export interface Delivery {
  readonly webhookId: string
  /** What the event is about (an identity, or an identity request): its callbacks keep their order. */
  readonly subject: DeliverySubject
  readonly eventId: string
  readonly eventType: string
  readonly body: string
}

export interface DeliverySubject {
  /** Deliveries with the same key (per webhook) go out one after another, in order. */
  readonly key: string
  readonly identityId: string | null
  readonly identityRequestId?: string
}

export interface DeliveryDeps {
  /** The webhook's configuration now; undefined (deleted) or disabled drops the delivery. */
  readonly lookup: (webhookId: string) => WebhookConfig | undefined
  readonly fetch: WebhookFetch
  readonly retry: WebhookRetryPolicy
  readonly clock: () => Date
  readonly log: DeliveryLog
  /** `allowLinkLocalWebhooks`: deliver to link-local and metadata addresses too. */
  readonly allowLinkLocal: boolean
}

interface Sleep {
  readonly timer: ReturnType<typeof setTimeout>
  readonly wake: () => void
  /** `drain()` ends it (a backoff); otherwise only `stop()` does (the wait of a failed attempt). */
  readonly drains: boolean
}

type Outcome = 'delivered' | 'retry' | 'give-up'

export class DeliveryQueue {
  readonly #queues = new Map<string, Delivery[]>()
  readonly #sleeps = new Set<Sleep>()
  #idleWaiters: (() => void)[] = []
  #stopped = false

  constructor(private readonly deps: DeliveryDeps) {}

  enqueue(delivery: Delivery): void {
    if (this.#stopped) return
    const key = `${delivery.webhookId}\u0000${delivery.subject.key}`
    const queue = this.#queues.get(key)
    if (queue) {
      queue.push(delivery)
      return
    }
    this.#queues.set(key, [delivery])
    // Start on a later turn of the event loop, never inside the request that published the event.
    setTimeout(() => void this.#run(key), 0)
  }

  /** Resolves when every queued callback has been delivered or given up. */
  idle(): Promise<void> {
    if (this.#queues.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  /** Like `idle`, but retries waiting for their backoff run at once. */
  async drain(): Promise<void> {
    while (this.#queues.size > 0) {
      for (const sleep of this.#sleeps) if (sleep.drains) this.#wake(sleep)
      await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, 5))])
    }
  }

  /** Drops everything queued and cancels waits (app shutdown, end of a test). */
  stop(): void {
    this.#stopped = true
    for (const sleep of this.#sleeps) this.#wake(sleep)
    this.#queues.clear()
    this.#settleIdle()
  }

  async #run(key: string): Promise<void> {
    const queue = this.#queues.get(key)
    while (queue && queue.length > 0 && !this.#stopped) {
      await this.#deliver(queue[0] as Delivery)
      queue.shift()
    }
    this.#queues.delete(key)
    this.#settleIdle()
  }

  async #deliver(delivery: Delivery): Promise<void> {
    const { attempts, initialDelayMs, maxDelayMs } = this.deps.retry
    for (let attempt = 1; attempt <= attempts && !this.#stopped; attempt++) {
      const outcome = await this.#attempt(delivery, attempt)
      if (outcome !== 'retry' || attempt === attempts) return
      await this.#sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)))
    }
  }

  async #attempt(delivery: Delivery, attempt: number): Promise<Outcome> {
    const webhook = this.deps.lookup(delivery.webhookId)
    if (!webhook?.enabled) return 'give-up'
    const started = Date.now()
    const callbackDateUtc = this.deps.clock().toISOString()
    const { statusCode, response } = await this.#post(webhook, delivery.body, started)
    this.deps.log.add(delivery.webhookId, {
      callbackDateUtc,
      url: webhook.url,
      response,
      statusCode,
      attempt,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      identityId: delivery.subject.identityId,
      ...(delivery.subject.identityRequestId === undefined
        ? {}
        : { identityRequestId: delivery.subject.identityRequestId }),
      durationMs: Date.now() - started,
    })
    return outcomeOf(statusCode)
  }

  /** One POST with the attempt timeout, not redirected; never throws. */
  async #post(
    webhook: WebhookConfig,
    body: string,
    started: number,
  ): Promise<{ statusCode: number | null; response: string }> {
    const { timeoutMs } = this.deps.retry
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      if (!this.deps.allowLinkLocal && forbiddenHost(new URL(webhook.url).hostname)) {
        throw new Error('link-local or metadata address')
      }
      const res = await this.deps.fetch(webhook.url, {
        method: 'POST',
        headers: headersOf(webhook),
        body,
        redirect: 'manual',
        signal: controller.signal,
      })
      // Only the status counts; a receiver's body is not read, however large.
      await res.body?.cancel().catch(() => undefined)
      return { statusCode: res.status, response: statusName(res.status) }
    } catch {
      await this.#sleep(started + timeoutMs - Date.now(), false)
      return { statusCode: null, response: NO_RESPONSE }
    } finally {
      clearTimeout(timer)
    }
  }

  #sleep(ms: number, drains = true): Promise<void> {
    return new Promise((resolve) => {
      const sleep: Sleep = {
        timer: setTimeout(() => this.#wake(sleep), Math.max(0, ms)),
        wake: resolve,
        drains,
      }
      this.#sleeps.add(sleep)
    })
  }

  #wake(sleep: Sleep): void {
    clearTimeout(sleep.timer)
    this.#sleeps.delete(sleep)
    sleep.wake()
  }

  #settleIdle(): void {
    if (this.#queues.size > 0) return
    const waiters = this.#idleWaiters
    this.#idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}

/** 2xx is delivered; no response, 408, 429 and 5xx are retried; other statuses are final. */
function outcomeOf(status: number | null): Outcome {
  if (status === null || status === 408 || status === 429 || status >= 500) return 'retry'
  return status >= 200 && status < 300 ? 'delivered' : 'give-up'
}

export const USER_AGENT = 'ClearID-Mock-Webhooks/1.0'

function headersOf(webhook: WebhookConfig): Headers {
  const headers = new Headers()
  for (const header of webhook.headers) headers.set(header.name, header.value)
  headers.set('Content-Type', 'application/json; charset=utf-8')
  if (!headers.has('User-Agent')) headers.set('User-Agent', USER_AGENT)
  if (webhook.appKey !== undefined) headers.set('Authorization', `Bearer ${webhook.appKey}`)
  return headers
}
