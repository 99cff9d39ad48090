/**
 * Webhooks of every account: their configuration, the subscription to identity events, the
 * delivery queue and the delivery log. Each matching, enabled webhook gets one callback per event.
 *
 * @module
 */
import { isSecretName } from '../../model/redact.ts'
import { holdSecret, releaseSecret } from '../../model/secret-values.ts'
import { ApiError } from '../errors/api-error.ts'
import type { StateSink } from '../persistence/state-record.ts'
import type { IdentityEvent, IdentityEvents } from '../events.ts'
import type {
  IdentityRequestEvent,
  IdentityRequestEvents,
} from '../identity-requests/identity-request-events.ts'
import type { WebhookFetch, WebhookRetryPolicy, WebhookUrlPolicy } from './webhook-options.ts'
import { DeliveryLog } from './delivery-log.ts'
import { DeliveryQueue, type DeliverySubject } from './delivery-queue.ts'
import { payloadOf, requestPayloadOf, type WebhookPayload } from './payload.ts'
import { readWebhookBody } from './webhook-body.ts'
import type { WebhookConfig } from './webhook-config.ts'

export interface Webhook extends WebhookConfig {
  readonly id: string
  readonly accountId: string
  readonly createdAt: string
  lastModifiedAt: string
}

export interface WebhookServiceDeps {
  readonly events: IdentityEvents
  readonly requestEvents: IdentityRequestEvents
  readonly clock: () => Date
  readonly ids: () => string
  readonly fetch: WebhookFetch
  readonly retry: WebhookRetryPolicy
  readonly urlPolicy: WebhookUrlPolicy
}

export class WebhookService {
  readonly log = new DeliveryLog()
  readonly #webhooks = new Map<string, Webhook>()
  readonly #queue: DeliveryQueue
  readonly #unsubscribe: (() => void)[]
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined

  constructor(private readonly deps: WebhookServiceDeps) {
    this.#queue = new DeliveryQueue({
      lookup: (id) => this.#webhooks.get(id),
      fetch: deps.fetch,
      retry: deps.retry,
      clock: deps.clock,
      log: this.log,
      allowLinkLocal: deps.urlPolicy.linkLocal,
    })
    this.#unsubscribe = [
      deps.events.subscribe((event) => this.#onEvent(event)),
      deps.requestEvents.subscribe((event) => this.#onRequestEvent(event)),
    ]
  }

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  /** Puts back a kept webhook; its secrets join the secrets in play, as when it was configured. */
  restore(webhook: Webhook): void {
    for (const secret of secretsOf(webhook)) holdSecret(secret)
    this.#webhooks.set(webhook.id, webhook)
  }

  /** Every account's webhooks, in creation order. */
  all(): Webhook[] {
    return [...this.#webhooks.values()]
  }

  create(accountId: string, body: unknown): Webhook {
    const now = this.deps.clock().toISOString()
    const config = readWebhookBody(body, undefined, this.deps.urlPolicy)
    const webhook: Webhook = {
      ...config,
      id: this.deps.ids(),
      accountId,
      createdAt: now,
      lastModifiedAt: now,
    }
    for (const secret of secretsOf(webhook)) holdSecret(secret)
    this.#webhooks.set(webhook.id, webhook)
    this.#sink?.({ type: 'webhook', webhook })
    return webhook
  }

  update(webhook: Webhook, body: unknown): Webhook {
    const config = readWebhookBody(body, webhook, this.deps.urlPolicy)
    const updated: Webhook = {
      ...webhook,
      ...config,
      lastModifiedAt: this.deps.clock().toISOString(),
    }
    if (config.appKey === undefined) delete updated.appKey
    for (const secret of secretsOf(updated)) holdSecret(secret)
    for (const secret of secretsOf(webhook)) releaseSecret(secret)
    this.#webhooks.set(webhook.id, updated)
    this.#sink?.({ type: 'webhook', webhook: updated })
    return updated
  }

  list(accountId: string): Webhook[] {
    return [...this.#webhooks.values()].filter((w) => w.accountId === accountId)
  }

  require(accountId: string, id: string): Webhook {
    const webhook = this.#webhooks.get(id)
    if (!webhook || webhook.accountId !== accountId) {
      throw new ApiError(
        404,
        `No webhook with id "${id.slice(0, 100)}" exists in account "${accountId.slice(0, 64)}".`,
      )
    }
    return webhook
  }

  delete(webhook: Webhook): void {
    for (const secret of secretsOf(webhook)) releaseSecret(secret)
    this.#webhooks.delete(webhook.id)
    this.log.forget(webhook.id)
    this.#sink?.({ type: 'webhook-deleted', id: webhook.id })
  }

  /** Resolves when every queued callback has been delivered or given up. */
  idle(): Promise<void> {
    return this.#queue.idle()
  }

  /** Delivers everything queued now, skipping backoff waits, and resolves when done. */
  drain(): Promise<void> {
    return this.#queue.drain()
  }

  /** Stops listening and drops queued callbacks. */
  stop(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe()
    this.#queue.stop()
  }

  #onEvent(event: IdentityEvent): void {
    const id = event.identity.id
    this.#dispatch(event.accountId, event.type, { key: id, identityId: id }, (eventId) =>
      payloadOf(event, eventId),
    )
  }

  #onRequestEvent(event: IdentityRequestEvent): void {
    const { request } = event
    const subject = {
      key: `request:${request.id}`,
      identityId: request.identityId,
      identityRequestId: request.id,
    }
    this.#dispatch(event.accountId, event.type, subject, (eventId) =>
      requestPayloadOf(event, eventId),
    )
  }

  /** One callback per enabled webhook of the account subscribed to `type`. */
  #dispatch(
    accountId: string,
    type: string,
    subject: DeliverySubject,
    payload: (eventId: string) => WebhookPayload,
  ): void {
    const targets = this.list(accountId).filter((w) => w.enabled && w.event === type)
    if (targets.length === 0) return
    const eventId = this.deps.ids()
    const body = JSON.stringify(payload(eventId))
    for (const webhook of targets) {
      this.#queue.enqueue({ webhookId: webhook.id, subject, eventId, eventType: type, body })
    }
  }
}

/** The secrets a webhook's callbacks carry: its app key and secret-named header values. */
function secretsOf(config: WebhookConfig): string[] {
  const secrets = config.headers.filter((h) => isSecretName(h.name)).map((h) => h.value)
  return config.appKey === undefined ? secrets : [config.appKey, ...secrets]
}
