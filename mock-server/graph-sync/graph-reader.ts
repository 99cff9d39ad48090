/**
 * What one synchronization reads from Graph, read-only, before anything is written:
 *
 * - a **full** read (force synchronization, `graph preview`): a delta link for later rounds
 *   (`/users/delta?$deltatoken=latest`, taken first, so changes made while reading show in the next
 *   round), the configured groups and their members, every user with the mapped attributes
 *   (`$select`, 999 a page, the manager expanded when managers are synchronized), and photos;
 * - a **delta** read (automatic synchronization): the changes since the stored delta link, the
 *   groups again (users delta does not report memberships), and only the users that changed or
 *   newly joined a group, one by one.
 *
 * Directory extension attributes the mappings name are checked against the ones the tenant's apps
 * list (`getAvailableExtensionProperties`, the reason ClearID asks for Application.Read.All);
 * unknown ones are left out of `$select`, which Graph would otherwise refuse.
 *
 * @module
 */
import type { CompiledMappings } from '../../model/graph/map-user.ts'
import type { GraphSnapshot, PhotoData, ResolvedGroup } from '../../model/graph/plan.ts'
import type { GraphUser } from '../../model/graph/user-attributes.ts'
import type { GraphGroupRule } from '../../model/graph/config.ts'
import { GraphReadError, type GraphClient } from './graph-client.ts'

export type ReadMode = 'full' | 'delta'

export interface ReadRequest {
  readonly mode: ReadMode
  /** Delta: the link the last run kept. */
  readonly deltaLink?: string
  /** Delta: users the configuration already knows (synchronized, or read for a role). */
  readonly known?: ReadonlySet<string>
}

export interface GraphRead {
  readonly mode: ReadMode
  readonly snapshot: GraphSnapshot
  /** Where the next delta round starts. */
  readonly deltaLink: string
  /** Delta: the users Graph reports deleted, and those read that no longer exist. */
  readonly removed: ReadonlySet<string>
  /** Delta: the users Graph reports changed. */
  readonly changed: ReadonlySet<string>
  /** Full: every user of the tenant was listed (ids, lower case). */
  readonly allUsers?: ReadonlySet<string>
  /** Users, groups, members and photos read, for the log. */
  readonly counts: { users: number; pages: number; photos: number }
}

/** Told of what was read, for the log. */
export type ReadNote = (message: string, outcome?: 'succeeded' | 'failed') => void

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const key = (id: string) => id.toLowerCase()
const odataString = (text: string) => `'${text.replace(/'/g, "''")}'`

export async function readGraph(
  client: GraphClient,
  compiled: CompiledMappings,
  request: ReadRequest,
  note: ReadNote = () => undefined,
): Promise<GraphRead> {
  const { config } = compiled
  const counts = { users: 0, pages: 0, photos: 0 }
  await client.authenticate()
  let deltaLink: string
  const changed = new Set<string>()
  const removed = new Set<string>()
  if (request.mode === 'full') {
    const latest = await client.getJson('/users/delta?$deltatoken=latest')
    deltaLink = linkOf(latest, '@odata.deltaLink', '/users/delta?$deltatoken=latest')
  } else {
    if (request.deltaLink === undefined)
      throw new GraphReadError('A delta read needs the delta link of an earlier run.', 'link')
    const last = await client.pages(request.deltaLink, (value) => {
      counts.pages++
      for (const entry of value) {
        if (typeof entry.id !== 'string') continue
        if (entry['@removed'] !== undefined) removed.add(key(entry.id))
        else changed.add(key(entry.id))
      }
    })
    deltaLink = linkOf(last, '@odata.deltaLink', 'the delta round')
    note(`Users delta: ${changed.size} changed, ${removed.size} removed since the last run.`)
  }

  const unknown = await unknownExtensions(client, compiled)
  if (unknown.length > 0)
    note(
      `Mapped directory extension attribute${unknown.length === 1 ? '' : 's'} no app of the tenant lists (not read): ${unknown.join(', ')}.`,
      'failed',
    )
  const select = compiled.select.filter((name) => !unknown.includes(name))
  const expand = config.management.synchronizeManagers
    ? '&$expand=manager($select=id,displayName)'
    : ''

  const groups: ResolvedGroup[] = []
  for (const [index, rule] of config.groups.entries()) {
    const group = await readGroup(client, rule, index, config.options)
    groups.push(group)
    if (group.problem) note(group.problem, 'failed')
    else
      note(
        `Group "${group.group?.displayName}" (${group.group?.id}): ${group.userIds.length} member user${group.userIds.length === 1 ? '' : 's'}${rule.syncIdentities ? ', synchronized' : ''}${rule.role ? `, role ${rule.role}` : ''}.`,
      )
  }
  const wanted = new Set(groups.flatMap((g) => g.userIds))
  const all = config.options.users === 'all'

  const users = new Map<string, GraphUser>()
  let allUsers: Set<string> | undefined
  if (request.mode === 'full') {
    allUsers = new Set()
    const listed = allUsers
    await client.pages(
      `/users?$select=${select.join(',')}&$top=${config.options.pageSize}${expand}`,
      (value) => {
        counts.pages++
        for (const user of value) {
          if (typeof user.id !== 'string') continue
          listed.add(key(user.id))
          if (all || wanted.has(key(user.id))) users.set(key(user.id), user as GraphUser)
        }
      },
    )
  } else {
    const known = request.known ?? new Set<string>()
    const candidates = all ? new Set([...known, ...changed, ...wanted]) : wanted
    for (const id of [...candidates].sort()) {
      if (removed.has(id) || (known.has(id) && !changed.has(id))) continue
      try {
        const user = await client.getJson(
          `/users/${encodeURIComponent(id)}?$select=${select.join(',')}${expand}`,
        )
        if (typeof user.id === 'string') users.set(key(user.id), user as GraphUser)
      } catch (error) {
        // Deleted since the delta round: as removed.
        if (error instanceof GraphReadError && error.status === 404) removed.add(id)
        else throw error
      }
    }
  }
  counts.users = users.size

  const photos = new Map<string, PhotoData | null>()
  if (config.management.synchronizePictures) {
    const synchronized = new Set(
      groups.filter((g) => g.rule.syncIdentities).flatMap((g) => g.userIds),
    )
    for (const id of [...users.keys()].sort()) {
      if (!all && !synchronized.has(id)) continue
      const photo = await client.getBytes(`/users/${encodeURIComponent(id)}/photo/$value`)
      photos.set(id, photo === null ? null : photoData(photo))
      if (photo) counts.photos++
    }
  }
  note(
    `Read ${counts.users} user${counts.users === 1 ? '' : 's'}${config.management.synchronizePictures ? ` and ${counts.photos} photo${counts.photos === 1 ? '' : 's'}` : ''} in ${client.requests} requests.`,
  )
  return {
    mode: request.mode,
    snapshot: { users, groups, photos, unknownAttributes: unknown },
    deltaLink,
    removed,
    changed,
    ...(allUsers && { allUsers }),
    counts,
  }
}

