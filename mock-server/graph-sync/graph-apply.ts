/**
 * Applies a Graph synchronization's plan (`model/graph/plan.ts`) to an account, after everything
 * was read, in one synchronous step, so a run that could not read to its end writes nothing and
 * no request sees half a run:
 *
 * 1. identities: each synchronized user creates or updates the identity with its External ID
 *    (whichever door made it), through the commit path SCIM and REST use, so webhooks fire; with
 *    "Synchronize managers", its supervisor (`supervisorName`, `companyData.approvers`) is
 *    overwritten in the same write (managers are written before their reports); with "Synchronize
 *    pictures", its picture. Portal access the mapping grants or removes, credentials the
 *    credential mappings give, are logged as ClearID's log types;
 * 2. removals: users this configuration synchronized that left Graph, or left every group that
 *    synchronizes identities, per `options.removedIdentities` (deactivate, delete or keep);
 * 3. roles: each group's role (a role-service team, created when missing) gets exactly the
 *    identities of its members that this configuration put there (membership source
 *    `graph:{configuration id}`); other sources' memberships are left alone.
 *
 * @module
 */
import type { PlannedUser, GraphPlan } from '../../model/graph/plan.ts'
import { entityOf, refusalsOf } from '../../model/graph/plan.ts'
import type { AttributeValue, JsonValue, StoredIdentity, SyncSource } from '../../model/identity.ts'
import { credentialKey } from '../../model/sync/credentials.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { hasPortalAccess } from '../principals/principal.ts'
import type { SyncCredentials } from '../sync/sync-credentials.ts'
import type { SyncLogEntry } from '../sync/sync-log.ts'
import {
  deactivateSynced,
  deleteSynced,
  writeSynced,
  type SyncExtras,
} from '../sync/sync-writes.ts'
import type { Team } from '../teams/team-store.ts'
import type { GraphConfiguration } from './graph-configurations.ts'
import type { GraphRead } from './graph-reader.ts'

export type LogInput = Omit<SyncLogEntry, 'id' | 'runId' | 'configurationId' | 'timestamp'>

export interface ApplyServices {
  readonly ctx: MockContext
  readonly credentials: SyncCredentials
  readonly log: (entry: LogInput) => void
}

export interface GraphRunCounts {
  users: number
  created: number
  updated: number
  unchanged: number
  failed: number
  deactivated: number
  deleted: number
  kept: number
  credentialsCreated: number
  credentialsUpdated: number
  credentialsDeleted: number
  roleMembersAdded: number
  roleMembersRemoved: number
  /** Role members without an identity (a group that maps a role only). */
  roleMembersFailed: number
  supervisorsUpdated: number
  portalUsers: number
}

export function emptyCounts(): GraphRunCounts {
  return {
    users: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    deactivated: 0,
    deleted: 0,
    kept: 0,
    credentialsCreated: 0,
    credentialsUpdated: 0,
    credentialsDeleted: 0,
    roleMembersAdded: 0,
    roleMembersRemoved: 0,
    roleMembersFailed: 0,
    supervisorsUpdated: 0,
    portalUsers: 0,
  }
}

/** The source of the role memberships a configuration makes. */
export const membershipSource = (configurationId: string) => `graph:${configurationId}`

const key = (id: string) => id.toLowerCase()
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export function applyGraphPlan(
  services: ApplyServices,
  configuration: GraphConfiguration,
  read: GraphRead,
  plan: GraphPlan,
  sync: SyncSource,
): GraphRunCounts {
  const counts = emptyCounts()
  const synchronized = managersFirst(plan.users.filter((u) => u.synchronized))
  counts.users = synchronized.length
  const before = new Map(configuration.progress.known)
  const written = new Map<string, string>()
  for (const planned of synchronized)
    writeUser(services, configuration, planned, sync, written, counts)
  removeLeavers(services, configuration, read, before, sync, counts)
  for (const planned of plan.users) {
    if (planned.synchronized) continue
    const externalId = planned.mapped.identity.externalId
    const identity =
      externalId === undefined
        ? undefined
        : services.ctx.store.findByExternalId(configuration.accountId, externalId)
    configuration.progress.known.set(key(planned.user.id), {
      ...(externalId !== undefined && { externalId }),
      ...(identity && { identityId: identity.id }),
      synchronized: false,
    })
  }
  syncRoles(services, configuration, read, plan, counts)
  forgetBystanders(configuration, read)
  return counts
}

