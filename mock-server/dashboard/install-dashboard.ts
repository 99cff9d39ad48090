/**
 * Whether and how `createApp` serves the dashboard: wherever the control plane is (the dashboard
 * is its face, behind the same token), unless `dashboard: false`. Kept here so `app.ts` only calls it.
 *
 * @module
 */
import type { Hono } from 'hono'
import type { MockContext } from '../context.ts'
import { DEV_ADMIN_TOKEN, type AppOptions } from '../options.ts'
import { installDashboard } from './dashboard-routes.ts'

export function installDashboardOf(app: Hono, ctx: MockContext, options: AppOptions): void {
  const adminToken = options.adminToken ?? DEV_ADMIN_TOKEN
  if (adminToken === false || options.dashboard === false) return
  const dashboard = options.dashboard ?? {}
  installDashboard(app, ctx, {
    adminToken,
    // The development token is documented, so a page carrying it gives nothing away.
    tokenInPage: dashboard.tokenInPage ?? adminToken === DEV_ADMIN_TOKEN,
    ...(dashboard.reports && { reports: dashboard.reports }),
    insecureLoopbackWebhooks: options.allowInsecureLoopbackWebhooks ?? false,
  })
}
