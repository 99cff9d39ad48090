/**
 * ClearID's teams (roles) per account and their members. A membership is an identity in a team
 * from a source (`sourceId`; `TeamService` for a manual assignment, as the SailPoint connector
 * sends it), optionally for a period. Deleting a team is a soft delete: the search service still
 * lists it with `isDeleted: true`, as it does identities; its memberships go. A deleted identity
 * leaves every team. With kept state (`persistence/`), every change goes to the journal as the
 * team or the one membership it touched.
 *
 * @module
 */
import type { IdentityEvents } from '../events.ts'
import type {
  KeptMembership,
  KeptTeam,
  StateRecord,
  StateSink,
} from '../persistence/state-record.ts'

export type TeamStatus = KeptTeam['status']

/** A team: the shape is the kept record's (`persistence/state-record.ts`), so nothing is mapped. */
export type Team = KeptTeam

/** A membership, likewise. */
export type Membership = KeptMembership

/** The source of a manual assignment, and the default when a request names none. */
export const DEFAULT_SOURCE = 'TeamService'

/** Teams kept per account (deleted ones included); a mock needs no more. */
export const MAX_TEAMS_PER_ACCOUNT = 10_000

interface AccountTeams {
  /** Insertion order is creation order. */
  readonly teams: Map<string, Team>
  /** Team id to its memberships, keyed by identity id and source. */
  readonly members: Map<string, Map<string, Membership>>
}

const memberKey = (identityId: string, sourceId: string) => `${identityId}\u0000${sourceId}`

export class TeamStore {
  readonly #accounts = new Map<string, AccountTeams>()
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined

  constructor(events: IdentityEvents) {
    events.subscribe((event) => {
      if (event.type === 'IdentityDeleted') this.#leaveAll(event.accountId, event.identity.id)
    })
  }

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  #account(accountId: string): AccountTeams {
    let data = this.#accounts.get(accountId)
    if (!data) this.#accounts.set(accountId, (data = { teams: new Map(), members: new Map() }))
    return data
  }

  /** Throws nothing; the caller checks `isFull` first. */
  insert(team: Team): void {
    this.restoreTeam(team)
    this.#sink?.({ type: 'team', team: { ...team } })
  }

  isFull(accountId: string): boolean {
    return (this.#accounts.get(accountId)?.teams.size ?? 0) >= MAX_TEAMS_PER_ACCOUNT
  }

  /** By id, deleted teams included. */
  get(accountId: string, id: string): Team | undefined {
    return this.#accounts.get(accountId)?.teams.get(id)
  }

  /** In creation order. */
  list(accountId: string, includeDeleted: boolean): Team[] {
    const teams = [...(this.#accounts.get(accountId)?.teams.values() ?? [])]
    return includeDeleted ? teams : teams.filter((team) => !team.deleted)
  }

  markDeleted(team: Team, at: string): void {
    team.deleted = true
    team.lastModified = at
    this.#accounts.get(team.accountId)?.members.delete(team.id)
    this.#sink?.({ type: 'team', team: { ...team } })
  }

  /** Adds the memberships, replacing one of the same identity and source. */
  add(accountId: string, memberships: readonly Membership[]): void {
    for (const membership of memberships) {
      this.restoreMember(accountId, membership)
      this.#sink?.({ type: 'team-member', accountId, membership })
    }
  }

  /** Removes the identity's membership from that source; false when there was none. */
  remove(accountId: string, teamId: string, identityId: string, sourceId: string): boolean {
    const removed = this.restoreRemoval(accountId, teamId, identityId, sourceId)
    if (removed)
      this.#sink?.({ type: 'team-member-removed', accountId, teamId, identityId, sourceId })
    return removed
  }

  membersOf(accountId: string, teamId: string): Membership[] {
    return [...(this.#accounts.get(accountId)?.members.get(teamId)?.values() ?? [])]
  }

  /** The identity's memberships of live teams, in team creation order. */
  teamsOf(accountId: string, identityId: string): Membership[] {
    const data = this.#accounts.get(accountId)
    if (!data) return []
    const out: Membership[] = []
    for (const team of data.teams.values()) {
      if (team.deleted) continue
      for (const membership of data.members.get(team.id)?.values() ?? []) {
        if (membership.identityId === identityId) out.push(membership)
      }
    }
    return out
  }

  /** The account's identities were cleared: every membership goes, the teams stay. */
  clearMembers(accountId: string): void {
    this.restoreClear(accountId)
    this.#sink?.({ type: 'team-members-cleared', accountId })
  }

  #leaveAll(accountId: string, identityId: string): void {
    for (const members of this.#accounts.get(accountId)?.members.values() ?? []) {
      for (const membership of [...members.values()]) {
        if (membership.identityId === identityId)
          this.remove(accountId, membership.teamId, identityId, membership.sourceId)
      }
    }
  }

  // Restoring kept state (`persistence/restore-state.ts`): the changes again, not journaled.

  restoreTeam(team: Team): void {
    this.#account(team.accountId).teams.set(team.id, team)
    if (team.deleted) this.#accounts.get(team.accountId)?.members.delete(team.id)
  }

  restoreMember(accountId: string, membership: Membership): void {
    const data = this.#account(accountId)
    let members = data.members.get(membership.teamId)
    if (!members) data.members.set(membership.teamId, (members = new Map()))
    members.set(memberKey(membership.identityId, membership.sourceId), membership)
  }

  restoreRemoval(accountId: string, teamId: string, identityId: string, sourceId: string): boolean {
    const members = this.#accounts.get(accountId)?.members.get(teamId)
    return members?.delete(memberKey(identityId, sourceId)) ?? false
  }

  restoreClear(accountId: string): void {
    this.#accounts.get(accountId)?.members.clear()
  }

  /** Every team and membership as records, for a snapshot. */
  keptRecords(): StateRecord[] {
    const records: StateRecord[] = []
    for (const [accountId, data] of this.#accounts) {
      for (const team of data.teams.values()) records.push({ type: 'team', team: { ...team } })
      for (const members of data.members.values())
        for (const membership of members.values())
          records.push({ type: 'team-member', accountId, membership })
    }
    return records
  }
}
