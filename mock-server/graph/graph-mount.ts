/**
 * Where the fake Graph source lives in the mock: the Graph API at `{base}/graph/v1.0/…` and the
 * identity platform at `{base}/graph/login/{tenant}/oauth2/v2.0/token`, `{base}` being
 * `publicBaseUrl` or the request's origin. The same routers serve the real hosts
 * (`graph.microsoft.com`, `login.microsoftonline.com`) in the msw handlers, with links on those
 * hosts (`graphHostApps`).
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { publicBaseOf } from '../control/public-base.ts'
import type { MockContext } from '../context.ts'
import { graphApiRoutes } from './graph-api-routes.ts'
import { GRAPH_MOUNT, GRAPH_VERSION, LOGIN_MOUNT } from './graph-constants.ts'
import { identityPlatformRoutes } from './identity-platform-routes.ts'

export function installGraphRoutes(app: Hono, ctx: MockContext): void {
  const base = (c: Context) => publicBaseOf(ctx, c)
  app.route(
    LOGIN_MOUNT,
    identityPlatformRoutes(ctx, (c) => `${base(c)}${LOGIN_MOUNT}`),
  )
  app.route(
    GRAPH_MOUNT,
    graphApiRoutes(ctx, (c) => `${base(c)}${GRAPH_MOUNT}/${GRAPH_VERSION}`),
  )
}

/** The Graph API and identity platform as their own apps, for requests to the real hosts. */
export function graphHostApps(ctx: MockContext): { graph: Hono; login: Hono } {
  const origin = (c: Context) => new URL(c.req.url).origin
  return {
    graph: graphApiRoutes(ctx, (c) => `${origin(c)}/${GRAPH_VERSION}`),
    login: identityPlatformRoutes(ctx, origin),
  }
}
