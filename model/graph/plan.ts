/**
 * What a Graph synchronization would do with what it read: which users become (or update)
 * identities, with what values and credentials, which ClearID roles their groups give them, their
 * managers and pictures, and why ClearID would refuse some. Pure: `graph preview` prints a plan and
 * the engine (`mock-server/graph-sync`) applies one, so the two cannot disagree.
 *
 * Which users: with `options.users: groups` (the default) the members of every group that syncs
 * identities; with `all`, every user read. Members of groups that only map a role are planned for
 * the role alone: their identity must exist already (found by External ID).
 *
 * @module
 */
import type { JsonValue } from '../identity.ts'
import type { GraphGroupRule } from './config.ts'
import { mapGraphUser, type CompiledMappings, type MappedUser } from './map-user.ts'
import type { GraphUser } from './user-attributes.ts'

/** One configured group as read. */
export interface ResolvedGroup {
  readonly rule: GraphGroupRule
  /** Its place in the configuration's groups. */
  readonly index: number
  readonly group?: { readonly id: string; readonly displayName: string }
  /** Why it could not be read: no group by that name, several, not found. */
  readonly problem?: string
  /** Its member users' ids (lower case): with nested groups' members, or direct ones. */
  readonly userIds: readonly string[]
}

/** A user's photo as read: its bytes in Base64, or null when the user has none. */
export interface PhotoData {
  readonly contentType: string
  readonly bytes: number
  readonly base64: string
}

/** What one run read from Graph. */
export interface GraphSnapshot {
  /** The users read, by lower-case id; `manager` embedded when managers are synchronized. */
  readonly users: ReadonlyMap<string, GraphUser>
  readonly groups: readonly ResolvedGroup[]
  /** Photos (with `synchronizePictures`), by lower-case user id. */
  readonly photos: ReadonlyMap<string, PhotoData | null>
  /** Mapped directory extension attributes no app of the tenant lists (not read). */
  readonly unknownAttributes: readonly string[]
}

export interface PlannedUser {
  readonly user: GraphUser
  readonly mapped: MappedUser
  /** ClearID creates or updates its identity; false: the user is planned for a role only. */
  readonly synchronized: boolean
  /** The ClearID roles its groups give it. */
  readonly roles: readonly string[]
  /** An earlier user (in id order) of this run has the same External ID: this one is refused. */
  readonly duplicateOf?: string
  /** Its Entra manager, when managers are synchronized (absent: none). */
  readonly manager?: { readonly id: string; readonly displayName?: string }
  /** With `synchronizePictures`: the identity's picture, or null for none. */
  readonly picture?: JsonValue | null
}

export interface GraphPlan {
  /** Every planned user, in id order. */
  readonly users: readonly PlannedUser[]
  /** Role name to the ids of the users read that its groups give it. */
  readonly roles: ReadonlyMap<string, readonly string[]>
}

export function planSync(compiled: CompiledMappings, snapshot: GraphSnapshot): GraphPlan {
  const { config } = compiled
  const inScope = new Set<string>()
  const rolesOf = new Map<string, string[]>()
  const roles = new Map<string, string[]>()
  for (const group of snapshot.groups) {
    for (const id of group.userIds) {
      if (group.rule.syncIdentities) inScope.add(id)
      const role = group.rule.role
      if (role === undefined) continue
      const list = rolesOf.get(id) ?? []
      if (!list.includes(role)) list.push(role)
      rolesOf.set(id, list)
    }
  }
  const ids = [...snapshot.users.keys()].sort()
  const firstWith = new Map<string, string>()
  const users: PlannedUser[] = []
  for (const id of ids) {
    const user = snapshot.users.get(id) as GraphUser
    const synchronized = config.options.users === 'all' || inScope.has(id)
    const userRoles = rolesOf.get(id) ?? []
    if (!synchronized && userRoles.length === 0) continue
    const mapped = mapGraphUser(compiled, user)
    const externalId = mapped.identity.externalId
    let duplicateOf: string | undefined
    if (synchronized && externalId !== undefined) {
      duplicateOf = firstWith.get(externalId)
      if (duplicateOf === undefined) firstWith.set(externalId, user.id)
    }
    for (const role of userRoles) {
      const members = roles.get(role) ?? []
      members.push(id)
      roles.set(role, members)
    }
    const manager = config.management.synchronizeManagers ? managerOf(user) : undefined
    const photo = snapshot.photos.get(id)
    users.push({
      user,
      mapped,
      synchronized,
      roles: userRoles,
      ...(duplicateOf !== undefined && { duplicateOf }),
      ...(manager && { manager }),
      ...(config.management.synchronizePictures &&
        photo !== undefined && { picture: photo === null ? null : pictureOf(photo) }),
    })
  }
  return { users, roles }
}

function managerOf(user: GraphUser): PlannedUser['manager'] {
  const manager = user.manager
  if (typeof manager !== 'object' || manager === null) return undefined
  const { id, displayName } = manager as Record<string, unknown>
  if (typeof id !== 'string') return undefined
  return { id, ...(typeof displayName === 'string' && { displayName }) }
}

/** A picture as the identity stores it: the Base64 form Cloud CSV also stores. */
function pictureOf(photo: PhotoData): JsonValue {
  return { kind: 'base64', bytes: photo.bytes, contentType: photo.contentType, data: photo.base64 }
}

/**
 * Why ClearID refuses to write the user's identity: its identity rules (first or last name only
 * for a new identity), its credentials, a duplicate External ID. Empty: it is written.
 */
export function refusalsOf(planned: PlannedUser, exists: boolean): string[] {
  const { identity, credentialProblems } = planned.mapped
  return [
    ...identity.issues
      .filter((i) => i.severity === 'error' && !(exists && i.newOnly))
      .map((i) => i.message),
    ...credentialProblems,
    ...(planned.duplicateOf === undefined
      ? []
      : [
          `External ID "${identity.externalId?.slice(0, 60)}" is also the External ID of user ${planned.duplicateOf}, synchronized first.`,
        ]),
  ]
}

/** How logs and previews name a user: External ID, name and sign-in name. */
export function entityOf(planned: Pick<PlannedUser, 'mapped' | 'user'>): string {
  const { identity, userPrincipalName } = planned.mapped
  const name = identity.displayName || (planned.user.displayName as string | undefined) || ''
  const upn =
    userPrincipalName && userPrincipalName !== identity.externalId ? userPrincipalName : ''
  const detail = [name, upn].filter((x) => x !== '').join(', ')
  return `${identity.externalId ?? '(no External ID)'}${detail ? ` (${detail})` : ''}`
}
