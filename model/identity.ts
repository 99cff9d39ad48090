/**
 * The identity record the mock stores: one shape behind the SCIM endpoint and the REST services.
 *
 * @module
 */

/** A value of a ClearID extension attribute, stored exactly as sent (booleans as booleans). */
export type AttributeValue = string | boolean

/** A JSON value, as a REST-only member holds it (`systemData.provisioningAttributes`, …). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * Where the last write to the SCIM-managed fields came from (`csv`: a Cloud CSV upload; `graph`:
 * an Entra ID synchronization over Microsoft Graph).
 */
export type WriteSource = 'scim' | 'rest' | 'seed' | 'csv' | 'graph'

/** The synchronization that last wrote an identity (ClearID's `externalSync…` system data). */
export interface SyncSource {
  readonly kind: 'csv' | 'graph'
  /** The configuration's id (`systemData.externalSyncSourceId`). */
  readonly sourceId: string
  readonly name: string
  /** When it last wrote the identity (`systemData.externalSyncTimeUtc`). */
  readonly at: string
}

export interface Identity {
  /** ClearID identityId; the SCIM `id`. A GUID. */
  readonly id: string
  readonly accountId: string
  userName: string
  displayName: string
  /** ClearID `status`: Active when true, Inactive when false. */
  active: boolean
  /** ClearID extension attributes by catalogue name; absent means not set. */
  attributes: Record<string, AttributeValue>
  /**
   * Members only ClearID's REST identity has (`model/rest-members.ts`), by member name; absent means
   * not set. SCIM neither shows nor changes them, so a SCIM write keeps them.
   */
  rest?: Readonly<Record<string, JsonValue>>
  /** A number per account in creation order, never reused; given when the identity is stored. */
  ordinal?: number
  readonly created: string
  lastModified: string
  /** Incremented on every write; rendered as a weak ETag `W/"<version>"`. */
  version: number
  /** Soft delete: hidden from SCIM, still listed by the search service with `isDeleted`. */
  deleted: boolean
  deletedAt?: string
  source: WriteSource
  /** Set once a synchronization (a CSV or Graph configuration) has written the identity. */
  sync?: SyncSource
}

/**
 * An identity as the store hands it out: the stored record itself, shared, so read-only. Copy it
 * (`cloneIdentity`) to change it, and write the copy back through the store.
 */
export type StoredIdentity = Readonly<Omit<Identity, 'attributes'>> & {
  readonly attributes: Readonly<Record<string, AttributeValue>>
}

/** The extension `externalId`, the sync key. */
export function externalIdOf(identity: StoredIdentity): string | undefined {
  const value = identity.attributes.externalId
  return typeof value === 'string' ? value : undefined
}

/** A copy whose attribute and REST member maps can be changed (member values are never changed in place). */
export function cloneIdentity(identity: StoredIdentity): Identity {
  const copy: Identity = { ...identity, attributes: { ...identity.attributes } }
  if (identity.rest) copy.rest = { ...identity.rest }
  return copy
}
