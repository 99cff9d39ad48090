/**
 * Writes through the REST identity service (and the control plane's seeding): build the next
 * identity, check it with the same rules as SCIM (`validateIdentityFields`), store it with the
 * store's uniqueness guarantee, publish the event. A refused write changes nothing.
 *
 * @module
 */
import type { AttributeValue, Identity, WriteSource } from '../../model/identity.ts'
import { validateIdentityFields } from '../../model/validate.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import type { IdentityEventType } from '../events.ts'
import { nextVersion, saveIdentity, softDeleted, type IdentityFields } from '../identity-changes.ts'
import { UniquenessConflict } from '../store/identity-store.ts'
import { attributesOf, restETagOf, restPathOf } from './identity-shape.ts'
import type { RestChanges } from './parse-identity.ts'

type Attributes = Identity['attributes']

function present(changes: RestChanges): Attributes {
  const attributes: Record<string, AttributeValue> = {}
  for (const [name, value] of changes.attributes) if (value !== null) attributes[name] = value
  return attributes as Attributes
}

export function createIdentity(
  ctx: MockContext,
  accountId: string,
  changes: RestChanges,
): Identity {
  return commitIdentity(
    ctx,
    buildIdentity(ctx, accountId, changes, 'rest'),
    'IdentityCreated',
    'rest',
  )
}

/** A new, validated identity from create changes; not stored yet. */
export function buildIdentity(
  ctx: MockContext,
  accountId: string,
  changes: RestChanges,
  source: WriteSource,
): Identity {
  const now = ctx.clock().toISOString()
  const attributes = present(changes)
  const identity: Identity = {
    id: ctx.ids(),
    accountId,
    // ClearID's REST model has no userName (mock choice: defaults to the sync key).
    userName:
      changes.userName ?? (typeof attributes.externalId === 'string' ? attributes.externalId : ''),
    displayName: changes.displayName ?? '',
    active: changes.active ?? true,
    attributes,
    created: now,
    lastModified: now,
    version: 1,
    deleted: false,
    source,
  }
  assertValid(identity)
  return identity
}

/** PATCH: merge the sent members into the identity; `null` clears. */
export function mergeIdentity(ctx: MockContext, current: Identity, changes: RestChanges): Identity {
  requireETag(current, changes)
  const attributes: Record<string, AttributeValue> = { ...current.attributes }
  for (const group of changes.clearedGroups) {
    for (const definition of attributesOf(group)) delete attributes[definition.name]
  }
  for (const [name, value] of changes.attributes) {
    if (value === null) delete attributes[name]
    else attributes[name] = value
  }
  return commitIdentity(
    ctx,
    next(ctx, current, {
      userName: changes.userName === undefined ? current.userName : (changes.userName ?? ''),
      displayName:
        changes.displayName === undefined ? current.displayName : (changes.displayName ?? ''),
      active: changes.active ?? current.active,
      attributes: attributes as Attributes,
    }),
    'IdentityUpdated',
    'rest',
  )
}

/** PUT: replace every field; `userName` (a mock-only member) is kept when omitted. */
export function replaceIdentity(
  ctx: MockContext,
  current: Identity,
  changes: RestChanges,
): Identity {
  requireETag(current, changes)
  return commitIdentity(
    ctx,
    next(ctx, current, {
      userName: changes.userName ?? current.userName,
      displayName: changes.displayName ?? '',
      active: changes.active ?? true,
      attributes: present(changes),
    }),
    'IdentityUpdated',
    'rest',
  )
}

export function deleteIdentity(ctx: MockContext, current: Identity): Identity {
  const deleted = softDeleted(ctx, current, 'rest')
  saveIdentity(ctx, deleted, 'IdentityDeleted')
  return deleted
}

const next = (ctx: MockContext, current: Identity, fields: IdentityFields): Identity =>
  nextVersion(ctx, current, fields, 'rest')

function requireETag(current: Identity, changes: RestChanges): void {
  if (changes.eTag === undefined) {
    throw new ApiError(
      400,
      'eTag is required: read the identity and send its current eTag with the change.',
      {
        errors: { eTag: ['The eTag field is required.'] },
      },
    )
  }
  if (changes.eTag !== restETagOf(current)) {
    throw new ApiError(
      412,
      `The eTag ${JSON.stringify(changes.eTag.slice(0, 60))} is stale: the identity changed since it was read (current ${restETagOf(current)}). Read it again and reapply the change.`,
    )
  }
}

/** Validates, stores (uniqueness enforced by the store) and publishes the event. */
export function commitIdentity(
  ctx: MockContext,
  identity: Identity,
  type: IdentityEventType,
  source: WriteSource,
): Identity {
  assertValid(identity)
  try {
    saveIdentity(ctx, { ...identity, source }, type)
  } catch (error) {
    if (error instanceof UniquenessConflict) throw uniqueness(error)
    throw error
  }
  return identity
}

function assertValid(identity: Identity): void {
  const issues = validateIdentityFields(identity)
  if (issues.length === 0) return
  const errors: Record<string, string[]> = {}
  for (const issue of issues) (errors[restPathOf(issue.attribute)] ??= []).push(issue.message)
  const detail = issues.map((i) => `${restPathOf(i.attribute)}: ${i.message}`).join(' ')
  throw new ApiError(400, detail, { errors, attribute: issues[0]?.attribute })
}

function uniqueness(error: UniquenessConflict): ApiError {
  const path = restPathOf(error.attribute)
  const detail =
    error.attribute === 'userName'
      ? `userName "${error.value.slice(0, 100)}" is already used by another identity in this account (compared case-insensitively).`
      : `systemData.externalId "${error.value.slice(0, 100)}" is already used by another identity in this account: look it up with ?externalId= and update it instead.`
  return new ApiError(409, detail, { errors: { [path]: [detail] }, attribute: error.attribute })
}
