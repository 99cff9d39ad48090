/**
 * An `IdentityStore` that writes every stored identity to a sink as well: the store every route
 * already writes through, so no write path can forget the journal. Reads pass straight through.
 * Used only when the state is kept; the default app uses the memory store alone.
 *
 * Purges of soft-deleted identities are not written: a purge removes only identities past the
 * retention, which the restore purges again (`restore-state.ts`), so the outcome is the same.
 *
 * @module
 */
import type { Identity, StoredIdentity } from '../../model/identity.ts'
import type { IdentityStore, PageOptions } from '../store/identity-store.ts'
import type { StateRecord, StateSink } from './state-record.ts'

export class JournaledIdentityStore implements IdentityStore {
  /** The last ordinal handed out per account, kept so a clear or a snapshot can say it. */
  readonly #ordinals = new Map<string, number>()
  #sink: StateSink | undefined

  constructor(readonly inner: IdentityStore) {}

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  get(accountId: string, id: string): StoredIdentity | undefined {
    return this.inner.get(accountId, id)
  }

  findByUserName(accountId: string, userName: string): StoredIdentity | undefined {
    return this.inner.findByUserName(accountId, userName)
  }

  findByExternalId(accountId: string, externalId: string): StoredIdentity | undefined {
    return this.inner.findByExternalId(accountId, externalId)
  }

  scan(accountId: string, includeDeleted: boolean): Iterable<StoredIdentity> {
    return this.inner.scan(accountId, includeDeleted)
  }

  count(accountId: string, includeDeleted: boolean): number {
    return this.inner.count(accountId, includeDeleted)
  }

  page(accountId: string, options: PageOptions): StoredIdentity[] {
    return this.inner.page(accountId, options)
  }

  insert(identity: Identity): void {
    this.inner.insert(identity)
    this.#noteOrdinal(identity)
    this.#sink?.({ type: 'identity', identity })
  }

  update(identity: Identity): void {
    this.inner.update(identity)
    this.#sink?.({ type: 'identity', identity })
  }

  /** Counted here rather than by the inner store, which knows nothing of the restored ordinals. */
  nextOrdinal(accountId: string): number {
    const next = (this.#ordinals.get(accountId) ?? 0) + 1
    this.#ordinals.set(accountId, next)
    return next
  }

  clear(accountId: string): void {
    this.inner.clear(accountId)
    const ordinal = this.#ordinals.get(accountId) ?? 0
    this.#sink?.({ type: 'identities-cleared', accountId, ordinal })
  }

  purgeDeleted(accountId: string, deletedBeforeMs: number, limit: number): number {
    return this.inner.purgeDeleted(accountId, deletedBeforeMs, limit)
  }

  /** Replays a kept record (no sink yet: nothing is written back). */
  restore(record: StateRecord): void {
    switch (record.type) {
      case 'identity': {
        // The store copies what it is given, so the read-only record can be handed over as is.
        const identity = record.identity as Identity
        if (this.inner.get(identity.accountId, identity.id)) this.inner.update(identity)
        else this.inner.insert(identity)
        this.#noteOrdinal(identity)
        return
      }
      case 'identities-cleared':
        this.inner.clear(record.accountId)
        this.#raiseOrdinal(record.accountId, record.ordinal)
        return
      case 'ordinal':
        this.#raiseOrdinal(record.accountId, record.ordinal)
        return
    }
  }

  /** The last ordinal handed out in each account, for a snapshot. */
  ordinals(): ReadonlyMap<string, number> {
    return this.#ordinals
  }

  #noteOrdinal(identity: StoredIdentity): void {
    if (identity.ordinal !== undefined) this.#raiseOrdinal(identity.accountId, identity.ordinal)
  }

  #raiseOrdinal(accountId: string, ordinal: number): void {
    if (ordinal > (this.#ordinals.get(accountId) ?? 0)) this.#ordinals.set(accountId, ordinal)
  }
}
