/**
 * The credentials a synchronization makes (Cloud CSV, Entra ID over Graph), per account and
 * identity, keyed by the card (format and numbers): a record naming a known card updates its
 * dates, a new card is created, and a source that no longer gives a card it made removes it. The
 * mock has no credential service of its own; the control plane lists them.
 *
 * @module
 */
import { credentialKey, type SyncCredential } from '../../model/sync/credentials.ts'
import type { KeptSyncCredential, StateRecord, StateSink } from '../persistence/state-record.ts'

/** The kept record's type (`persistence/state-record.ts`), so nothing is mapped. */
export type StoredCredential = KeptSyncCredential

/** The kept records of each synchronization's credentials: made or changed, and removed. */
const RECORD_TYPES = {
  csv: { stored: 'csv-credential', removed: 'csv-credential-removed' },
  graph: { stored: 'graph-credential', removed: 'graph-credential-removed' },
} as const

export type CredentialChange = 'created' | 'updated' | 'unchanged'

export class SyncCredentials {
  /** Account → identity id → card key → credential. */
  readonly #byAccount = new Map<string, Map<string, Map<string, StoredCredential>>>()
  readonly #types: (typeof RECORD_TYPES)[keyof typeof RECORD_TYPES]
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined

  /** `source`: the synchronization that makes them, which names their kept records. */
  constructor(source: keyof typeof RECORD_TYPES) {
    this.#types = RECORD_TYPES[source]
  }

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  /** Every credential as a record, for a snapshot. */
  keptRecords(): StateRecord[] {
    const records: StateRecord[] = []
    for (const [accountId, credential] of this.#all())
      records.push({ type: this.#types.stored, accountId, credential })
    return records
  }

  /** Puts back a kept credential (no journal). */
  restore(accountId: string, credential: StoredCredential): void {
    this.#cards(accountId, credential.identityId).set(credentialKey(credential), credential)
  }

  /** Removes a kept credential again (no journal). */
  restoreRemoval(accountId: string, identityId: string, key: string): void {
    this.#byAccount.get(accountId)?.get(identityId)?.delete(key)
  }

  *#all(): Generator<[string, StoredCredential]> {
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
    this.#sink?.({ type: this.#types.stored, accountId, credential: stored })
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
      this.#sink?.({ type: this.#types.removed, accountId, identityId, key })
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
