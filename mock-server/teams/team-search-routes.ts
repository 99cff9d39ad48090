/**
 * Search service, teams: `POST /searchservice/api/v1/accounts/{accountId}/teams` with `{skip,
 * take}` answers `{totalItems, results}` in creation order, deleted teams included with
 * `isDeleted: true`, as the identity search does. The SailPoint connector pages through it until
 * it has `totalItems` and skips deleted teams (fernando-delosrios/ClearID, src/http-client.ts
 * `getRoles`, src/index.ts).
 *
 * @module
 */
import { Hono } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { boundedInteger, readRestBody } from '../rest/rest-body.ts'
import { MAX_TAKE } from '../rest/search-routes.ts'
import { teamView } from './team-view.ts'

export function teamSearchRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  app.post('/teams', async (c) => {
    const body = await readRestBody(ctx, c)
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ApiError(
        400,
        'The search body must be a JSON object such as {"skip":0,"take":100}.',
      )
    }
    const query = body as Record<string, unknown>
    const skip = boundedInteger('skip', query.skip, 0, 0, Number.MAX_SAFE_INTEGER)
    const take = boundedInteger('take', query.take, MAX_TAKE, 0, MAX_TAKE)
    const teams = ctx.teams.list(c.req.param('accountId') ?? '', true)
    return c.json({
      totalItems: teams.length,
      results: teams.slice(skip, skip + take).map(teamView),
    })
  })
  return app
}
