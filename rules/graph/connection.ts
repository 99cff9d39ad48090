/**
 * The connection: the app registration holds the Application permissions ClearID's Entra ID
 * synchronization needs, and the groups and attributes the configuration names exist.
 *
 * @module
 */
import { compileMappings } from '../../model/graph/map-user.ts'
import type { GraphSyncConfig } from '../../model/graph/config.ts'
import { defineGraphRule } from './define.ts'
import { aboutEntraSync, choice, entraGroups, graphDoc } from './sources.ts'

/** Each read and the permissions that grant it (least privileged first), as Graph lists them. */
const NEEDS: readonly {
  what: string
  roles: readonly string[]
  when: 'always' | 'groups' | 'extensions'
}[] = [
  {
    what: 'users',
    roles: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
    when: 'always',
  },
  {
    what: 'groups and their members',
    roles: ['Group.Read.All', 'GroupMember.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All'],
    when: 'groups',
  },
  {
    what: 'directory extension attributes',
    roles: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'],
    when: 'extensions',
  },
]

const mappedExtensions = (config: GraphSyncConfig) => compileMappings(config).extensions

export const permissions = defineGraphRule({
  id: 'GRAPH-CONN-001',
  level: 'MUST',
  title: 'The app registration holds the Application permissions the synchronization reads with',
  area: 'graph-connection',
  tags: ['graph', 'connection', 'permissions'],
  sources: [
    aboutEntraSync(
      'only Application permissions work: User.Read.All, Group.Read.All, Application.Read.All (directory extension attributes)',
    ),
  ],
  fix: 'In Entra ID, give the app registration the Application (not Delegated) permissions User.Read.All, Group.Read.All and Application.Read.All, and grant admin consent.',
  judge: (view, ctx) => {
    if (view.roles === undefined)
      return ctx.notApplicable('read from an export file: no token was used')
    const extensions = mappedExtensions(view.config).length > 0
    for (const need of NEEDS) {
      if (need.when === 'groups' && view.config.groups.length === 0) continue
      if (need.when === 'extensions' && !extensions) continue
      if (need.roles.some((role) => view.roles?.includes(role))) continue
      ctx.report({
        message: `The token grants none of ${need.roles.join(', ')}: Graph refuses to list ${need.what}.`,
        expected: need.roles[0],
        actual: view.roles,
      })
    }
  },
})

export const groupsFound = defineGraphRule({
  id: 'GRAPH-GRP-001',
  level: 'MUST',
  title: 'Every configured group exists, under exactly one name',
  area: 'graph-groups',
  tags: ['graph', 'groups'],
  sources: [
    entraGroups('a group is picked in the tenant, then mapped to a role and/or synchronized'),
    choice('a group named by display name must name exactly one group; an object id is exact'),
  ],
  fix: 'Name each group by its object id (Entra admin center, Groups > the group > Object ID), or by a display name no other group has.',
  judge: (view, ctx) => {
    if (view.config.groups.length === 0)
      return ctx.notApplicable('the configuration names no group')
    for (const group of view.snapshot.groups)
      if (group.problem !== undefined)
        ctx.report({ message: group.problem, actual: group.rule.group })
  },
})

export const identitiesFromGroups = defineGraphRule({
  id: 'GRAPH-GRP-002',
  level: 'SHOULD',
  title: 'A group synchronizes identities, or the configuration synchronizes every user',
  area: 'graph-groups',
  tags: ['graph', 'groups'],
  sources: [
    entraGroups('members of a group set to sync to identities become ClearID identities'),
    choice('with options.users: groups (the default) only members of such groups are synchronized'),
  ],
  fix: 'Set syncIdentities: true on the group whose members should become identities, or options.users: all.',
  judge: (view, ctx) => {
    if (view.config.options.users === 'all') return
    if (view.config.groups.some((g) => g.syncIdentities)) return
    ctx.report({
      message:
        'No group synchronizes identities and options.users is groups: ClearID would create or update no identity, only role memberships.',
    })
  },
})

export const extensionsKnown = defineGraphRule({
  id: 'GRAPH-MAP-001',
  level: 'MUST',
  title: 'Every mapped directory extension attribute exists in the tenant',
  area: 'graph-mapping',
  tags: ['graph', 'mapping', 'extensions'],
  sources: [
    aboutEntraSync('Application.Read.All reads the directory extension attributes'),
    graphDoc(
      'directoryObject: getAvailableExtensionProperties',
      'https://learn.microsoft.com/en-us/graph/api/directoryobject-getavailableextensionproperties',
      'lists the directory extension properties registered in the tenant',
    ),
  ],
  fix: 'Copy the attribute name from the tenant (extension_{app id without dashes}_{name}); an extension of another app registration has that app’s id in its name.',
  judge: (view, ctx) => {
    if (mappedExtensions(view.config).length === 0)
      return ctx.notApplicable('no mapping reads a directory extension attribute')
    for (const name of view.snapshot.unknownAttributes)
      ctx.report({
        message: `${name} is mapped, but no app of the tenant lists it: the synchronization does not read it.`,
        actual: name,
      })
  },
})
