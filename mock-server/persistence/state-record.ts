/**
 * The kept state of the mock as records: what a journal appends after each change and what a
 * snapshot lists. Each record says what a piece of state now is (an upsert or a removal), never the
 * request that changed it, so replaying a journal onto a snapshot needs no clock, id source or
 * validation of request bodies. Secrets appear only as digests, except the webhook app key and
 * secret-named header values, which the mock must send: the file codec (`node/state/`) seals those.
 *
 * @module
 */
import type { StoredIdentity } from '../../model/identity.ts'
import type { SyncCredential } from '../../model/sync/credentials.ts'
import type { FaultRule } from '../faults/fault-rule.ts'
import type { WebhookConfig } from '../webhooks/webhook-config.ts'

/** A stored secret's SHA-256 digest (hex) and display hint: never the secret. */
export interface SecretDigest {
  readonly digest: string
  readonly hint: string
}

export interface AccountRecord {
  readonly type: 'account'
  readonly id: string
  readonly createdAt: string
}

export interface ScimKeyRecord extends SecretDigest {
  readonly type: 'scim-key'
  readonly accountId: string
  readonly name: string
  readonly createdAt: string
}

export interface IntegrationRecord {
  readonly type: 'integration'
  readonly id: string
  readonly accountId: string
  readonly name: string
  readonly description: string
  readonly clientId: string
  readonly createdAt: string
}

export interface IntegrationKeyRecord extends SecretDigest {
  readonly type: 'integration-key'
  readonly clientId: string
  readonly generatedAt: string
  /**
   * The public key of the assertion flow (SPKI PEM), once its private key left the mock in the key
   * file; before that nobody holds the private key, and a restart makes a new, unused pair.
   */
  readonly publicKeyPem?: string
}

export interface IntegrationDeletedRecord {
  readonly type: 'integration-deleted'
  readonly clientId: string
}

export interface IdentityRecord {
  readonly type: 'identity'
  readonly identity: StoredIdentity
}

/** The account's identities were cleared; `ordinal` is the last one handed out (never reused). */
export interface IdentitiesClearedRecord {
  readonly type: 'identities-cleared'
  readonly accountId: string
  readonly ordinal: number
}

/** The last ordinal handed out in the account (snapshots; a journal's identities carry theirs). */
export interface OrdinalRecord {
  readonly type: 'ordinal'
  readonly accountId: string
  readonly ordinal: number
}

/** A webhook as `WebhookService` holds it (spelled out here: the service imports this file). */
export interface KeptWebhook extends WebhookConfig {
  readonly id: string
  readonly accountId: string
  readonly createdAt: string
  lastModifiedAt: string
}

export interface WebhookRecord {
  readonly type: 'webhook'
  readonly webhook: KeptWebhook
}

export interface WebhookDeletedRecord {
  readonly type: 'webhook-deleted'
  readonly id: string
}

/** A fault added on the control plane (faults given as options come from the options again). */
export interface FaultRecord {
  readonly type: 'fault'
  readonly id: string
  readonly accountId: string
  readonly rule: FaultRule
  readonly remaining?: number
  readonly applied: number
}

/** The fault was applied once more (counts against `next`; at zero it retires). */
export interface FaultUsedRecord {
  readonly type: 'fault-used'
  readonly id: string
  readonly accountId: string
}

export interface FaultsRemovedRecord {
  readonly type: 'faults-removed'
  readonly accountId: string
  readonly ids: readonly string[]
}

/** A team as `TeamStore` holds it (`Team` there is this type: the store imports this file). */
export interface KeptTeam {
  readonly id: string
  readonly accountId: string
  name: string
  description: string | null
  status: 'Active' | 'Inactive'
  readonly created: string
  lastModified: string
  deleted: boolean
}

/** A team as it now is (created, or deleted: `team.deleted`). */
export interface TeamRecord {
  readonly type: 'team'
  readonly team: KeptTeam
}

/** A membership as `TeamStore` holds it. */
export interface KeptMembership {
  readonly teamId: string
  readonly identityId: string
  readonly sourceId: string
  readonly startDateTimeUtc: string | null
  readonly endDateTimeUtc: string | null
  readonly reason: string | null
  readonly addedUtc: string
}

/** A membership added (or replaced: one per team, identity and source). */
export interface TeamMemberRecord {
  readonly type: 'team-member'
  readonly accountId: string
  readonly membership: KeptMembership
}

