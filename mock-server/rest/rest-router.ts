/**
 * The emulated ClearID resource services: identity v2 and v3, search (identities and teams), the
 * principal service and the role service, each at its ClearID path behind the bearer-token check.
 *
 * @module
 */
import { Hono } from 'hono'
import type { MockContext } from '../context.ts'
import { bearerAuth } from './bearer-auth.ts'
import { IDENTITY_V3_MOUNT, identityV3Routes } from './identity-list-routes.ts'
import { IDENTITY_V2_MOUNT, identityV2Routes } from './identity-routes.ts'
import { SEARCH_MOUNT, searchRoutes } from './search-routes.ts'
import {
  encodedPrincipalRoutes,
  PRINCIPAL_MOUNT,
  PRINCIPAL_SERVICE,
  principalRoutes,
} from '../principals/principal-routes.ts'
import { ROLE_MOUNT, teamRoutes } from '../teams/team-routes.ts'
import { teamSearchRoutes } from '../teams/team-search-routes.ts'

export function restRouter(ctx: MockContext): Hono {
  const app = new Hono()
  const mounts: [string, Hono][] = [
    [IDENTITY_V2_MOUNT, identityV2Routes(ctx)],
    [IDENTITY_V3_MOUNT, identityV3Routes(ctx)],
    [SEARCH_MOUNT, searchRoutes(ctx)],
    [PRINCIPAL_MOUNT, principalRoutes(ctx)],
    [ROLE_MOUNT, teamRoutes(ctx)],
    [SEARCH_MOUNT, teamSearchRoutes(ctx)],
  ]
  const authenticated = new Set<string>()
  for (const [mount, routes] of mounts) {
    // One bearer check per mount, however many route modules share it.
    if (!authenticated.has(mount)) app.use(`${mount}/*`, bearerAuth(ctx))
    authenticated.add(mount)
    app.route(mount, routes)
  }
  // Checks the token itself, once it has found the account in the encoded path.
  app.route(PRINCIPAL_SERVICE, encodedPrincipalRoutes(ctx))
  return app
}
