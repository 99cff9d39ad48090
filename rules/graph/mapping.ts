/**
 * The mappings against the users: Regex mappings match the values they transform, credential
 * mappings give cards that fit their format, and the members of groups that only map a role have
 * an identity to put in it.
 *
 * @module
 */
import { entityOf } from '../../model/graph/plan.ts'
import { defineGraphRule } from './define.ts'
import { choice, entraCredentialMappings, entraGroups, entraIdentityMappings } from './sources.ts'

export const regexMatches = defineGraphRule({
  id: 'GRAPH-MAP-002',
  level: 'MUST',
  title: 'Regex mappings match every value they transform',
  area: 'graph-mapping',
  tags: ['graph', 'mapping', 'regex'],
  sources: [
    entraIdentityMappings('Regex mappings transform an attribute’s value'),
    choice(
      "a value the pattern does not match passes unchanged, as .NET's Regex.Replace leaves it",
    ),
  ],
  fix: 'Widen the pattern to every form the attribute takes in the tenant, or clean the values in Entra ID; an unmatched value reaches ClearID untransformed.',
  judge: (view, ctx) => {
    if (!view.config.identityMappings.some((m) => m.type === 'regex'))
      return ctx.notApplicable('no Regex mapping is configured')
    for (const user of view.plan.users) {
      if (!user.synchronized) continue
      for (const miss of user.mapped.regexMisses)
        ctx.report({
          message: `${entityOf(user)}: the ${miss.field} pattern /${miss.pattern.slice(0, 60)}/ does not match ${miss.attribute} "${miss.value.slice(0, 60)}": the value passes unchanged.`,
          actual: miss.value.slice(0, 200),
        })
    }
  },
})

export const credentialValues = defineGraphRule({
  id: 'GRAPH-CRED-001',
  level: 'MUST',
  title: 'Credential attributes give cards that fit their format, with valid dates',
  area: 'graph-credentials',
  tags: ['graph', 'credentials'],
  sources: [
    entraCredentialMappings(
      'raw code, facility code and card number, or a fixed facility code; Standard 26 bits, HID H10306 34, H10302 37, H10304 37, Corporate 1000 35 and 48, CSN 32; activation and expiration dates',
    ),
  ],
  fix: 'Pick the format the cards are (a Standard 26-bit card has a facility code 0–255 and a card number 0–65535), and keep the attributes to decimal numbers (0x-hexadecimal for a raw code) and ISO 8601 dates.',
  judge: (view, ctx) => {
    if (view.config.credentialMappings.length === 0)
      return ctx.notApplicable('no credential mapping is configured')
    for (const user of view.plan.users) {
      if (!user.synchronized) continue
      for (const problem of user.mapped.credentialProblems)
        ctx.report({ message: `${entityOf(user)}: ${problem}` })
    }
  },
})

export const roleMembersHaveIdentities = defineGraphRule({
  id: 'GRAPH-ROLE-001',
  level: 'SHOULD',
  title: 'Members of groups that map a role only have an identity from another source',
  area: 'graph-roles',
  tags: ['graph', 'groups', 'roles'],
  sources: [
    entraGroups('mapping members to a ClearID role gives role membership only, no identity data'),
    choice('a role member without an identity (found by External ID) is logged and left out'),
  ],
  fix: 'Also synchronize the group (syncIdentities: true), or make sure those users get identities another way (a group that syncs identities, SCIM, REST); disabled users are often in no synchronized group.',
  judge: (view, ctx) => {
    if (!view.config.groups.some((g) => g.role !== undefined))
      return ctx.notApplicable('no group maps a role')
    for (const user of view.plan.users) {
      if (user.synchronized) continue
      ctx.report({
        message: `${entityOf(user)} is in ${user.roles.join(', ')} but in no group this configuration synchronizes: the role is given only if another source made its identity.`,
      })
    }
  },
})
