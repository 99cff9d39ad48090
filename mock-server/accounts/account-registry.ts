/**
 * Accounts of the mock: each has its own SCIM key and identities. One active SCIM key per account;
 * generating a new one revokes the previous key at once (as ClearID does for API-integration keys).
 * Every key set or generated joins the secrets in play, so no output of the process shows it.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { secretDigestOf } from '../persistence/secret-digest.ts'
import type { ScimKeyRecord, StateSink } from '../persistence/state-record.ts'
import {
  matchesSecret,
  randomSecret,
  releaseStoredSecret,
  storeHeldSecret,
  type StoredSecret,
} from './secrets.ts'

export interface ScimKeyInfo {
  readonly name: string
  readonly createdAt: string
  readonly secret: StoredSecret
}

export interface Account {
  readonly id: string
  readonly createdAt: string
  scimKey?: ScimKeyInfo
}

/** Account ids appear in URLs: keep them to a safe, documented alphabet. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

export class AccountRegistry {
  readonly #accounts = new Map<string, Account>()
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined
  constructor(private readonly clock: () => Date) {}

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  create(id: string): Account {
    if (!ACCOUNT_ID_PATTERN.test(id)) {
      throw new ApiError(
        400,
        `Account id "${id.slice(0, 80)}" is not valid: use 1 to 64 letters, digits, "-" or "_", starting with a letter or digit.`,
      )
    }
    if (this.#accounts.has(id)) throw new ApiError(409, `Account "${id}" already exists.`)
    const account: Account = { id, createdAt: this.clock().toISOString() }
    this.#accounts.set(id, account)
    this.#sink?.({ type: 'account', id, createdAt: account.createdAt })
    return account
  }

  /** Puts back a kept account, as it was (no validation: the state file was checked). */
  restore(account: Account): void {
    this.#accounts.set(account.id, account)
  }

  get(id: string): Account | undefined {
    return this.#accounts.get(id)
  }

  list(): Account[] {
    return [...this.#accounts.values()]
  }

  /** Installs `key` (or a new random one) as the account's only SCIM key and returns it. */
  setScimKey(accountId: string, name: string, key: string = randomSecret()): string {
    const account = this.#require(accountId)
    const previous = account.scimKey?.secret
    account.scimKey = { name, createdAt: this.clock().toISOString(), secret: storeHeldSecret(key) }
    releaseStoredSecret(previous)
    this.#sink?.(scimKeyRecord(accountId, account.scimKey))
    return key
  }

  verifyScimKey(accountId: string, presented: string): boolean {
    return matchesSecret(this.#accounts.get(accountId)?.scimKey?.secret, presented)
  }

  #require(accountId: string): Account {
    const account = this.#accounts.get(accountId)
    if (!account) throw new ApiError(404, `Account "${accountId}" does not exist.`)
    return account
  }
}

export function scimKeyRecord(accountId: string, info: ScimKeyInfo): ScimKeyRecord {
  const { name, createdAt, secret } = info
  return { type: 'scim-key', accountId, name, createdAt, ...secretDigestOf(secret) }
}
