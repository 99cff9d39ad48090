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

type ChangeContext = Pick<MockContext, 'clock' | 'store' | 'events' | 'behaviour' | 'nowMs'>

/** Soft-deleted identities purged per write at most: a backlog is worked off a little at a time. */
const PURGED_PER_WRITE = 100

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

/**
 * Soft delete: hidden from SCIM, kept for the search service for `behaviour.deletedRetentionMs`;
 * frees userName and externalId.
 */
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
 * Stores the identity (insert for a creation, update otherwise) and publishes the event; returns the
 * identity as stored (a creation gets its `ordinal` here, whichever door it came through). Throws the
 * store's `UniquenessConflict` untouched, before anything is published.
 */
export function saveIdentity(
  ctx: ChangeContext,
  identity: Identity,
  type: IdentityEventType,
): Identity {
  purgeExpiredDeletions(ctx, identity.accountId, PURGED_PER_WRITE)
  let saved = identity
  if (type === 'IdentityCreated') {
    saved = { ...identity, ordinal: identity.ordinal ?? ctx.store.nextOrdinal(identity.accountId) }
    ctx.store.insert(saved)
  } else ctx.store.update(saved)
  ctx.events.publish({
    type,
    accountId: saved.accountId,
    identity: saved,
    source: saved.source,
    occurredAt: saved.lastModified,
  })
  return saved
}

/**
 * Removes the account's identities deleted more than `behaviour.deletedRetentionMs` ago (at most
 * `limit`): every write does a little of it, and every view that shows deleted identities (the REST
 * search, the control plane's counts) does all of it first, so none is shown past the retention.
 * No timer: nothing keeps the process alive, and the app stays runtime-neutral.
 */
export function purgeExpiredDeletions(
  ctx: Pick<MockContext, 'store' | 'behaviour' | 'nowMs'>,
  accountId: string,
  limit = Number.POSITIVE_INFINITY,
): void {
  const retention = ctx.behaviour.deletedRetentionMs
  if (retention === Number.POSITIVE_INFINITY) return
  ctx.store.purgeDeleted(accountId, ctx.nowMs() - retention, limit)
}
