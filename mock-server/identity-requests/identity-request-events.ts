/**
 * Events of identity requests, apart from the identity events (`events.ts`): their subject is a
 * request, not an identity, and only webhooks listen to them.
 *
 * @module
 */
import type { IdentityRequest } from './identity-request.ts'

export type IdentityRequestEventType = 'IdentityRequestCreated' | 'IdentityRequestUpdated'

export interface IdentityRequestEvent {
  readonly type: IdentityRequestEventType
  readonly accountId: string
  /** The request after the change. */
  readonly request: IdentityRequest
  readonly occurredAt: string
}

export type IdentityRequestListener = (event: IdentityRequestEvent) => void

export class IdentityRequestEvents {
  readonly #listeners = new Set<IdentityRequestListener>()
  listenerErrors = 0

  subscribe(listener: IdentityRequestListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Listeners must not throw into the request: an error is swallowed and counted. */
  publish(event: IdentityRequestEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        this.listenerErrors++
      }
    }
  }
}
