/**
 * The ClearID SCIM endpoint of one account: `/scim/v2/accounts/{accountId}`. Authentication first,
 * then discovery, Users and Groups. Unknown paths answer a SCIM 404.
 *
 * @module
 */
import { Hono } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { discoveryRoutes } from './routes/discovery.ts'
import { groupsRoutes } from './routes/groups.ts'
import { usersRoutes } from './routes/users.ts'
import { scimAuth } from './scim-auth.ts'
import { defectWire } from '../defects/wire-defects.ts'

export const SCIM_MOUNT = '/scim/v2/accounts/:accountId'

export function scimRouter(ctx: MockContext): Hono {
  const app = new Hono()
  const defects = defectWire(ctx)
  if (defects) app.use('*', defects) // Defect switch (harness sensitivity): wire-level defects
  app.use('*', scimAuth(ctx))
  app.route('/', discoveryRoutes(ctx))
  app.route('/Users', usersRoutes(ctx))
  app.route('/Groups', groupsRoutes(ctx))
  app.all('*', (c) => {
    throw new ApiError(
      404,
      `${c.req.method} ${new URL(c.req.url).pathname} is not a ClearID SCIM resource. Available: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas.`,
    )
  })
  return app
}
