/**
 * Writes through the REST identity service (and the control plane's seeding): build the next
 * identity, check it with the same rules as SCIM (`validateIdentityFields`), store it with the
 * store's uniqueness guarantee, publish the event. A refused write changes nothing.
 *
 * @module
 */
import type { AttributeValue, Identity, JsonValue, WriteSource } from '../../model/identity.ts'
import { validateIdentityFields } from '../../model/validate.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import type { IdentityEventType } from '../events.ts'
import { nextVersion, saveIdentity, softDeleted, type IdentityFields } from '../identity-changes.ts'
import { UniquenessConflict } from '../store/identity-store.ts'
import { restETagOf } from './identity-shape.ts'
import type { RestChanges } from './parse-identity.ts'
import { membersOf, restPathOf } from './rest-model.ts'

type Attributes = Identity['attributes']
type RestMembers = NonNullable<Identity['rest']>

/** The values a create or replace sets: `null` means absent. */
function present<V>(values: ReadonlyMap<string, V | null>): Record<string, V> {
  const out: Record<string, V> = {}
  for (const [name, value] of values) if (value !== null) out[name] = value
  return out
}

/** `current` with the sent values merged in: `null` clears, and a group sent as null clears it all. */
function merged<V>(
  current: Readonly<Record<string, V>>,
  changes: RestChanges,
  sent: ReadonlyMap<string, V | null>,
  inGroup: (group: RestChanges['clearedGroups'][number]) => readonly string[],
): Record<string, V> {
  const out: Record<string, V> = { ...current }
  for (const group of changes.clearedGroups) for (const name of inGroup(group)) delete out[name]
  for (const [name, value] of sent) {
    if (value === null) delete out[name]
    else out[name] = value
  }
  return out
}

const attributeNamesOf = (group: RestChanges['clearedGroups'][number]): string[] =>
  membersOf(group).flatMap((m) => (m.kind === 'attribute' ? [m.definition.name] : []))
const restNamesOf = (group: RestChanges['clearedGroups'][number]): string[] =>
  membersOf(group).flatMap((m) => (m.kind === 'restOnly' ? [m.name] : []))

/** An identity's REST-only members, or nothing when it has none (SCIM-made identities stay lean). */
function restMembers(values: Record<string, JsonValue>): { rest?: RestMembers } {
  return Object.keys(values).length === 0 ? {} : { rest: values }
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
  const attributes = present(changes.attributes) as Attributes
  const id = ctx.ids()
  const identity: Identity = {
    id,
    accountId,
    userName: changes.userName ?? scimUserNameFor(ctx, accountId, id, attributes),
    displayName: changes.displayName ?? '',
    active: changes.active ?? true,
    attributes,
    ...restMembers(present(changes.rest)),
    created: now,
    lastModified: now,
    version: 1,
    deleted: false,
    source,
  }
  assertValid(identity)
  return identity
}

/**
 * The SCIM `userName` of an identity created through REST, which has none (mock choice): its
 * external id, the key Entra's mapping matches on, unless another identity already uses that as its
 * user name; then the identity id, unique by construction. A REST create never fails on a member
 * the REST client cannot see.
 */
function scimUserNameFor(
  ctx: MockContext,
  accountId: string,
  id: string,
  attributes: Attributes,
): string {
  const externalId = attributes.externalId
  if (typeof externalId === 'string' && !ctx.store.findByUserName(accountId, externalId)) {
    return externalId
  }
  return id
}

/** PATCH: merge the sent members into the identity; `null` clears. */
export function mergeIdentity(ctx: MockContext, current: Identity, changes: RestChanges): Identity {
  requireETag(current, changes)
  const attributes = merged<AttributeValue>(
    current.attributes,
    changes,
    changes.attributes,
    attributeNamesOf,
  )
  const rest = merged<JsonValue>(current.rest ?? {}, changes, changes.rest, restNamesOf)
  return commitIdentity(
    ctx,
    withRest(
      next(ctx, current, {
        userName: current.userName,
        displayName:
          changes.displayName === undefined ? current.displayName : (changes.displayName ?? ''),
        active: changes.active ?? current.active,
        attributes: attributes as Attributes,
      }),
      rest,
    ),
    'IdentityUpdated',
    'rest',
  )
}

/** PUT: replace every member; the SCIM `userName`, which the REST identity has not, is kept. */
export function replaceIdentity(
  ctx: MockContext,
  current: Identity,
  changes: RestChanges,
): Identity {
  requireETag(current, changes)
  return commitIdentity(
    ctx,
    withRest(
      next(ctx, current, {
        userName: current.userName,
        displayName: changes.displayName ?? '',
        active: changes.active ?? true,
        attributes: present(changes.attributes) as Attributes,
      }),
      present(changes.rest),
    ),
    'IdentityUpdated',
    'rest',
  )
}

function withRest(identity: Identity, rest: Record<string, JsonValue>): Identity {
  const { rest: _previous, ...others } = identity
  return { ...others, ...restMembers(rest) }
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
    return saveIdentity(ctx, { ...identity, source }, type)
  } catch (error) {
    if (error instanceof UniquenessConflict) throw uniqueness(error)
    throw error
  }
}

/** The shared rules, except that REST identities need no external id (ClearID creates them so). */
function assertValid(identity: Identity): void {
  const issues = validateIdentityFields(identity, { externalIdRequired: false })
  if (issues.length === 0) return
  const errors: Record<string, string[]> = {}
  for (const issue of issues) (errors[restPathOf(issue.attribute)] ??= []).push(issue.message)
  const detail = issues.map((i) => `${restPathOf(i.attribute)}: ${i.message}`).join(' ')
  throw new ApiError(400, detail, { errors, attribute: issues[0]?.attribute })
}

function uniqueness(error: UniquenessConflict): ApiError {
  const path = restPathOf(error.attribute)
  // A REST write leaves userName alone, so only a seed body can clash on it.
  const detail =
    error.attribute === 'userName'
      ? `userName "${error.value.slice(0, 100)}" is already used by another identity in this account (compared case-insensitively).`
      : `systemData.externalId "${error.value.slice(0, 100)}" is already used by another identity in this account: look it up with ?externalId= and update it instead.`
  return new ApiError(409, detail, { errors: { [path]: [detail] }, attribute: error.attribute })
}
