/**
 * How a synchronization (Cloud CSV, Entra ID over Graph) writes an identity: through the same
 * commit path SCIM and REST use (`commitIdentity`: validation, the store's uniqueness, the event
 * webhooks deliver), with its `source` and the synchronization that wrote it (`sync`, ClearID's
 * `systemData.externalSync…`). Synchronization is inbound only: the mapped fields overwrite what
 * changed in ClearID since, and fields the source does not map keep their values.
 *
 * @module
 */
import type { MappedIdentity } from '../../model/sync/mapped-identity.ts'
import {
  cloneIdentity,
  type AttributeValue,
  type Identity,
  type JsonValue,
  type StoredIdentity,
  type SyncSource,
  type WriteSource,
} from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { nextVersion, saveIdentity, softDeleted } from '../identity-changes.ts'
import { buildIdentity, commitIdentity } from '../rest/identity-writes.ts'

export type SyncChange = 'created' | 'updated' | 'unchanged'

/** Values the source sets besides the mapped ones (a supervisor, a picture); null clears. */
export interface SyncExtras {
  readonly attributes?: Readonly<Record<string, AttributeValue | null>>
  readonly rest?: Readonly<Record<string, JsonValue | null>>
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function withExtras<V>(
  values: Record<string, V>,
  extras: Readonly<Record<string, V | null>> | undefined,
): Record<string, V> {
  for (const [name, value] of Object.entries(extras ?? {})) {
    if (value === null) delete values[name]
    else values[name] = value
  }
  return values
}

/**
 * Creates the identity the mapping made, or updates `existing` with it. Throws the commit path's
 * `ApiError` (a rule broken, a uniqueness conflict) before anything is stored.
 */
export function writeSynced(
  ctx: MockContext,
  write: {
    readonly accountId: string
    readonly existing?: StoredIdentity
    readonly identity: MappedIdentity
    readonly extras?: SyncExtras
    readonly sync: SyncSource
    readonly source: WriteSource
  },
): { identity: StoredIdentity; change: SyncChange } {
  const { identity: mapped, extras, sync, source } = write
  const existing = write.existing
  if (!existing) {
    const attributes = withExtras({ ...mapped.attributes }, extras?.attributes)
    const rest = withExtras({ ...mapped.rest }, extras?.rest)
    const built = buildIdentity(
      ctx,
      write.accountId,
      {
        attributes: new Map(Object.entries(attributes)),
        rest: new Map(Object.entries(rest)),
        clearedGroups: [],
        displayName: mapped.displayName,
        ...(mapped.active !== undefined && { active: mapped.active }),
      },
      source,
    )
    const identity = commitIdentity(ctx, { ...built, sync }, 'IdentityCreated', source)
    return { identity, change: 'created' }
  }
  const attributes = { ...existing.attributes, ...mapped.attributes }
  const rest: Record<string, JsonValue> = { ...existing.rest, ...mapped.rest }
  for (const name of mapped.cleared) {
    delete attributes[name]
    delete rest[name]
  }
  withExtras(attributes, extras?.attributes)
  withExtras(rest, extras?.rest)
  const displayName = mapped.displayName !== '' ? mapped.displayName : existing.displayName
  const active = mapped.active ?? existing.active
  if (
    same(attributes, existing.attributes) &&
    same(rest, existing.rest ?? {}) &&
    displayName === existing.displayName &&
    active === existing.active
  )
    return { identity: existing, change: 'unchanged' }
  const next = nextVersion(
    ctx,
    cloneIdentity(existing),
    { userName: existing.userName, displayName, active, attributes },
    source,
  )
  const { rest: _previous, ...others } = next
  const identity = commitIdentity(
    ctx,
    { ...others, ...(Object.keys(rest).length > 0 && { rest }), sync },
    'IdentityUpdated',
    source,
  )
  return { identity, change: 'updated' }
}

/** Makes the identity Inactive (a source no longer lists it). Throws the commit path's errors. */
export function deactivateSynced(
  ctx: MockContext,
  identity: StoredIdentity,
  sync: SyncSource,
  source: WriteSource,
): Identity {
  const next = nextVersion(
    ctx,
    cloneIdentity(identity),
    {
      userName: identity.userName,
      displayName: identity.displayName,
      active: false,
      attributes: { ...identity.attributes },
    },
    source,
  )
  return commitIdentity(ctx, { ...next, sync }, 'IdentityUpdated', source)
}

/** Deletes the identity (soft, as the REST service does): SCIM and REST no longer show it. */
export function deleteSynced(
  ctx: MockContext,
  identity: StoredIdentity,
  source: WriteSource,
): Identity {
  return saveIdentity(ctx, softDeleted(ctx, identity, source), 'IdentityDeleted')
}
