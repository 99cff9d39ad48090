/**
 * In-memory `IdentityStore` with indexes on case-folded userName and on externalId, so the `eq`
 * lookups Entra makes for every user are O(1) rather than a scan.
 *
 * @module
 */
import {
  cloneIdentity,
  externalIdOf,
  type Identity,
  type StoredIdentity,
} from '../../model/identity.ts'
import { UniquenessConflict, type IdentityStore, type PageOptions } from './identity-store.ts'

interface AccountData {
  /** Insertion order is creation order. */
  readonly byId: Map<string, Identity>
  /** Index values are the stored identities themselves: one hop fewer than going through ids. */
  readonly byUserName: Map<string, Identity>
  readonly byExternalId: Map<string, Identity>
  live: number
  /** Soft deletes in the order they happened, for purging; `purged` entries at the head are done. */
  deletions: Deletion[]
  purged: number
}

interface Deletion {
  readonly id: string
  readonly atMs: number
}

const fold = (userName: string): string => userName.toLowerCase()

export class MemoryIdentityStore implements IdentityStore {
  readonly #accounts = new Map<string, AccountData>()
  /** Outside `AccountData`, so `clear` does not reset it. */
  readonly #ordinals = new Map<string, number>()

  #account(accountId: string): AccountData {
    let data = this.#accounts.get(accountId)
    if (!data) {
      data = {
        byId: new Map(),
        byUserName: new Map(),
        byExternalId: new Map(),
        live: 0,
        deletions: [],
        purged: 0,
      }
      this.#accounts.set(accountId, data)
    }
    return data
  }

  get(accountId: string, id: string): StoredIdentity | undefined {
    return this.#accounts.get(accountId)?.byId.get(id)
  }

  findByUserName(accountId: string, userName: string): StoredIdentity | undefined {
    return this.#accounts.get(accountId)?.byUserName.get(fold(userName))
  }

  findByExternalId(accountId: string, externalId: string): StoredIdentity | undefined {
    return this.#accounts.get(accountId)?.byExternalId.get(externalId)
  }

  *scan(accountId: string, includeDeleted: boolean): Iterable<StoredIdentity> {
    const data = this.#accounts.get(accountId)
    if (!data) return
    for (const identity of data.byId.values()) {
      if (includeDeleted || !identity.deleted) yield identity
    }
  }

  count(accountId: string, includeDeleted: boolean): number {
    const data = this.#accounts.get(accountId)
    if (!data) return 0
    return includeDeleted ? data.byId.size : data.live
  }

  page(accountId: string, { offset, limit, includeDeleted }: PageOptions): StoredIdentity[] {
    const out: StoredIdentity[] = []
    if (limit <= 0) return out
    let skipped = 0
    for (const identity of this.scan(accountId, includeDeleted)) {
      if (skipped < offset) {
        skipped++
        continue
      }
      out.push(identity)
      if (out.length >= limit) break
    }
    return out
  }

  insert(identity: Identity): void {
    const data = this.#account(identity.accountId)
    if (data.byId.has(identity.id)) throw new Error(`duplicate id ${identity.id}`)
    if (!identity.deleted) this.#assertUnique(data, identity)
    const stored = cloneIdentity(identity)
    data.byId.set(stored.id, stored)
    if (!stored.deleted) {
      this.#index(data, stored)
      data.live++
    } else this.#noteDeletion(data, stored)
  }

  update(identity: Identity): void {
    const data = this.#account(identity.accountId)
    const previous = data.byId.get(identity.id)
    if (!previous) throw new Error(`unknown id ${identity.id}`)
    if (!identity.deleted) this.#assertUnique(data, identity)
    if (!previous.deleted) {
      this.#unindex(data, previous)
      data.live--
    }
    const stored = cloneIdentity(identity)
    data.byId.set(stored.id, stored)
    if (!stored.deleted) {
      this.#index(data, stored)
      data.live++
    } else if (!previous.deleted) this.#noteDeletion(data, stored)
  }

  nextOrdinal(accountId: string): number {
    const next = (this.#ordinals.get(accountId) ?? 0) + 1
    this.#ordinals.set(accountId, next)
    return next
  }

  clear(accountId: string): void {
    this.#accounts.delete(accountId)
  }

  purgeDeleted(accountId: string, deletedBeforeMs: number, limit: number): number {
    const data = this.#accounts.get(accountId)
    if (!data) return 0
    const { deletions } = data
    let removed = 0
    while (data.purged < deletions.length && removed < limit) {
      const deletion = deletions[data.purged]!
      if (deletion.atMs > deletedBeforeMs) break
      data.purged++
      const stored = data.byId.get(deletion.id)
      // Still the deletion noted (not re-created since, with the same id).
      if (stored?.deleted === true && deletedAtMs(stored) === deletion.atMs) {
        data.byId.delete(deletion.id)
        removed++
      }
    }
    // Drop the done entries once they are most of the queue: amortised O(1) per deletion.
    if (data.purged > 1024 && data.purged * 2 > deletions.length) {
      data.deletions = deletions.slice(data.purged)
      data.purged = 0
    }
    return removed
  }

  #noteDeletion(data: AccountData, stored: Identity): void {
    data.deletions.push({ id: stored.id, atMs: deletedAtMs(stored) })
  }

  #assertUnique(data: AccountData, identity: Identity): void {
    const holder = data.byUserName.get(fold(identity.userName))
    if (holder !== undefined && holder.id !== identity.id) {
      throw new UniquenessConflict('userName', identity.userName)
    }
    const externalId = externalIdOf(identity)
    if (externalId !== undefined) {
      const owner = data.byExternalId.get(externalId)
      if (owner !== undefined && owner.id !== identity.id) {
        throw new UniquenessConflict('externalId', externalId)
      }
    }
  }

  #index(data: AccountData, identity: Identity): void {
    data.byUserName.set(fold(identity.userName), identity)
    const externalId = externalIdOf(identity)
    if (externalId !== undefined) data.byExternalId.set(externalId, identity)
  }

  #unindex(data: AccountData, identity: Identity): void {
    data.byUserName.delete(fold(identity.userName))
    const externalId = externalIdOf(identity)
    if (externalId !== undefined) data.byExternalId.delete(externalId)
  }
}

/** When an identity was soft-deleted, in epoch milliseconds (its last change if not recorded). */
function deletedAtMs(identity: StoredIdentity): number {
  return Date.parse(identity.deletedAt ?? identity.lastModified)
}
