/**
 * The write steps every surface shares (SCIM, REST, control-plane seeding): derive the next version
 * of an identity, soft-delete it, store it and publish the change. Validation and the translation
 * of a `UniquenessConflict` into an error body stay with each surface, which words them its own way.
 *
 * @module
 */
import type { Identity, StoredIdentity, WriteSource } from '../model/identity.ts'
import type { MockContext } from './context.ts'
import type { IdentityEventType } from './events.ts'

export type IdentityFields = Pick<Identity, 'userName' | 'displayName' | 'active' | 'attributes'>

type ChangeContext = Pick<MockContext, 'clock' | 'store' | 'events'>

/** The identity after a write of `fields`: a new version, same id and creation time. */
export function nextVersion(
  ctx: ChangeContext,
  current: StoredIdentity,
  fields: IdentityFields,
  source: WriteSource,
): Identity {
  return {
    ...current,
    userName: fields.userName,
    displayName: fields.displayName,
    active: fields.active,
    attributes: fields.attributes,
    lastModified: ctx.clock().toISOString(),
    version: current.version + 1,
    source,
  }
}

/** Soft delete: hidden from SCIM, kept for the search service; frees userName and externalId. */
export function softDeleted(
  ctx: ChangeContext,
  current: StoredIdentity,
  source: WriteSource,
): Identity {
  const now = ctx.clock().toISOString()
  return {
    ...current,
    deleted: true,
    deletedAt: now,
    lastModified: now,
    version: current.version + 1,
    source,
  }
}

/**
 * Stores the identity (insert for a creation, update otherwise) and publishes the event. Throws the
 * store's `UniquenessConflict` untouched, before anything is published.
 */
export function saveIdentity(
  ctx: ChangeContext,
  identity: Identity,
  type: IdentityEventType,
): void {
  if (type === 'IdentityCreated') ctx.store.insert(identity)
  else ctx.store.update(identity)
  ctx.events.publish({
    type,
    accountId: identity.accountId,
    identity,
    source: identity.source,
    occurredAt: identity.lastModified,
  })
}