/**
 * Users known for a role only that are in no group of the configuration any more are forgotten
 * (when every group was read: a group that could not be read may still hold them).
 */
function forgetBystanders(configuration: GraphConfiguration, read: GraphRead): void {
  const groups = read.snapshot.groups
  if (groups.some((g) => g.problem !== undefined)) return
  const members = new Set(groups.flatMap((g) => g.userIds))
  for (const [userId, known] of configuration.progress.known)
    if (!known.synchronized && !members.has(userId)) configuration.progress.known.delete(userId)
}

/** Managers before their reports, so a report's write can name its manager's identity. */
function managersFirst(users: readonly PlannedUser[]): PlannedUser[] {
  const byId = new Map(users.map((u) => [key(u.user.id), u]))
  const depth = new Map<string, number>()
  const depthOf = (user: PlannedUser, seen: Set<string>): number => {
    const id = key(user.user.id)
    const known = depth.get(id)
    if (known !== undefined) return known
    const manager = user.manager && byId.get(key(user.manager.id))
    // A management cycle (possible in a directory) stops at the first user met again.
    const value = manager && !seen.has(id) ? depthOf(manager, seen.add(id)) + 1 : 0
    depth.set(id, value)
    return value
  }
  for (const user of users) depthOf(user, new Set())
  return [...users].sort(
    (a, b) => (depth.get(key(a.user.id)) ?? 0) - (depth.get(key(b.user.id)) ?? 0),
  )
}

function writeUser(
  services: ApplyServices,
  configuration: GraphConfiguration,
  planned: PlannedUser,
  sync: SyncSource,
  written: Map<string, string>,
  counts: GraphRunCounts,
): void {
  const { ctx, log } = services
  const { accountId, config, progress } = configuration
  const identity = planned.mapped.identity
  const entity = entityOf(planned)
  const objectId = planned.user.id
  const externalId = identity.externalId
  const existing =
    externalId === undefined ? undefined : ctx.store.findByExternalId(accountId, externalId)
  const type = existing ? 'Update identity' : 'Create identity'
  const fail = (errors: readonly string[]) => {
    counts.failed++
    log({ type, entity, objectId, outcome: 'failed', message: 'Not written.', errors })
  }
  const refusals = refusalsOf(planned, existing !== undefined)
  if (refusals.length > 0) return fail(refusals)
  const extras = extrasOf(config, planned, progress.known, written)
  let result: ReturnType<typeof writeSynced>
  try {
    result = writeSynced(ctx, {
      accountId,
      ...(existing && { existing }),
      identity,
      extras,
      sync,
      source: 'graph',
    })
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return fail([error.detail])
  }
  const stored = result.identity
  counts[result.change]++
  log({
    type,
    entity,
    objectId,
    identityId: stored.id,
    outcome: result.change === 'unchanged' ? 'unchanged' : 'succeeded',
    message:
      result.change === 'unchanged'
        ? 'No mapped value changed.'
        : `Identity ${result.change} from the Graph user.`,
  })
  if (config.management.synchronizeManagers)
    logSupervisor(services, existing, stored, entity, counts)
  logPortalUser(services, existing, stored, entity, counts)
  applyCredentials(services, configuration, planned, stored, entity, counts)
  written.set(key(objectId), stored.id)
  progress.known.set(key(objectId), {
    ...(externalId !== undefined && { externalId }),
    identityId: stored.id,
    synchronized: true,
  })
}

/** The supervisor and picture the management settings ask for, overwriting what is there. */
function extrasOf(
  config: GraphConfiguration['config'],
  planned: PlannedUser,
  known: GraphConfiguration['progress']['known'],
  written: ReadonlyMap<string, string>,
): SyncExtras {
  const attributes: Record<string, AttributeValue | null> = {}
  const rest: Record<string, JsonValue | null> = {}
  if (config.management.synchronizeManagers) {
    const manager = planned.manager
    const managerIdentity = manager
      ? (written.get(key(manager.id)) ?? known.get(key(manager.id))?.identityId)
      : undefined
    attributes.supervisorName = manager?.displayName ?? null
    rest.approvers = managerIdentity ? [{ approverId: managerIdentity }] : null
  }
  if (config.management.synchronizePictures && planned.picture !== undefined)
    rest.picture = planned.picture
  return { attributes, rest }
}

