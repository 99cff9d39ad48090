/**
 * The credentials a synchronization makes (Cloud CSV, Entra ID over Graph), per account and
 * identity, keyed by the card (format and numbers): a record naming a known card updates its
 * dates, a new card is created, and a source that no longer gives a card it made removes it. The
 * mock has no credential service of its own; the control plane lists them.
 *
 * @module
 */
import { credentialKey, type SyncCredential } from '../../model/sync/credentials.ts'
import type { KeptSyncCredential } from '../persistence/state-record.ts'

/** The kept record's type (`persistence/state-record.ts`), so nothing is mapped. */
export type StoredCredential = KeptSyncCredential

/** Where changes go when they are kept: a credential made or changed, or one removed. */
export interface CredentialSink {
  stored(accountId: string, credential: StoredCredential): void
  removed(accountId: string, identityId: string, key: string): void
}

export type CredentialChange = 'created' | 'updated' | 'unchanged'

export class SyncCredentials {
  /** Account → identity id → card key → credential. */
  readonly #byAccount = new Map<string, Map<string, Map<string, StoredCredential>>>()
  #sink: CredentialSink | undefined

  journalTo(sink: CredentialSink): void {
    this.#sink = sink
  }

  /** Puts back a kept credential (no journal). */
  restore(accountId: string, credential: StoredCredential): void {
    this.#cards(accountId, credential.identityId).set(credentialKey(credential), credential)
  }

  /** Removes a kept credential again (no journal). */
  restoreRemoval(accountId: string, identityId: string, key: string): void {
    this.#byAccount.get(accountId)?.get(identityId)?.delete(key)
  }

  /** Every credential with its account, for a snapshot. */
  *all(): Generator<[string, StoredCredential]> {
    for (const [accountId, identities] of this.#byAccount)
      for (const cards of identities.values())
        for (const credential of cards.values()) yield [accountId, credential]
  }

  #cards(accountId: string, identityId: string): Map<string, StoredCredential> {
    let identities = this.#byAccount.get(accountId)
    if (!identities) this.#byAccount.set(accountId, (identities = new Map()))
    let cards = identities.get(identityId)
    if (!cards) identities.set(identityId, (cards = new Map()))
    return cards
  }

  apply(
    accountId: string,
    owner: { identityId: string; externalId: string; configurationId: string },
    credential: SyncCredential,
    now: string,
    newId: () => string,
  ): { change: CredentialChange; credential: StoredCredential } {
    const cards = this.#cards(accountId, owner.identityId)
    const key = credentialKey(credential)
    const known = cards.get(key)
    if (
      known &&
      known.activationDate === credential.activationDate &&
      known.expirationDate === credential.expirationDate
    )
      return { change: 'unchanged', credential: known }
    const stored: StoredCredential = {
      ...credential,
      ...owner,
      credentialId: known?.credentialId ?? newId(),
      createdUtc: known?.createdUtc ?? now,
      lastModifiedUtc: now,
    }
    cards.set(key, stored)
    this.#sink?.stored(accountId, stored)
    return { change: known ? 'updated' : 'created', credential: stored }
  }

  /**
   * Removes the identity's credentials that `configurationId` made and whose card is not in
   * `kept` (card keys, `credentialKey`); returns them.
   */
  removeOthers(
    accountId: string,
    identityId: string,
    configurationId: string,
    kept: ReadonlySet<string>,
  ): StoredCredential[] {
    const cards = this.#byAccount.get(accountId)?.get(identityId)
    if (!cards) return []
    const removed: StoredCredential[] = []
    for (const [key, credential] of cards) {
      if (credential.configurationId !== configurationId || kept.has(key)) continue
      cards.delete(key)
      this.#sink?.removed(accountId, identityId, key)
      removed.push(credential)
    }
    return removed
  }

  list(accountId: string, externalId?: string): StoredCredential[] {
    const out: StoredCredential[] = []
    for (const cards of this.#byAccount.get(accountId)?.values() ?? [])
      for (const credential of cards.values())
        if (externalId === undefined || credential.externalId === externalId) out.push(credential)
    return out
  }
}
