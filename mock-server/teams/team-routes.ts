/**
 * Role service v3 (ClearID's teams, which its portal calls roles):
 * `/roleservice/api/v3/accounts/{accountId}`. The calls of the SailPoint connector
 * (fernando-delosrios/ClearID, src/http-client.ts): `GET teams/{id}`, `GET identities/{id}/teams`
 * (read as `{teams: [{teamId}]}`), `POST teams/{id}/members` and `DELETE teams/{id}/members`; plus
 * creating, listing and deleting teams, and listing a team's members (identity-hub's
 * `{teamMembers}` with `count` and `searchText`), so a test can set teams up without a portal.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { liveIdentity } from '../rest/live-identity.ts'
import { queryValue } from '../rest/query-params.ts'
import { boundedInteger, readRestBody } from '../rest/rest-body.ts'
import { readAddMembers, readRemoveMembers, readTeam } from './team-body.ts'
import { MAX_TEAMS_PER_ACCOUNT, type Membership, type Team } from './team-store.ts'
import { memberView, teamView } from './team-view.ts'

export const ROLE_MOUNT = '/roleservice/api/v3/accounts/:accountId'

/** Members listed at most per call (`count`). */
export const MAX_MEMBER_COUNT = 1000

export function teamRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  const teamOf = (c: Context) => liveTeam(ctx, account(c), c.req.param('teamId') ?? '')

  app.get('/teams', (c) => c.json({ teams: ctx.teams.list(account(c), false).map(teamView) }))

  app.post('/teams', async (c) => {
    const input = readTeam(await readRestBody(ctx, c))
    if (ctx.teams.isFull(account(c))) {
      throw new ApiError(
        409,
        `An account holds at most ${MAX_TEAMS_PER_ACCOUNT} teams in the mock.`,
      )
    }
    const now = ctx.clock().toISOString()
    const team: Team = {
      id: ctx.ids(),
      accountId: account(c),
      ...input,
      created: now,
      lastModified: now,
      deleted: false,
    }
    ctx.teams.insert(team)
    return c.json(teamView(team), 201, { Location: `${c.req.path.replace(/\/$/, '')}/${team.id}` })
  })

  app.get('/teams/:teamId', (c) => c.json(teamView(teamOf(c))))

  app.delete('/teams/:teamId', (c) => {
    ctx.teams.markDeleted(teamOf(c), ctx.clock().toISOString())
    return c.body(null, 204)
  })

  app.get('/teams/:teamId/members', (c) => {
    const team = teamOf(c)
    const count = boundedInteger(
      'count',
      queryValue(c, 'count'),
      MAX_MEMBER_COUNT,
      1,
      MAX_MEMBER_COUNT,
    )
    const search = queryValue(c, 'searchText')?.trim().toLowerCase() ?? ''
    const members = views(ctx, team, ctx.teams.membersOf(team.accountId, team.id)).filter(
      (view) => search === '' || matches(view, search),
    )
    return c.json({ teamMembers: members.slice(0, count) })
  })

  app.post('/teams/:teamId/members', async (c) => {
    const input = readAddMembers(await readRestBody(ctx, c))
    // Body first: the checks and the write below run in one synchronous step.
    const team = teamOf(c)
    const unknown = input.identityIds.filter((id) => {
      const identity = ctx.store.get(team.accountId, id)
      return !identity || identity.deleted
    })
    if (unknown.length > 0) {
      const listed = unknown
        .slice(0, 10)
        .map((id) => `"${id.slice(0, 100)}"`)
        .join(', ')
      throw new ApiError(
        400,
        `identityIds: no live identity with id ${listed} in this account; nothing was added.`,
        {
          errors: { identityIds: [`Unknown identities: ${listed}.`] },
        },
      )
    }
    const addedUtc = ctx.clock().toISOString()
    ctx.teams.add(
      team.accountId,
      input.identityIds.map((identityId) => ({
        teamId: team.id,
        identityId,
        sourceId: input.sourceId,
        startDateTimeUtc: input.startDateTimeUtc,
        endDateTimeUtc: input.endDateTimeUtc,
        reason: input.reason,
        addedUtc,
      })),
    )
    return c.body(null, 204)
  })

  app.delete('/teams/:teamId/members', async (c) => {
    const input = readRemoveMembers(await readRestBody(ctx, c))
    const team = teamOf(c)
    // Removing a member that is not there changes nothing and is not an error: the end state holds.
    for (const { identityId, sourceId } of input.members) {
      ctx.teams.remove(team.accountId, team.id, identityId, sourceId)
    }
    return c.body(null, 204)
  })

  app.get('/identities/:identityId/teams', (c) => {
    const identity = liveIdentity(ctx, account(c), c.req.param('identityId'))
    const teams = ctx.teams
      .teamsOf(identity.accountId, identity.id)
      .map((membership) =>
        memberView(membership, liveTeam(ctx, identity.accountId, membership.teamId), identity),
      )
    return c.json({ teams })
  })
  return app
}

function liveTeam(ctx: MockContext, accountId: string, id: string): Team {
  const team = ctx.teams.get(accountId, id)
  if (!team || team.deleted) {
    throw new ApiError(
      404,
      `No team with id "${id.slice(0, 100)}" exists in account "${accountId.slice(0, 64)}".`,
    )
  }
  return team
}

/** Views of the memberships whose identity is still live. */
function views(ctx: MockContext, team: Team, memberships: readonly Membership[]) {
  return memberships.flatMap((membership) => {
    const identity = ctx.store.get(team.accountId, membership.identityId)
    return identity && !identity.deleted ? [memberView(membership, team, identity)] : []
  })
}

function matches(view: Record<string, unknown>, search: string): boolean {
  return [view.identityName, view.identityEmail].some(
    (value) => typeof value === 'string' && value.toLowerCase().includes(search),
  )
}