function supervisorOf(identity: StoredIdentity | undefined) {
  return {
    name: identity?.attributes.supervisorName ?? null,
    approvers: identity?.rest?.approvers ?? null,
  }
}

function logSupervisor(
  services: ApplyServices,
  before: StoredIdentity | undefined,
  after: StoredIdentity,
  entity: string,
  counts: GraphRunCounts,
): void {
  const previous = supervisorOf(before)
  const next = supervisorOf(after)
  if (same(previous, next)) return
  counts.supervisorsUpdated++
  const approver = Array.isArray(next.approvers)
    ? (next.approvers[0] as { approverId?: string } | undefined)?.approverId
    : undefined
  services.log({
    type: 'Update supervisor',
    entity,
    identityId: after.id,
    outcome: 'succeeded',
    message:
      next.name === null
        ? 'The Entra user has no manager: the supervisor is cleared (Synchronize managers overwrites supervisors).'
        : `Supervisor: ${String(next.name)}${approver ? ` (identity ${approver})` : ' (the manager has no identity here: name only)'}.`,
  })
}

function logPortalUser(
  services: ApplyServices,
  before: StoredIdentity | undefined,
  after: StoredIdentity,
  entity: string,
  counts: GraphRunCounts,
): void {
  const had = before !== undefined && hasPortalAccess(before)
  const has = hasPortalAccess(after)
  const wasAdmin = before?.attributes.isAdmin === true
  const isAdmin = after.attributes.isAdmin === true
  const type =
    !had && has
      ? 'Create portal user'
      : had && !has
        ? 'Delete portal user'
        : had && has && wasAdmin !== isAdmin
          ? 'Update portal user'
          : undefined
  if (!type) return
  counts.portalUsers++
  services.log({
    type,
    entity,
    identityId: after.id,
    outcome: 'succeeded',
    message: has
      ? `Web portal access${isAdmin ? ' as an administrator' : ''}.`
      : 'Web portal access removed.',
  })
}

function credentialEntity(
  credential: { format: string; rawCode?: string; facilityCode?: string; cardNumber?: string },
  entity: string,
): string {
  const card = credential.rawCode ?? `${credential.facilityCode}:${credential.cardNumber}`
  return `${credential.format} ${card} (${entity})`
}

function applyCredentials(
  services: ApplyServices,
  configuration: GraphConfiguration,
  planned: PlannedUser,
  identity: StoredIdentity,
  entity: string,
  counts: GraphRunCounts,
): void {
  const { ctx, credentials, log } = services
  const owner = {
    identityId: identity.id,
    externalId: planned.mapped.identity.externalId ?? '',
    configurationId: configuration.id,
  }
  const kept = new Set<string>()
  for (const credential of planned.mapped.credentials) {
    kept.add(credentialKey(credential))
    const result = credentials.apply(
      configuration.accountId,
      owner,
      credential,
      ctx.clock().toISOString(),
      ctx.ids,
    )
    if (result.change === 'unchanged') continue
    if (result.change === 'created') counts.credentialsCreated++
    else counts.credentialsUpdated++
    log({
      type: result.change === 'created' ? 'Create credential' : 'Update credential',
      entity: credentialEntity(credential, entity),
      identityId: identity.id,
      outcome: 'succeeded',
      message: `Credential ${result.change} from the Graph user.`,
    })
  }
  for (const removed of credentials.removeOthers(
    configuration.accountId,
    identity.id,
    configuration.id,
    kept,
  )) {
    counts.credentialsDeleted++
    log({
      type: 'Delete credential',
      entity: credentialEntity(removed, entity),
      identityId: identity.id,
      outcome: 'succeeded',
      message: 'The Graph user no longer gives this card: the credential it made is deleted.',
    })
  }
}

/** The users this configuration synchronizes now: a removal is a known user outside it. */
function currentScope(
  configuration: GraphConfiguration,
  read: GraphRead,
  before: ReadonlyMap<string, unknown>,
): Set<string> | undefined {
  const { options, groups } = configuration.config
  if (options.users === 'all') {
    if (read.allUsers) return new Set(read.allUsers)
    return new Set([...before.keys(), ...read.changed].filter((id) => !read.removed.has(id)))
  }
  const syncing = read.snapshot.groups.filter((g) => g.rule.syncIdentities)
  // A group that could not be read says nothing of its members: nobody is removed on its account.
  if (syncing.some((g) => g.problem !== undefined) || groups.length !== read.snapshot.groups.length)
    return undefined
  return new Set(syncing.flatMap((g) => g.userIds))
}