function linkOf(page: Record<string, unknown>, name: string, what: string): string {
  const link = page[name]
  if (typeof link !== 'string')
    throw new GraphReadError(`Graph's answer to ${what} has no ${name}.`, 'answer')
  return link
}

async function unknownExtensions(
  client: GraphClient,
  compiled: CompiledMappings,
): Promise<string[]> {
  if (compiled.extensions.length === 0) return []
  const answer = await client.postJson('/directoryObjects/getAvailableExtensionProperties', {})
  const listed = new Set(
    (Array.isArray(answer.value) ? answer.value : []).flatMap((p: unknown) => {
      const name = (p as Record<string, unknown> | null)?.name
      return typeof name === 'string' ? [name.toLowerCase()] : []
    }),
  )
  return compiled.extensions.filter((name) => !listed.has(name.toLowerCase()))
}

async function readGroup(
  client: GraphClient,
  rule: GraphGroupRule,
  index: number,
  options: { groupMembers: 'transitive' | 'direct'; pageSize: number },
): Promise<ResolvedGroup> {
  const none = (problem: string): ResolvedGroup => ({ rule, index, problem, userIds: [] })
  let group: { id: string; displayName: string }
  if (GUID.test(rule.group)) {
    try {
      const found = await client.getJson(`/groups/${rule.group}?$select=id,displayName`)
      group = { id: String(found.id), displayName: String(found.displayName ?? '') }
    } catch (error) {
      if (error instanceof GraphReadError && error.status === 404)
        return none(`groups[${index}]: no group has the id ${rule.group}.`)
      throw error
    }
  } else {
    const filter = encodeURIComponent(`displayName eq ${odataString(rule.group)}`)
    const found: Record<string, unknown>[] = []
    await client.pages(`/groups?$filter=${filter}&$select=id,displayName`, (value) =>
      found.push(...value),
    )
    if (found.length !== 1)
      return none(
        found.length === 0
          ? `groups[${index}]: no group is named "${rule.group}".`
          : `groups[${index}]: ${found.length} groups are named "${rule.group}": name it by its object id.`,
      )
    group = { id: String(found[0]?.id), displayName: String(found[0]?.displayName ?? '') }
  }
  const relation = options.groupMembers === 'transitive' ? 'transitiveMembers' : 'members'
  const userIds: string[] = []
  await client.pages(
    `/groups/${group.id}/${relation}?$select=id&$top=${options.pageSize}`,
    (value) => {
      for (const member of value) {
        const type = member['@odata.type']
        if (
          typeof member.id === 'string' &&
          (type === undefined || type === '#microsoft.graph.user')
        )
          userIds.push(key(member.id))
      }
    },
  )
  return { rule, index, group, userIds: [...new Set(userIds)].sort() }
}

function photoData(photo: { bytes: Uint8Array; contentType: string }): PhotoData {
  let binary = ''
  for (let i = 0; i < photo.bytes.length; i += 0x8000)
    binary += String.fromCharCode(...photo.bytes.subarray(i, i + 0x8000))
  return { contentType: photo.contentType, bytes: photo.bytes.length, base64: btoa(binary) }
}
