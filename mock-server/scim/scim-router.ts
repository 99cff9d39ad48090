/**
 * The ClearID SCIM endpoint of one account: `/scim/v2/accounts/{accountId}`. Discovery, Users and
 * Groups, behind the SCIM surface (recording, faults, authentication: `scim-surface.ts`). A path no
 * route serves answers a SCIM 404 after the same steps.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { AppComponents } from '../components.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { discoveryRoutes } from './routes/discovery.ts'
import { groupsRoutes } from './routes/groups.ts'
import { usersRoutes } from './routes/users.ts'
import { scimSurface, type ScimSurface } from './scim-surface.ts'

export const SCIM_MOUNT = '/scim/v2/accounts/:accountId'

export function scimRouter(ctx: MockContext, components: AppComponents = {}): ScimSurface {
  const routes = new Hono()
  routes.route('/', discoveryRoutes(ctx))
  routes.route('/Users', usersRoutes(ctx, components))
  routes.route('/Groups', groupsRoutes(ctx))
  return scimSurface(ctx, routes, notAScimResource, components)
}

function notAScimResource(c: Context): never {
  throw new ApiError(
    404,
    `${c.req.method} ${new URL(c.req.url).pathname} is not a ClearID SCIM resource. Available: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas.`,
  )
}