function removeLeavers(
  services: ApplyServices,
  configuration: GraphConfiguration,
  read: GraphRead,
  before: ReadonlyMap<string, { readonly synchronized: boolean; readonly identityId?: string }>,
  sync: SyncSource,
  counts: GraphRunCounts,
): void {
  const { ctx, log } = services
  const scope = currentScope(configuration, read, before)
  const action = configuration.config.options.removedIdentities
  for (const [userId, known] of before) {
    if (!known.synchronized) continue
    const gone = read.removed.has(userId)
    if (!gone && (scope === undefined || scope.has(userId))) continue
    // A user still in Graph may still be in a group that maps a role: its identity stays known.
    if (gone) configuration.progress.known.delete(userId)
    else configuration.progress.known.set(userId, { ...known, synchronized: false })
    const identity =
      known.identityId === undefined
        ? undefined
        : ctx.store.get(configuration.accountId, known.identityId)
    if (!identity || identity.deleted) continue
    const entity = `${identity.attributes.externalId ?? identity.id} (${identity.displayName})`
    const why = gone
      ? 'The user is no longer in Graph'
      : 'The user is no longer in a group that synchronizes identities'
    const base = {
      type: 'Update identity' as const,
      entity,
      objectId: userId,
      identityId: identity.id,
    }
    if (action === 'keep') {
      counts.kept++
      log({
        ...base,
        outcome: 'unchanged',
        message: `${why}: kept as it is (options.removedIdentities: keep).`,
      })
      continue
    }
    if (action === 'deactivate' && !identity.active) continue
    try {
      if (action === 'deactivate') deactivateSynced(ctx, identity, sync, 'graph')
      else {
        deleteSynced(ctx, identity, 'graph')
        for (const credential of services.credentials.removeOthers(
          configuration.accountId,
          identity.id,
          configuration.id,
          new Set(),
        )) {
          counts.credentialsDeleted++
          log({
            type: 'Delete credential',
            entity: credentialEntity(credential, entity),
            identityId: identity.id,
            outcome: 'succeeded',
            message: 'Its identity was deleted.',
          })
        }
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      counts.failed++
      log({
        ...base,
        outcome: 'failed',
        message: `${why}: it could not be changed.`,
        errors: [error.detail],
      })
      continue
    }
    if (action === 'deactivate') counts.deactivated++
    else counts.deleted++
    log({
      ...base,
      outcome: action === 'deactivate' ? 'deactivated' : 'deleted',
      message: `${why}: ${action === 'deactivate' ? 'made Inactive' : 'deleted'} (options.removedIdentities: ${action}).`,
    })
  }
}

function teamNamed(
  services: ApplyServices,
  accountId: string,
  name: string,
): { team: Team; created: boolean } {
  const { ctx } = services
  const found = ctx.teams
    .list(accountId, false)
    .find((team) => team.name.toLowerCase() === name.toLowerCase())
  if (found) return { team: found, created: false }
  const now = ctx.clock().toISOString()
  const team: Team = {
    id: ctx.ids(),
    accountId,
    name,
    description: 'Created by an Entra ID (Graph) synchronization for a group that maps to it.',
    status: 'Active',
    created: now,
    lastModified: now,
    deleted: false,
  }
  ctx.teams.insert(team)
  return { team, created: true }
}

function syncRoles(
  services: ApplyServices,
  configuration: GraphConfiguration,
  read: GraphRead,
  plan: GraphPlan,
  counts: GraphRunCounts,
): void {
  const { ctx, log } = services
  const { accountId, progress } = configuration
  const sourceId = membershipSource(configuration.id)
  const now = ctx.clock().toISOString()
  const planned = new Map(plan.users.map((u) => [key(u.user.id), u]))
  const roles = new Map<string, { userIds: Set<string>; complete: boolean }>()
  for (const group of read.snapshot.groups) {
    const role = group.rule.role
    if (role === undefined) continue
    const entry = roles.get(role.toLowerCase()) ?? { userIds: new Set<string>(), complete: true }
    for (const id of group.userIds) entry.userIds.add(id)
    if (group.problem !== undefined) entry.complete = false
    roles.set(role.toLowerCase(), entry)
  }
  const handled = new Set<string>()
  for (const group of configuration.config.groups) {
    const role = group.role
    if (role === undefined || handled.has(role.toLowerCase())) continue
    handled.add(role.toLowerCase())
    const wanted = roles.get(role.toLowerCase()) ?? { userIds: new Set<string>(), complete: false }
    const { team, created } = teamNamed(services, accountId, role)
    const desired = new Map<string, string>()
    for (const userId of wanted.userIds) {
      const identityId = identityOfKnown(ctx, accountId, progress.known.get(userId))
      if (identityId !== undefined) {
        desired.set(identityId, userId)
        continue
      }
      const user = planned.get(userId)
      if (!user) continue
      counts.roleMembersFailed++
      log({
        type: 'Add member to role',
        entity: `${role}: ${entityOf(user)}`,
        objectId: user.user.id,
        outcome: 'failed',
        message: 'Not added.',
        errors: [
          user.mapped.identity.externalId === undefined
            ? 'The user has no External ID, so no identity can be found for it.'
            : `No identity has the External ID "${user.mapped.identity.externalId.slice(0, 60)}": this group maps the role only, so another source (a group that synchronizes identities, SCIM, REST) must make it.`,
        ],
      })
    }
    const current = ctx.teams.membersOf(accountId, team.id).filter((m) => m.sourceId === sourceId)
    const present = new Set(current.map((m) => m.identityId))
    for (const [identityId, userId] of desired) {
      if (present.has(identityId)) continue
      ctx.teams.add(accountId, [
        {
          teamId: team.id,
          identityId,
          sourceId,
          startDateTimeUtc: null,
          endDateTimeUtc: null,
          reason: 'Member of a synchronized Entra group',
          addedUtc: now,
        },
      ])
      counts.roleMembersAdded++
      log({
        type: 'Add member to role',
        entity: `${role}: ${roleEntity(ctx, accountId, identityId)}`,
        objectId: userId,
        identityId,
        outcome: 'succeeded',
        message: `Added to the role ${team.name}${created ? ' (created: the account had no role by that name)' : ''}.`,
      })
    }
    // A group that could not be read says nothing of who left it.
    if (!wanted.complete) continue
    for (const membership of current) {
      if (desired.has(membership.identityId)) continue
      ctx.teams.remove(accountId, team.id, membership.identityId, sourceId)
      counts.roleMembersRemoved++
      log({
        type: 'Remove member from role',
        entity: `${role}: ${roleEntity(ctx, accountId, membership.identityId)}`,
        identityId: membership.identityId,
        outcome: 'succeeded',
        message: `Removed from the role ${team.name}: no longer a member of its group.`,
      })
    }
  }
  // Roles no group of the configuration maps any more lose the members it gave them.
  for (const team of ctx.teams.list(accountId, false)) {
    if (handled.has(team.name.toLowerCase())) continue
    for (const membership of ctx.teams.membersOf(accountId, team.id)) {
      if (membership.sourceId !== sourceId) continue
      ctx.teams.remove(accountId, team.id, membership.identityId, sourceId)
      counts.roleMembersRemoved++
      log({
        type: 'Remove member from role',
        entity: `${team.name}: ${roleEntity(ctx, accountId, membership.identityId)}`,
        identityId: membership.identityId,
        outcome: 'succeeded',
        message: `Removed from the role ${team.name}: no group of the configuration maps to it any more.`,
      })
    }
  }
}

/** The live identity of a known user: the one it had, else the one its External ID names now. */
function identityOfKnown(
  ctx: MockContext,
  accountId: string,
  known: { readonly identityId?: string; readonly externalId?: string } | undefined,
): string | undefined {
  if (!known) return undefined
  const identity =
    known.identityId === undefined ? undefined : ctx.store.get(accountId, known.identityId)
  if (identity && !identity.deleted) return identity.id
  return known.externalId === undefined
    ? undefined
    : ctx.store.findByExternalId(accountId, known.externalId)?.id
}

function roleEntity(ctx: MockContext, accountId: string, identityId: string): string {
  const identity = ctx.store.get(accountId, identityId)
  if (!identity) return identityId
  return `${identity.attributes.externalId ?? identity.id} (${identity.displayName})`
}