export interface TeamMemberRemovedRecord {
  readonly type: 'team-member-removed'
  readonly accountId: string
  readonly teamId: string
  readonly identityId: string
  readonly sourceId: string
}

/** The account's identities were cleared, and with them every membership. */
export interface TeamMembersClearedRecord {
  readonly type: 'team-members-cleared'
  readonly accountId: string
}

/** A Cloud CSV configuration as it now is, with what its last complete upload synchronized. */
export interface CsvConfigurationRecord {
  readonly type: 'csv-configuration'
  readonly id: string
  readonly accountId: string
  /** The configuration as JSON, as the control plane took it (it is read again on restore). */
  readonly json: Readonly<Record<string, unknown>>
  readonly createdUtc: string
  readonly lastModifiedUtc: string
  /** External IDs (`options.removedIdentities` acts on those missing from the next upload). */
  readonly synchronized: readonly string[]
}

export interface CsvConfigurationDeletedRecord {
  readonly type: 'csv-configuration-deleted'
  readonly id: string
  readonly accountId: string
}

/** A credential a Cloud CSV upload made or changed (`sync/sync-credentials.ts`). */
export interface CsvCredentialRecord {
  readonly type: 'csv-credential'
  readonly accountId: string
  readonly credential: KeptSyncCredential
}

/** A credential a Cloud CSV upload removed: the identity's card of that key. */
export interface CsvCredentialRemovedRecord {
  readonly type: 'csv-credential-removed'
  readonly accountId: string
  readonly identityId: string
  readonly key: string
}

/** A synchronization's credential (`StoredCredential` of `SyncCredentials` is this type). */
export interface KeptSyncCredential extends SyncCredential {
  readonly credentialId: string
  readonly identityId: string
  readonly externalId: string
  readonly configurationId: string
  readonly createdUtc: string
  readonly lastModifiedUtc: string
}

/**
 * A Graph synchronization configuration as it now is: its JSON without the secret, the secret
 * apart (sealed in the files, as webhook secrets are), and what its runs left for the next one.
 */
export interface GraphConfigurationRecord {
  readonly type: 'graph-configuration'
  readonly id: string
  readonly accountId: string
  readonly json: Readonly<Record<string, unknown>>
  readonly createdUtc: string
  readonly lastModifiedUtc: string
  readonly clientSecret?: string
  readonly progress: {
    readonly deltaLink?: string
    /** By lower-case Graph user id: what the runs know of the user. */
    readonly known: readonly (readonly [string, KeptKnownUser])[]
  }
}

/** What a Graph configuration knows of a user (`KnownUser` in `graph-sync/`). */
export interface KeptKnownUser {
  readonly externalId?: string
  readonly identityId?: string
  readonly synchronized: boolean
}

export interface GraphConfigurationDeletedRecord {
  readonly type: 'graph-configuration-deleted'
  readonly id: string
  readonly accountId: string
}

/** A credential a Graph synchronization made or changed. */
export interface GraphCredentialRecord {
  readonly type: 'graph-credential'
  readonly accountId: string
  readonly credential: KeptSyncCredential
}

export interface GraphCredentialRemovedRecord {
  readonly type: 'graph-credential-removed'
  readonly accountId: string
  readonly identityId: string
  readonly key: string
}

export type StateRecord =
  | AccountRecord
  | ScimKeyRecord
  | IntegrationRecord
  | IntegrationKeyRecord
  | IntegrationDeletedRecord
  | IdentityRecord
  | IdentitiesClearedRecord
  | OrdinalRecord
  | WebhookRecord
  | WebhookDeletedRecord
  | FaultRecord
  | FaultUsedRecord
  | FaultsRemovedRecord
  | TeamRecord
  | TeamMemberRecord
  | TeamMemberRemovedRecord
  | TeamMembersClearedRecord
  | CsvConfigurationRecord
  | CsvConfigurationDeletedRecord
  | CsvCredentialRecord
  | CsvCredentialRemovedRecord
  | GraphConfigurationRecord
  | GraphConfigurationDeletedRecord
  | GraphCredentialRecord
  | GraphCredentialRemovedRecord

export type StateRecordType = StateRecord['type']

/** Where a changed piece of state goes: called synchronously, right after the change. */
export type StateSink = (record: StateRecord) => void

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

export function fromHex(text: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) throw new StateRecordError('a digest is not hex')
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** A record that does not fit the mock's state: a damaged or foreign state file. */
export class StateRecordError extends Error {
  override readonly name = 'StateRecordError'
}
