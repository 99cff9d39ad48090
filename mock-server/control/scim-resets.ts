/**
 * "Reset SCIM integration identity data" (ClearID: Administration > SCIM Integration > Force
 * reset): every identity the SCIM integration manages is marked pending reset, so the next SCIM
 * write for it replaces all SCIM-managed values with what the IdP sends and clears the rest. It
 * cannot be undone. The reset reports `Running` for a configurable time, then `Completed`.
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
      if (event.source !== 'scim') return
      setOf(this.#managed, event.accountId).add(id)
      // A SCIM write to a pending identity was the replacing write.
      this.#pending.get(event.accountId)?.delete(id)
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
