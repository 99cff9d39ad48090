/**
 * One fake Entra ID tenant: users, groups, group memberships, managers, deleted users (for delta
 * queries), directory extension properties, app registrations, issued tokens and Graph faults.
 * Every write takes the next change sequence number, which `/users/delta` reads through tokens.
 * Graph tenants are their own namespace, separate from ClearID accounts, as in reality: a ClearID
 * account's synchronization configuration names a tenant by id.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { GraphApps } from './graph-apps.ts'
import { GraphExtensions, ownerAppId } from './graph-extensions.ts'
import { GraphFaults } from './graph-faults.ts'
import { compareIds, GUID, ObjectTable, type StoredObject } from './graph-objects.ts'
import { EXTENSION_NAME } from '../../model/graph/graph-properties.ts'
import { TokenLedger } from './graph-token.ts'
import { checkUserPrincipalName, emptyOnPremises, type GraphProps } from './graph-values.ts'

/** A deleted user, kept for delta: `changed` (soft-deleted, restorable) or `deleted` (permanent). */
export interface Tombstone {
  readonly id: string
  readonly seq: number
  readonly reason: 'changed' | 'deleted'
}

export type MemberType = 'user' | 'group'

/** A user's profile photo (`/users/{id}/photo/$value`). */
export interface GraphPhoto {
  readonly bytes: Uint8Array
  readonly contentType: string
}

/**
 * A change of the tenant, as a change notification would tell a subscriber: a user (properties,
 * manager, creation, deletion), a group (properties, members) or only a user's photo, which Graph
 * does not report in users delta.
 */
export interface TenantChange {
  readonly kind: 'user' | 'group' | 'photo'
  readonly id: string
}

export interface TenantInit {
  readonly id: string
  readonly domain: string
  readonly displayName: string
  readonly clock: () => Date
  readonly newId: () => string
}

const MANAGER = 'manager'

export class GraphTenant {
  readonly id: string
  readonly domains: string[]
  displayName: string
  readonly users = new ObjectTable()
  readonly groups = new ObjectTable()
  readonly apps: GraphApps
  readonly extensions: GraphExtensions
  readonly faults = new GraphFaults()
  readonly tokens = new TokenLedger()
  readonly #upn = new Map<string, string>()
  readonly #members = new Map<string, Set<string>>()
  readonly #managers = new Map<string, string>()
  readonly #tombstones = new Map<string, Tombstone>()
  readonly #photos = new Map<string, GraphPhoto>()
  readonly #listeners = new Set<(change: TenantChange) => void>()
  readonly #clock: () => Date
  readonly #newId: () => string
  #seq = 0
  #pending: (() => Promise<void>) | undefined
  #ready: Promise<void> | undefined

  constructor(init: TenantInit) {
    if (!GUID.test(init.id)) throw invalid('id', 'must be a GUID (the Directory (tenant) ID).')
    this.id = init.id.toLowerCase()
    this.domains = [init.domain.toLowerCase()]
    this.displayName = init.displayName
    this.#clock = init.clock
    this.#newId = init.newId
    this.apps = new GraphApps(init.clock, init.newId)
    this.extensions = new GraphExtensions(init.newId)
  }

  /** The current change sequence number (the state a delta token records). */
  get seq(): number {
    return this.#seq
  }

  /** Work to run before the tenant first answers (seeding loads faker lazily). */
  defer(work: () => Promise<void>): void {
    this.#pending = work
    this.#ready = undefined
  }

