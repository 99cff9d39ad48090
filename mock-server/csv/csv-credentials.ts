/**
 * The credentials CSV synchronization makes, per account and identity, keyed by the card (format
 * and numbers): a row naming a known card updates its dates, a new card is created. The mock has
 * no credential service of its own; the control plane lists them.
 *
 * @module
 */
import { credentialKey, type CsvCredential } from '../../model/csv/credentials.ts'

export interface StoredCredential extends CsvCredential {
  readonly credentialId: string
  readonly identityId: string
  readonly externalId: string
  readonly configurationId: string
  readonly createdUtc: string
  readonly lastModifiedUtc: string
}

export type CredentialChange = 'created' | 'updated' | 'unchanged'

export class CsvCredentials {
  /** Account → identity id → card key → credential. */
  readonly #byAccount = new Map<string, Map<string, Map<string, StoredCredential>>>()

  apply(
    accountId: string,
    owner: { identityId: string; externalId: string; configurationId: string },
    credential: CsvCredential,
    now: string,
    newId: () => string,
  ): { change: CredentialChange; credential: StoredCredential } {
    let identities = this.#byAccount.get(accountId)
    if (!identities) this.#byAccount.set(accountId, (identities = new Map()))
    let cards = identities.get(owner.identityId)
    if (!cards) identities.set(owner.identityId, (cards = new Map()))
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
    return { change: known ? 'updated' : 'created', credential: stored }
  }

  list(accountId: string, externalId?: string): StoredCredential[] {
    const out: StoredCredential[] = []
    for (const cards of this.#byAccount.get(accountId)?.values() ?? [])
      for (const credential of cards.values())
        if (externalId === undefined || credential.externalId === externalId) out.push(credential)
    return out
  }
}
