/**
 * "Reset SCIM integration identity data" (ClearID: Administration > SCIM Integration > Force
 * reset): every identity the SCIM integration manages is marked pending reset. Until Entra's next
 * write of its data, SCIM reads show the identity without its extension values
 * (`scim-reset-view.ts`), so Entra's diff sends them all, and that write replaces every
 * SCIM-managed value and clears the rest (`scim-reset-gate.ts`). It cannot be undone. The reset
 * reports `Running` for a configurable time, then `Completed`.
 *
 * @module
 */
import type { Identity } from '../../model/identity.ts'
import type { IdentityEvents } from '../events.ts'
import type { IdentityStore } from '../store/identity-store.ts'

export interface ScimResetStatus {
  readonly resetId: string
  readonly accountId: string
  readonly status: 'Running' | 'Completed'
  readonly startedUtc: string
  readonly completedUtc: string | null
  readonly identitiesMarked: number
  /** Marked identities no SCIM write has replaced yet. */
  readonly identitiesPending: number
}

interface ResetRun {
  readonly resetId: string
  readonly startedAt: Date
  readonly marked: number
}

export interface ScimResetDeps {
  readonly events: IdentityEvents
  readonly store: IdentityStore
  readonly clock: () => Date
  readonly ids: () => string
  readonly durationMs: number
}

export class ScimResets {
  /** Identities SCIM has written, per account. */
  readonly #managed = new Map<string, Set<string>>()
  readonly #pending = new Map<string, Set<string>>()
  readonly #runs = new Map<string, ResetRun>()

  constructor(private readonly deps: ScimResetDeps) {
    deps.events.subscribe((event) => {
      const id = event.identity.id
      if (event.type === 'IdentityDeleted') {
        this.#pending.get(event.accountId)?.delete(id)
        return
      }
      // Which SCIM write ends a reset is the gate's decision (`replaced`), not any SCIM write's.
      if (event.source === 'scim') setOf(this.#managed, event.accountId).add(id)
    })
  }

  start(accountId: string): ScimResetStatus {
    const pending = setOf(this.#pending, accountId)
    const managed = this.#managed.get(accountId)
    let marked = 0
    for (const identity of this.deps.store.scan(accountId, false)) {
      if (!this.#isScimSourced(identity, managed)) continue
      pending.add(identity.id)
      marked++
    }
    this.#runs.set(accountId, { resetId: this.deps.ids(), startedAt: this.deps.clock(), marked })
    return this.status(accountId) as ScimResetStatus
  }

  status(accountId: string): ScimResetStatus | undefined {
    const run = this.#runs.get(accountId)
    if (!run) return undefined
    const completesAt = new Date(run.startedAt.getTime() + this.deps.durationMs)
    const done = this.deps.clock() >= completesAt
    return {
      resetId: run.resetId,
      accountId,
      status: done ? 'Completed' : 'Running',
      startedUtc: run.startedAt.toISOString(),
      completedUtc: done ? completesAt.toISOString() : null,
      identitiesMarked: run.marked,
      identitiesPending: this.#pending.get(accountId)?.size ?? 0,
    }
  }

  isPending(accountId: string, identityId: string): boolean {
    return this.#pending.get(accountId)?.has(identityId) ?? false
  }

  /** Whether any identity of the account is pending: one lookup on every SCIM read. */
  hasPending(accountId: string): boolean {
    return (this.#pending.get(accountId)?.size ?? 0) > 0
  }

  /** A SCIM write replaced the identity's data: its reset is over. */
  replaced(accountId: string, identityId: string): void {
    this.#pending.get(accountId)?.delete(identityId)
  }

  /** The account's identity data was cleared by the control plane. */
  forget(accountId: string): void {
    this.#managed.delete(accountId)
    this.#pending.delete(accountId)
  }

  #isScimSourced(identity: Identity, managed: Set<string> | undefined): boolean {
    return identity.source === 'scim' || (managed?.has(identity.id) ?? false)
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  return set
}
