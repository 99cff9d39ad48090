/**
 * The preview of a Graph synchronization: for each user the plan names, what ClearID would make
 * (an identity with its values, credentials, roles and supervisor), or why it would refuse it, or
 * that the user only joins a role. Entries are in object id order; the first ones are kept for the
 * console, every one can go to a file.
 *
 * @module
 */
import type { Classifier } from '../driver/rest/known-identities.ts'
import { entityOf, refusalsOf, type GraphPlan, type PlannedUser } from '../model/graph/plan.ts'
import type { AttributeValue, JsonValue } from '../model/identity.ts'
import type { SyncCredential } from '../model/sync/credentials.ts'

/** `create`: an identity ClearID would write (created, or updated when it exists). */
export type GraphPreviewOutcome = 'create' | 'refused' | 'role only'

export interface GraphPreviewEntry {
  readonly userId: string
  readonly userPrincipalName?: string
  /** External ID, name and sign-in name, as the logs name the user. */
  readonly entity: string
  readonly outcome: GraphPreviewOutcome
  readonly externalId?: string
  readonly displayName: string
  readonly active?: boolean
  readonly attributes: Readonly<Record<string, AttributeValue>>
  readonly rest: Readonly<Record<string, JsonValue>>
  readonly credentials: readonly SyncCredential[]
  readonly roles: readonly string[]
  /** With "Synchronize managers": the manager's name (absent: none). */
  readonly supervisor?: string
  /** With "Synchronize pictures": the photo's size in bytes (0: none). */
  readonly pictureBytes?: number
  readonly errors?: readonly string[]
  /**
   * With `--against`, for an identity ClearID would write: whether that creates one in the target,
   * updates it (`changes`: the fields that differ) or leaves it as it is. Absent: not compared.
   */
  readonly change?: 'create' | 'update' | 'unchanged'
  readonly changes?: readonly string[]
}

export interface GraphPreviewTotals {
  users: number
  identities: number
  refused: number
  roleOnly: number
  credentials: number
  /** Role name to the members ClearID would put in it (with identities from this configuration). */
  roles: Record<string, number>
  /**
   * With `--against`: the identities written, by what that does to the target's values (External
   * ID, names, the mapped fields, status). What a run also writes but is not compared is named.
   */
  compared?: {
    create: number
    update: number
    unchanged: number
    notCompared: readonly string[]
  }
}

export interface GraphPreview {
  readonly entries: readonly GraphPreviewEntry[]
  readonly totals: GraphPreviewTotals
}

function entryOf(user: PlannedUser, classify: Classifier | undefined): GraphPreviewEntry {
  const identity = user.mapped.identity
  const errors = user.synchronized ? refusalsOf(user, false) : []
  const outcome: GraphPreviewOutcome = !user.synchronized
    ? 'role only'
    : errors.length > 0
      ? 'refused'
      : 'create'
  const picture = user.picture
  return {
    userId: user.user.id,
    ...(user.mapped.userPrincipalName !== undefined && {
      userPrincipalName: user.mapped.userPrincipalName,
    }),
    entity: entityOf(user),
    outcome,
    ...(identity.externalId !== undefined && { externalId: identity.externalId }),
    displayName: identity.displayName,
    ...(identity.active !== undefined && { active: identity.active }),
    attributes: identity.attributes,
    rest: identity.rest,
    credentials: user.mapped.credentials,
    roles: user.roles,
    ...(user.manager?.displayName !== undefined && { supervisor: user.manager.displayName }),
    ...(picture !== undefined && {
      pictureBytes:
        picture !== null && typeof picture === 'object' && !Array.isArray(picture)
          ? Number(picture.bytes ?? 0)
          : 0,
    }),
    ...(errors.length > 0 && { errors }),
    ...(outcome === 'create' && classify && comparison(classify(identity))),
  }
}

function comparison({ outcome, changes }: ReturnType<Classifier>): Partial<GraphPreviewEntry> {
  return { change: outcome, ...(changes && changes.length > 0 && { changes }) }
}

/**
 * What a run writes besides an identity's values, which `--against` does not compare: the target's
 * REST identity does not show all of it (roles, credentials), or not in the form Graph gives it.
 */
const NOT_COMPARED = ['managers', 'pictures', 'roles', 'credentials'] as const

/** `classify`: the target's identities (`--against`); absent, nothing is compared. */
export function previewOf(plan: GraphPlan, classify?: Classifier): GraphPreview {
  const entries = plan.users.map((user) => entryOf(user, classify))
  const roles: Record<string, number> = {}
  for (const entry of entries)
    if (entry.outcome === 'create')
      for (const role of entry.roles) roles[role] = (roles[role] ?? 0) + 1
  return {
    entries,
    totals: {
      users: entries.length,
      identities: entries.filter((e) => e.outcome === 'create').length,
      refused: entries.filter((e) => e.outcome === 'refused').length,
      roleOnly: entries.filter((e) => e.outcome === 'role only').length,
      credentials: entries
        .filter((e) => e.outcome === 'create')
        .reduce((n, e) => n + e.credentials.length, 0),
      roles,
      ...(classify && {
        compared: {
          create: entries.filter((e) => e.change === 'create').length,
          update: entries.filter((e) => e.change === 'update').length,
          unchanged: entries.filter((e) => e.change === 'unchanged').length,
          notCompared: NOT_COMPARED,
        },
      }),
    },
  }
}
