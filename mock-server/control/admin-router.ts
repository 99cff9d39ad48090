/**
 * The mock's control plane under `/_admin/`: not part of the emulated ClearID API, protected by
 * its own admin token. Accounts, SCIM keys and resets, seeding, API integrations, webhooks, identity
 * requests, the request log, and the fake Graph source's tenants.
 *
 * @module
 */
import { Hono } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { bodyLimitMiddleware, bodyLimitOf } from '../http/read-body.ts'
import { clientVerificationAdminRoutes } from '../traffic/admin-routes.ts'
import { graphAdminRoutes, isGraphPhotoRoute } from '../graph/graph-admin-routes.ts'
import { identityRequestRoutes } from '../identity-requests/identity-request-routes.ts'
import { webhookRoutes } from '../webhooks/webhook-routes.ts'
import { accountRoutes, identityAdminRoutes, scimAdminRoutes } from './account-routes.ts'
import { csvRoutes, isCsvFileRoute } from '../csv/csv-routes.ts'
import { graphSyncRoutes } from '../graph-sync/graph-sync-routes.ts'
import { adminAuth } from './admin-auth.ts'
import { integrationRoutes } from './integration-routes.ts'

export const ADMIN_MOUNT = '/_admin'

export function adminRouter(ctx: MockContext, adminToken: string): Hono {
  const app = new Hono()
  // The body limit before the token check: an oversized body gets 413 as it arrives.
  const bodyLimit = bodyLimitMiddleware(() => bodyLimitOf(ctx.behaviour))
  // CSV uploads and templates, and Graph users' photos, read their own body, as bytes within
  // their own limit (mock-server/csv, mock-server/graph).
  app.use('*', (c, next) =>
    isCsvFileRoute(c.req.path) || isGraphPhotoRoute(c.req.path) ? next() : bodyLimit(c, next),
  )
  app.use('*', adminAuth(adminToken))
  app.use('/accounts/:accountId/*', async (c, next) => {
    const id = c.req.param('accountId')
    if (!ctx.accounts.get(id))
      throw new ApiError(404, `Account "${id.slice(0, 64)}" does not exist.`)
    await next()
  })
  app.route('/accounts/:accountId/integrations', integrationRoutes(ctx))
  app.route('/accounts/:accountId/webhooks', webhookRoutes(ctx))
  app.route('/accounts/:accountId/identity-requests', identityRequestRoutes(ctx))
  app.route('/accounts/:accountId/csv', csvRoutes(ctx))
  // Entra ID (Graph) synchronization configurations, runs and logs (mock-server/graph-sync).
  app.route('/accounts/:accountId/graph', graphSyncRoutes(ctx))
  // Client verification: traffic log, audit, faults (mock-server/traffic/admin-routes.ts).
  app.route('/accounts/:accountId', clientVerificationAdminRoutes(ctx))
  app.route('/accounts/:accountId/scim', scimAdminRoutes(ctx))
  app.route('/accounts/:accountId', identityAdminRoutes(ctx))
  app.route('/accounts', accountRoutes(ctx))
  // The fake Microsoft Graph source's tenants (mock-server/graph), apart from ClearID accounts.
  app.route('/graph', graphAdminRoutes(ctx))
  app.post('/webhooks/drain', async (c) => {
    await ctx.webhooks.drain()
    return c.body(null, 204)
  })
  return app
}
