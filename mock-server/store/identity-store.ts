/**
 * The identity store behind the SCIM endpoint and the REST services. Small on purpose: lookups the
 * protocol needs on every request (by id, case-folded userName, externalId) plus ordered paging.
 *
 * Calls are synchronous: a check-then-write sequence in one handler cannot interleave with another
 * request, which is what makes uniqueness and atomic PATCH hold under concurrent load.
 *
 * @module
 */
import type { Identity } from '../../model/identity.ts'

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

export interface IdentityStore {
  /** By id, including soft-deleted identities. Returns a copy. */
  get(accountId: string, id: string): Identity | undefined
  /** Live identity whose userName matches case-insensitively. */
  findByUserName(accountId: string, userName: string): Identity | undefined
  /** Live identity whose extension externalId matches exactly. */
  findByExternalId(accountId: string, externalId: string): Identity | undefined
  /** Identities in creation order, without copying the collection. */
  scan(accountId: string, includeDeleted: boolean): Iterable<Identity>
  count(accountId: string, includeDeleted: boolean): number
  page(accountId: string, options: PageOptions): Identity[]
  /** Throws `UniquenessConflict` and writes nothing when a unique value is taken. */
  insert(identity: Identity): void
  /** Replaces the identity with the same id; same uniqueness guarantee as `insert`. */
  update(identity: Identity): void
  /** Removes every identity of the account (control plane reset, tests). */
  clear(accountId: string): void
}