  ready(): Promise<void> {
    if (!this.#ready) {
      const work = this.#pending
      this.#pending = undefined
      this.#ready = work ? work() : Promise.resolve()
    }
    return this.#ready
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: (change: TenantChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  // --- users ---

  /** By id or user principal name (case-insensitive), as `/users/{id | userPrincipalName}`. */
  user(idOrUpn: string): StoredObject | undefined {
    return this.users.get(idOrUpn) ?? this.users.get(this.#upn.get(idOrUpn.toLowerCase()) ?? '')
  }

  createUser(input: GraphProps, path = 'user'): StoredObject {
    const upn = checkUserPrincipalName(`${path}.userPrincipalName`, input.userPrincipalName)
    const id = this.#newObjectId(input.id, path)
    if (this.#upn.has(upn.toLowerCase())) {
      throw new ApiError(
        409,
        `${path}: another user already has userPrincipalName "${upn.slice(0, 100)}".`,
      )
    }
    const local = upn.split('@')[0] ?? upn
    const props: GraphProps = {
      accountEnabled: true,
      displayName: local,
      businessPhones: [],
      mailNickname: local,
      userType: 'Member',
      createdDateTime: `${this.#clock().toISOString().slice(0, 19)}Z`,
      onPremisesExtensionAttributes: emptyOnPremises(),
      ...input,
      id,
    }
    this.#defineExtensions(props)
    const user: StoredObject = { id, props, version: 0, changed: new Map() }
    this.#touch(user, Object.keys(props), 'user')
    this.users.insert(user)
    this.#upn.set(upn.toLowerCase(), id)
    this.#tombstones.delete(id.toLowerCase())
    return user
  }

  /** Sets the given properties (null clears); returns the names that changed. */
  updateUser(id: string, input: GraphProps, path = 'user'): string[] {
    const user = this.#existingUser(id)
    if ('id' in input && String(input.id).toLowerCase() !== user.id.toLowerCase()) {
      throw invalid(`${path}.id`, 'cannot change.')
    }
    if (input.userPrincipalName !== undefined) {
      const upn = checkUserPrincipalName(`${path}.userPrincipalName`, input.userPrincipalName)
      const owner = this.#upn.get(upn.toLowerCase())
      if (owner !== undefined && owner !== user.id) {
        throw new ApiError(
          409,
          `${path}: another user already has userPrincipalName "${upn.slice(0, 100)}".`,
        )
      }
      this.#upn.delete(String(user.props.userPrincipalName).toLowerCase())
      this.#upn.set(upn.toLowerCase(), user.id)
    }
    this.#defineExtensions(input)
    const changed = Object.keys(input).filter(
      (name) => name !== 'id' && JSON.stringify(user.props[name]) !== JSON.stringify(input[name]),
    )
    for (const name of changed) user.props[name] = input[name] as GraphProps[string]
    if (changed.length > 0) this.#touch(user, changed, 'user')
    return changed
  }

  /**
   * Deletes a user: soft (`@removed` reason `changed` in delta, as Entra's 30-day recycle bin) or
   * permanent (`deleted`). Memberships and manager links go with it; reports lose their manager.
   */
  deleteUser(id: string, permanent = false): void {
    const user = this.#existingUser(id)
    this.users.delete(user.id)
    this.#upn.delete(String(user.props.userPrincipalName).toLowerCase())
    for (const members of this.#members.values()) members.delete(user.id)
    this.#managers.delete(user.id)
    for (const [report, manager] of [...this.#managers]) {
      if (manager === user.id) this.setManager(report, null)
    }
    this.#photos.delete(user.id)
    this.#tombstones.set(user.id.toLowerCase(), {
      id: user.id,
      seq: ++this.#seq,
      reason: permanent ? 'deleted' : 'changed',
    })
    this.#notify({ kind: 'user', id: user.id })
  }

  photoOf(userId: string): GraphPhoto | undefined {
    return this.#photos.get(this.#existingUser(userId).id)
  }

  /**
   * Sets (or with `null` removes) a user's photo. Only a `photo` change is told: the user's
   * properties, and so users delta, do not change, as in Graph.
   */
  setPhoto(userId: string, photo: GraphPhoto | null): void {
    const user = this.#existingUser(userId)
    if (photo === null) {
      if (!this.#photos.delete(user.id)) return
    } else this.#photos.set(user.id, photo)
    this.#notify({ kind: 'photo', id: user.id })
  }

  managerOf(userId: string): StoredObject | undefined {
    const managerId = this.#managers.get(this.#existingUser(userId).id)
    return managerId === undefined ? undefined : this.users.get(managerId)
  }

  /** Sets or clears a user's manager; a change shows in delta as a change of `manager`. */
  setManager(userId: string, managerId: string | null): void {
    const user = this.#existingUser(userId)
    if (managerId === null) {
      if (this.#managers.delete(user.id)) this.#touch(user, [MANAGER], 'user')
      return
    }
    const manager = this.#existingUser(managerId)
    if (manager.id === user.id) throw invalid('manager', 'A user cannot be their own manager.')
    if (this.#managers.get(user.id) === manager.id) return
    this.#managers.set(user.id, manager.id)
    this.#touch(user, [MANAGER], 'user')
  }

  /** Users and tombstones changed after `since` in the tracked properties, in id order. */
  changesSince(
    since: number,
    tracked: readonly string[] | undefined,
  ): (StoredObject | Tombstone)[] {
    const changed: (StoredObject | Tombstone)[] = this.users
      .sorted()
      .filter((user) =>
        tracked === undefined
          ? user.version > since
          : tracked.some((name) => (user.changed.get(name) ?? 0) > since),
      )
    // A first round (no token) lists the users there are; later rounds also report deletions.
    if (since > 0) {
      for (const tombstone of this.#tombstones.values()) {
        if (tombstone.seq > since) changed.push(tombstone)
      }
      changed.sort((a, b) => compareIds(a.id, b.id))
    }
    return changed
  }

  // --- groups ---

  createGroup(input: GraphProps, path = 'group'): StoredObject {
    if (typeof input.displayName !== 'string' || input.displayName === '') {
      throw invalid(`${path}.displayName`, 'is required.')
    }
    const id = this.#newObjectId(input.id, path)
    const props: GraphProps = {
      description: null,
      mail: null,
      mailEnabled: false,
      mailNickname: input.displayName.replace(/[^A-Za-z0-9]/g, '').slice(0, 64) || 'group',
      securityEnabled: true,
      groupTypes: [],
      visibility: null,
      createdDateTime: `${this.#clock().toISOString().slice(0, 19)}Z`,
      onPremisesSyncEnabled: null,
      ...input,
      id,
    }
    const group: StoredObject = { id, props, version: 0, changed: new Map() }
    this.#touch(group, Object.keys(props), 'group')
    this.groups.insert(group)
    this.#members.set(id, new Set())
    return group
  }

  updateGroup(id: string, input: GraphProps, path = 'group'): string[] {
    const group = this.#existingGroup(id)
    if ('id' in input && String(input.id).toLowerCase() !== group.id.toLowerCase()) {
      throw invalid(`${path}.id`, 'cannot change.')
    }
    const changed = Object.keys(input).filter(
      (name) => name !== 'id' && JSON.stringify(group.props[name]) !== JSON.stringify(input[name]),
    )
    for (const name of changed) group.props[name] = input[name] as GraphProps[string]
    if (changed.length > 0) this.#touch(group, changed, 'group')
    return changed
  }

  deleteGroup(id: string): void {
    const group = this.#existingGroup(id)
    this.groups.delete(group.id)
    this.#members.delete(group.id)
    for (const members of this.#members.values()) members.delete(group.id)
    this.#notify({ kind: 'group', id: group.id })
  }

  /** Adds a user or a group (nested) to a group; a group cannot contain itself. */
  addMember(groupId: string, memberId: string): MemberType {
    const group = this.#existingGroup(groupId)
    const user = this.users.get(memberId)
    const nested = user ? undefined : this.groups.get(memberId)
    if (!user && !nested) throw notFound(`No user or group with id "${memberId.slice(0, 64)}".`)
    const member = (user ?? nested) as StoredObject
    if (member.id === group.id) throw invalid('member', 'A group cannot be a member of itself.')
    const members = this.#members.get(group.id) as Set<string>
    if (!members.has(member.id)) {
      members.add(member.id)
      this.#touch(group, ['members'], 'group')
    }
    return user ? 'user' : 'group'
  }

  removeMember(groupId: string, memberId: string): boolean {
    const group = this.#existingGroup(groupId)
    const members = this.#members.get(group.id) as Set<string>
    const id = [...members].find((m) => m.toLowerCase() === memberId.toLowerCase())
    if (id === undefined) return false
    members.delete(id)
    this.#touch(group, ['members'], 'group')
    return true
  }

  /** Direct members in id order, each with its type. */
  membersOf(groupId: string): { object: StoredObject; type: MemberType }[] {
    const group = this.#existingGroup(groupId)
    return [...(this.#members.get(group.id) ?? [])]
      .map((id) => this.#member(id))
      .filter((m) => m !== undefined)
      .sort((a, b) => compareIds(a.object.id, b.object.id))
  }

  /** Members of the group and of every group nested in it, each once, in id order. */
  transitiveMembersOf(groupId: string): { object: StoredObject; type: MemberType }[] {
    const seen = new Map<string, { object: StoredObject; type: MemberType }>()
    const queue = [this.#existingGroup(groupId).id]
    const visited = new Set(queue)
    while (queue.length > 0) {
      for (const member of this.membersOf(queue.shift() as string)) {
        seen.set(member.object.id, member)
        if (member.type === 'group' && !visited.has(member.object.id)) {
          visited.add(member.object.id)
          queue.push(member.object.id)
        }
      }
    }
    return [...seen.values()].sort((a, b) => compareIds(a.object.id, b.object.id))
  }

  /** Every membership, as (group id, member id) pairs. */
  memberships(): [string, string][] {
    return [...this.#members].flatMap(([group, members]) =>
      [...members].map((member): [string, string] => [group, member]),
    )
  }

  managers(): [string, string][] {
    return [...this.#managers]
  }

  /**
   * Deletes every user (permanently, so delta reports them), group and extension definition, before
   * new content loads; apps, issued tokens and faults stay.
   */
  clear(): void {
    for (const user of [...this.users.sorted()]) this.deleteUser(user.id, true)
    this.groups.clear()
    this.#members.clear()
    this.#managers.clear()
    this.extensions.clear()
  }

  // --- internals ---

  #touch(object: StoredObject, names: readonly string[], kind: TenantChange['kind']): void {
    const seq = ++this.#seq
    object.version = seq
    for (const name of names) object.changed.set(name, seq)
    this.#notify({ kind, id: object.id })
  }

  #notify(change: TenantChange): void {
    for (const listener of this.#listeners) listener(change)
  }

  #newObjectId(given: unknown, path: string): string {
    if (given === undefined || given === null) return this.#newId()
    if (typeof given !== 'string' || !GUID.test(given))
      throw invalid(`${path}.id`, 'must be a GUID.')
    if (this.users.has(given) || this.groups.has(given)) {
      throw new ApiError(409, `${path}: an object with id "${given}" already exists.`)
    }
    return given.toLowerCase()
  }

  #defineExtensions(props: GraphProps): void {
    for (const name of Object.keys(props)) {
      if (!EXTENSION_NAME.test(name)) continue
      const owner = this.apps.get(ownerAppId(name))
      this.extensions.define(name, owner ? { appDisplayName: owner.displayName } : {})
    }
  }

  #member(id: string): { object: StoredObject; type: MemberType } | undefined {
    const user = this.users.get(id)
    if (user) return { object: user, type: 'user' }
    const group = this.groups.get(id)
    return group ? { object: group, type: 'group' } : undefined
  }

  #existingUser(id: string): StoredObject {
    const user = this.user(id)
    if (!user) throw notFound(`No user with id or userPrincipalName "${id.slice(0, 100)}".`)
    return user
  }

  #existingGroup(id: string): StoredObject {
    const group = this.groups.get(id)
    if (!group) throw notFound(`No group with id "${id.slice(0, 64)}".`)
    return group
  }
}

function invalid(field: string, message: string): ApiError {
  return new ApiError(400, `${field} ${message}`, { errors: { [field]: [message] } })
}

function notFound(message: string): ApiError {
  return new ApiError(404, message)
}
