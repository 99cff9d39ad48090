/**
 * The identity each synchronized user makes: an External ID that is present and unique, and the
 * identity rules the model shares with SCIM and Cloud CSV (`model/validate.ts`): first or last
 * name, e-mail format, three-letter country code; and the mapped values read as their field's
 * type.
 *
 * @module
 */
import { entityOf, type PlannedUser } from '../../model/graph/plan.ts'
import type { IdentityIssueRule } from '../../model/sync/mapped-identity.ts'
import { defineGraphRule, type GraphRule } from './define.ts'
import { choice, entraIdentityMappings, oneIdentityFields, seedRule } from './sources.ts'

const synchronized = (users: readonly PlannedUser[]) => users.filter((u) => u.synchronized)

function issueRule(spec: {
  id: string
  level: 'MUST' | 'SHOULD'
  title: string
  rules: readonly IdentityIssueRule[]
  field?: string
  sources: GraphRule['sources']
  fix: string
  tags?: readonly string[]
}): GraphRule {
  return defineGraphRule({
    id: spec.id,
    level: spec.level,
    title: spec.title,
    area: 'graph-identity',
    tags: ['graph', 'identity', ...(spec.tags ?? ['validation'])],
    sources: spec.sources,
    fix: spec.fix,
    judge: (view, ctx) => {
      for (const user of synchronized(view.plan.users))
        for (const issue of user.mapped.identity.issues) {
          if (!spec.rules.includes(issue.rule)) continue
          if (spec.field !== undefined && issue.field !== spec.field) continue
          if (spec.field === undefined && issue.field === 'externalId') continue
          ctx.report({
            ...(issue.severity === 'warning' && { severity: 'warning' }),
            message: `${entityOf(user)}: ${issue.message}`,
          })
        }
    },
  })
}

export const externalIdPresent = issueRule({
  id: 'GRAPH-ID-001',
  level: 'MUST',
  title: 'Every synchronized user has an External ID',
  rules: ['required'],
  field: 'externalId',
  tags: ['external-id'],
  sources: [
    entraIdentityMappings('External ID is one of the default mappings'),
    seedRule('externalId is required and must be unique; it is the synchronization key'),
  ],
  fix: 'Map External ID from an attribute every user has: the object id (id, the default) never changes; employeeId or mail are empty for some users.',
})

export const externalIdUnique = defineGraphRule({
  id: 'GRAPH-ID-002',
  level: 'MUST',
  title: 'External IDs are unique among the synchronized users',
  area: 'graph-identity',
  tags: ['graph', 'identity', 'external-id'],
  sources: [
    seedRule('externalId is required and must be unique'),
    choice(
      'of two users with one External ID, the first in object id order is synchronized, the other refused',
    ),
  ],
  fix: 'Map External ID from an attribute that is unique in the tenant (the object id is), or clean the duplicates in Entra ID.',
  judge: (view, ctx) => {
    for (const user of synchronized(view.plan.users))
      if (user.duplicateOf !== undefined)
        ctx.report({
          message: `${entityOf(user)}: External ID "${user.mapped.identity.externalId?.slice(0, 60)}" is also user ${user.duplicateOf}'s, which is synchronized instead.`,
        })
  },
})

export const firstOrLastName = issueRule({
  id: 'GRAPH-ID-003',
  level: 'MUST',
  title: 'Every synchronized user gives a first name or a last name',
  rules: ['firstOrLastName'],
  sources: [seedRule('firstName or lastName must be supplied')],
  fix: 'Map First name from givenName and Last name from surname; users without either (service accounts, rooms) belong outside the synchronized groups.',
})

export const emailFormat = issueRule({
  id: 'GRAPH-ID-004',
  level: 'MUST',
  title: 'E-mail addresses (business and personal) are valid',
  rules: ['email'],
  sources: [seedRule('email must be a valid e-mail address')],
  fix: 'Map Business email from mail (or userPrincipalName when it is a routable address), or fix the addresses in Entra ID; a Regex mapping can rewrite them.',
})

export const countryCodeLetters = issueRule({
  id: 'GRAPH-ID-005',
  level: 'MUST',
  title: 'Country codes are three letters',
  rules: ['countryCode'],
  sources: [
    seedRule('countryCode must be a 3-letter code; a constant value is recommended for now'),
  ],
  fix: 'Entra ID keeps a country as free text (country) or two letters (usageLocation): map Country code as a Fixed value ("USA"), as ClearID recommends, or with a Regex that gives the alpha-3 code.',
})

export const countryCodeIso = issueRule({
  id: 'GRAPH-ID-006',
  level: 'SHOULD',
  title: 'Country codes are upper-case ISO 3166-1 alpha-3 codes',
  rules: ['countryCodeIso'],
  sources: [oneIdentityFields('country code: three UPPERCASE letters, ISO 3166-1 alpha-3')],
  fix: 'Use upper-case ISO 3166-1 alpha-3 codes ("DEU", not "deu" or "GER").',
})

export const readableValues = issueRule({
  id: 'GRAPH-VAL-001',
  level: 'MUST',
  title: 'Mapped values read as their field’s type (true/false, Active/Inactive, dates, pictures)',
  rules: ['boolean', 'status', 'date', 'picture'],
  tags: ['values'],
  sources: [
    entraIdentityMappings('Fixed mappings set a constant, for example Active always true'),
    choice('booleans and the status read true/false, 1/0, yes/no, Active/Inactive; dates ISO 8601'),
  ],
  fix: 'Map boolean fields and Active from boolean attributes (accountEnabled) or a Fixed value; dates from date attributes (employeeHireDate).',
})
