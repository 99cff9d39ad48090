/**
 * Graph export files: what a team saves from its own tenant (or from the fake, `GET …/export`) and
 * loads into a fake tenant. The shape is Graph's own:
 *
 * ```json
 * {
 *   "users": [{ "id": "…", "userPrincipalName": "…", "manager": { "id": "…" }, … }],
 *   "groups": [{ "id": "…", "displayName": "…", "members": [{ "@odata.type": "#microsoft.graph.user", "id": "…" }] }],
 *   "memberships": { "<group id>": ["<member id>", …] },
 *   "managers": { "<user id>": "<manager id>" },
 *   "extensions": [{ "name": "extension_<appId>_<name>", "dataType": "String" }]
 * }
 * ```
 *
 * `users` and `groups` may also be a Graph page (`{"value": [...]}`) or a list of pages, as saved
 * from `GET /users?$select=…&$expand=manager($select=id)` and `GET /groups?$expand=members($select=id)`.
 * Properties the fake does not keep are skipped and reported; members that are not users or groups
 * (devices, service principals) and links to objects outside the file are skipped and counted.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { GUID } from './graph-objects.ts'
import type { GraphTenant } from './graph-tenant.ts'
import { checkUserPrincipalName, readProps, type GraphProps } from './graph-values.ts'

export const MAX_EXPORT_OBJECTS = 50_000

export interface ExportExtension {
  readonly name: string
  readonly dataType?: string
  readonly appDisplayName?: string
  readonly isMultiValued?: boolean
}

export interface ParsedExport {
  readonly users: readonly GraphProps[]
  readonly groups: readonly GraphProps[]
  /** (group id, member id) */
  readonly memberships: readonly (readonly [string, string])[]
  /** (user id, manager id) */
  readonly managers: readonly (readonly [string, string])[]
  readonly extensions: readonly ExportExtension[]
  /** Property names skipped because the fake does not keep them. */
  readonly ignoredProperties: readonly string[]
  /** Members that are neither users nor groups. */
  readonly skippedMembers: number
}

