/**
 * The JSON of teams and team members. A team is `{teamId, name, description, status, isDeleted,
 * creationDateUtc, lastModificationDateUtc}`; its first four members are what both clients read
 * (fernando-delosrios/ClearID src/model/group.ts; identity-hub `ClearIdTeam`). A member follows
 * identity-hub's `ClearIdTeamMember` (`teamId, teamName, identityId, identityName, identityEmail,
 * identityJobTitle, identityCompanyName, identityDepartmentName`) plus the membership's source and
 * period.
 *
 * @module
 */
import type { StoredIdentity } from '../../model/identity.ts'
import type { Membership, Team } from './team-store.ts'

export function teamView(team: Team): Record<string, unknown> {
  return {
    teamId: team.id,
    name: team.name,
    description: team.description,
    status: team.status,
    isDeleted: team.deleted,
    creationDateUtc: team.created,
    lastModificationDateUtc: team.lastModified,
  }
}

const text = (identity: StoredIdentity, name: string): string | null => {
  const value = identity.attributes[name]
  return typeof value === 'string' ? value : null
}

export function memberView(
  membership: Membership,
  team: Team,
  identity: StoredIdentity,
): Record<string, unknown> {
  return {
    teamId: team.id,
    teamName: team.name,
    identityId: identity.id,
    identityName: identity.displayName,
    identityEmail: text(identity, 'email'),
    identityJobTitle: text(identity, 'jobTitle'),
    identityCompanyName: text(identity, 'companyName'),
    identityDepartmentName: text(identity, 'departmentName'),
    sourceId: membership.sourceId,
    startDateTimeUtc: membership.startDateTimeUtc,
    endDateTimeUtc: membership.endDateTimeUtc,
  }
}
