/**
 * The emulated ClearID resource services: identity v2 and v3 and search, each at its ClearID path
 * and each behind the bearer-token check.
 *
 * @module
 */
import { Hono } from 'hono'
import type { MockContext } from '../context.ts'
import { bearerAuth } from './bearer-auth.ts'
import { IDENTITY_V3_MOUNT, identityV3Routes } from './identity-list-routes.ts'
import { IDENTITY_V2_MOUNT, identityV2Routes } from './identity-routes.ts'
import { SEARCH_MOUNT, searchRoutes } from './search-routes.ts'

export function restRouter(ctx: MockContext): Hono {
  const app = new Hono()
  const mounts: [string, Hono][] = [
    [IDENTITY_V2_MOUNT, identityV2Routes(ctx)],
    [IDENTITY_V3_MOUNT, identityV3Routes(ctx)],
    [SEARCH_MOUNT, searchRoutes(ctx)],
  ]
  for (const [mount, routes] of mounts) {
    app.use(`${mount}/*`, bearerAuth(ctx))
    app.route(mount, routes)
  }
  return app
}
