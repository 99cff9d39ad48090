/**
 * The identity store behind the SCIM endpoint and the REST services. Small on purpose: lookups the
 * protocol needs on every request (by id, case-folded userName, externalId) plus ordered paging.
 *
 * Calls are synchronous: a check-then-write sequence in one handler cannot interleave with another
 * request, which is what makes uniqueness and atomic PATCH hold under concurrent load.
 *
 * @module
 */
import type { Identity, StoredIdentity } from '../../model/identity.ts'

export interface PageOptions {
  readonly offset: number
  readonly limit: number
  readonly includeDeleted: boolean
}

/** Raised by `insert`/`update` when a live identity already holds a unique value. */
export class UniquenessConflict extends Error {
  override readonly name = 'UniquenessConflict'
  constructor(
    readonly attribute: 'userName' | 'externalId',
    readonly value: string,
  ) {
    super(`${attribute} is already in use`)
  }
}

/**
 * Reads return the stored record itself, typed read-only (`StoredIdentity`): writes go through
 * `insert` and `update`, which keep their own copy, and a caller that wants to change an identity
 * copies it first. Not copying on every read keeps Entra's per-user lookups cheap. (Freezing was
 * tried: V8 reads frozen records markedly slower.)
 */
export interface IdentityStore {
  /** By id, including soft-deleted identities. */
  get(accountId: string, id: string): StoredIdentity | undefined
  /** Live identity whose userName matches case-insensitively. */
  findByUserName(accountId: string, userName: string): StoredIdentity | undefined
  /** Live identity whose extension externalId matches exactly. */
  findByExternalId(accountId: string, externalId: string): StoredIdentity | undefined
  /** Identities in creation order, without copying the collection. */
  scan(accountId: string, includeDeleted: boolean): Iterable<StoredIdentity>
  count(accountId: string, includeDeleted: boolean): number
  page(accountId: string, options: PageOptions): StoredIdentity[]
  /** Throws `UniquenessConflict` and writes nothing when a unique value is taken. */
  insert(identity: Identity): void
  /** Replaces the identity with the same id; same uniqueness guarantee as `insert`. */
  update(identity: Identity): void
  /**
   * The next ordinal of the account: 1, 2, 3… in the order it is asked for, never reused, not even
   * after `clear` (a number a client saw keeps meaning one identity).
   */
  nextOrdinal(accountId: string): number
  /** Removes every identity of the account (control plane reset, tests). */
  clear(accountId: string): void
  /**
   * Removes the account's soft-deleted identities deleted at or before `deletedBeforeMs` (epoch
   * milliseconds), oldest first, at most `limit` of them; returns how many it removed. The mock calls
   * it on writes and before showing deleted identities, so memory returns after churn without a timer.
   */
  purgeDeleted(accountId: string, deletedBeforeMs: number, limit: number): number
}
