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
import { readSearchPage } from '../rest/search-routes.ts'
import { teamView } from './team-view.ts'

export function teamSearchRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  app.post('/teams', async (c) => {
    const { skip, take } = await readSearchPage(ctx, c)
    const teams = ctx.teams.list(c.req.param('accountId') ?? '', true)
    return c.json({
      totalItems: teams.length,
      results: teams.slice(skip, skip + take).map(teamView),
    })
  })
  return app
}
