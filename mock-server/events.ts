/**
 * Identity change events. Every write, from SCIM or REST, is published here once it is stored;
 * webhooks and the traffic audit subscribe. Listeners run after the response is decided and must
 * not throw into the request (errors are swallowed and counted).
 *
 * @module
 */
import type { Identity, WriteSource } from '../model/identity.ts'

export type IdentityEventType = 'IdentityCreated' | 'IdentityUpdated' | 'IdentityDeleted'

export interface IdentityEvent {
  readonly type: IdentityEventType
  readonly accountId: string
  /** The identity after the change (a copy). */
  readonly identity: Identity
  readonly source: WriteSource
  readonly occurredAt: string
}

export type IdentityListener = (event: IdentityEvent) => void

export class IdentityEvents {
  readonly #listeners = new Set<IdentityListener>()
  listenerErrors = 0

  subscribe(listener: IdentityListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(event: IdentityEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        this.listenerErrors++
      }
    }
  }
}