export interface LoadSummary {
  readonly users: number
  readonly groups: number
  readonly memberships: number
  readonly managers: number
  readonly extensions: number
  readonly ignoredProperties: readonly string[]
  readonly skipped: { readonly members: number; readonly managers: number }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function invalid(path: string, message: string): ApiError {
  return new ApiError(400, `${path}: ${message}`, { errors: { [path]: [message] } })
}

/** Items of a collection: an array, a Graph page `{value}`, or an array of pages. */
function collection(value: unknown, path: string): unknown[] {
  if (value === undefined) return []
  if (isObject(value) && Array.isArray(value.value)) return value.value
  if (!Array.isArray(value))
    throw invalid(path, 'must be an array or a Graph page {"value": [...]}.')
  const pages = value.length > 0 && value.every((v) => isObject(v) && Array.isArray(v.value))
  return pages ? value.flatMap((page) => (page as { value: unknown[] }).value) : value
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (isObject(value) && typeof value.id === 'string') return value.id
  return undefined
}

/** Member entries that are not users or groups (by `@odata.type`) are left out. */
function isUserOrGroup(value: unknown): boolean {
  if (!isObject(value) || typeof value['@odata.type'] !== 'string') return true
  return /^#microsoft\.graph\.(user|group)$/.test(value['@odata.type'])
}

export function parseGraphExport(json: unknown): ParsedExport {
  if (!isObject(json)) {
    throw invalid('export', 'must be a JSON object with "users" (and "groups", "memberships").')
  }
  const ignored = new Set<string>()
  const memberships: [string, string][] = []
  const managers: [string, string][] = []
  let skippedMembers = 0
  const rawUsers = collection(json.users, 'users')
  const rawGroups = collection(json.groups, 'groups')
  if (rawUsers.length + rawGroups.length > MAX_EXPORT_OBJECTS) {
    throw invalid('export', `holds more than ${MAX_EXPORT_OBJECTS} users and groups.`)
  }
  const read = (type: 'user' | 'group', raw: unknown, path: string): GraphProps => {
    const { props, ignored: skipped } = readProps(type, raw, {
      unknown: 'collect',
      path,
      keepReadOnly: true,
    })
    for (const name of skipped) if (name !== 'manager' && name !== 'members') ignored.add(name)
    return props
  }
  const users = rawUsers.map((raw, i) => {
    const props = read('user', raw, `users[${i}]`)
    checkUserPrincipalName(`users[${i}].userPrincipalName`, props.userPrincipalName)
    const manager = isObject(raw) ? idOf(raw.manager) : undefined
    if (manager !== undefined && typeof props.id === 'string') managers.push([props.id, manager])
    return props
  })
  const groups = rawGroups.map((raw, i) => {
    const props = read('group', raw, `groups[${i}]`)
    const members = isObject(raw) ? collection(raw.members, `groups[${i}].members`) : []
    for (const member of members) {
      const id = idOf(member)
      if (!isUserOrGroup(member) || id === undefined) skippedMembers++
      else if (typeof props.id === 'string') memberships.push([props.id, id])
    }
    return props
  })
  if (json.memberships !== undefined) {
    if (!isObject(json.memberships)) {
      throw invalid('memberships', 'must be an object of group id → array of member ids.')
    }
    for (const [group, members] of Object.entries(json.memberships)) {
      for (const member of collection(members, `memberships.${group}`)) {
        const id = idOf(member)
        if (!isUserOrGroup(member) || id === undefined) skippedMembers++
        else memberships.push([group, id])
      }
    }
  }
  if (json.managers !== undefined) {
    if (!isObject(json.managers))
      throw invalid('managers', 'must be an object of user id → manager id.')
    for (const [user, manager] of Object.entries(json.managers)) {
      const id = idOf(manager)
      if (id !== undefined) managers.push([user, id])
    }
  }
  return {
    users,
    groups,
    memberships,
    managers,
    extensions: extensionsOf(json.extensions),
    ignoredProperties: [...ignored].sort(),
    skippedMembers,
  }
}

function extensionsOf(value: unknown): ExportExtension[] {
  return collection(value, 'extensions').map((raw, i) => {
    if (!isObject(raw) || typeof raw.name !== 'string') {
      throw invalid(`extensions[${i}]`, 'needs a "name" such as extension_<appId>_<name>.')
    }
    return {
      name: raw.name,
      ...(typeof raw.dataType === 'string' ? { dataType: raw.dataType } : {}),
      ...(typeof raw.appDisplayName === 'string' ? { appDisplayName: raw.appDisplayName } : {}),
      ...(typeof raw.isMultiValued === 'boolean' ? { isMultiValued: raw.isMultiValued } : {}),
    }
  })
}

/** Checks what the tenant would refuse before anything changes: the load is all or nothing. */
export function checkConsistent(parsed: ParsedExport): void {
  const ids = new Set<string>()
  const upns = new Set<string>()
  const claim = (path: string, id: unknown) => {
    if (id === undefined) return
    if (typeof id !== 'string' || !GUID.test(id)) throw invalid(`${path}.id`, 'must be a GUID.')
    if (ids.has(id.toLowerCase())) throw invalid(`${path}.id`, `"${id}" appears twice.`)
    ids.add(id.toLowerCase())
  }
  parsed.users.forEach((user, i) => {
    claim(`users[${i}]`, user.id)
    const upn = String(user.userPrincipalName).toLowerCase()
    if (upns.has(upn)) throw invalid(`users[${i}].userPrincipalName`, `"${upn}" appears twice.`)
    upns.add(upn)
  })
  parsed.groups.forEach((group, i) => {
    claim(`groups[${i}]`, group.id)
    if (typeof group.displayName !== 'string' || group.displayName === '') {
      throw invalid(`groups[${i}].displayName`, 'is required.')
    }
  })
}

/** Replaces the tenant's users, groups, memberships and managers with the export's. */
export function loadExport(tenant: GraphTenant, parsed: ParsedExport): LoadSummary {
  checkConsistent(parsed)
  tenant.clear()
  for (const extension of parsed.extensions) tenant.extensions.define(extension.name, extension)
  parsed.users.forEach((props, i) => tenant.createUser(props, `users[${i}]`))
  parsed.groups.forEach((props, i) => tenant.createGroup(props, `groups[${i}]`))
  let memberships = 0
  let skippedMembers = parsed.skippedMembers
  for (const [group, member] of parsed.memberships) {
    if (!tenant.groups.has(group) || !(tenant.users.has(member) || tenant.groups.has(member))) {
      skippedMembers++
      continue
    }
    if (group.toLowerCase() === member.toLowerCase()) {
      skippedMembers++
      continue
    }
    tenant.addMember(group, member)
    memberships++
  }
  let managers = 0
  let skippedManagers = 0
  for (const [user, manager] of parsed.managers) {
    if (!tenant.users.has(user) || !tenant.users.has(manager) || user === manager) {
      skippedManagers++
      continue
    }
    tenant.setManager(user, manager)
    managers++
  }
  return {
    users: parsed.users.length,
    groups: parsed.groups.length,
    memberships,
    managers,
    extensions: tenant.extensions.list().length,
    ignoredProperties: parsed.ignoredProperties,
    skipped: { members: skippedMembers, managers: skippedManagers },
  }
}

/** The tenant as an export file: loads back into a tenant unchanged. */
export function exportTenant(tenant: GraphTenant): Record<string, unknown> {
  const memberships: Record<string, string[]> = {}
  for (const [group, member] of tenant.memberships()) (memberships[group] ??= []).push(member)
  return {
    tenant: { id: tenant.id, displayName: tenant.displayName, domains: tenant.domains },
    users: tenant.users.sorted().map((user) => user.props),
    groups: tenant.groups.sorted().map((group) => group.props),
    memberships,
    managers: Object.fromEntries(tenant.managers()),
    extensions: tenant.extensions
      .list()
      .map(({ name, dataType, appDisplayName, isMultiValued }) => ({
        name,
        dataType,
        appDisplayName,
        isMultiValued,
      })),
  }
}
