/**
 * msw request handlers for the real Microsoft Graph and identity platform hosts
 * (`https://graph.microsoft.com`, `https://login.microsoftonline.com`), served by the mock's fake
 * Graph source in memory: a synchronization client under test keeps its production URLs, gets
 * client-credentials tokens and reads users, groups and deltas, with links on the real hosts.
 *
 * @example
 * ```ts
 * const graph = createGraphMswHandlers()
 * const server = setupServer(...graph.handlers)
 * // token: POST graph.tokenUrl with graph.clientId / graph.clientSecret
 * // then GET https://graph.microsoft.com/v1.0/users?$top=999
 * graph.fault({ type: 'throttle', retryAfter: 1 })
 * ```
 * @module
 */
import { http, type HttpHandler } from 'msw'
import { createApp, type MockApp } from '../mock-server/app.ts'
import {
  DEV_GRAPH_CLIENT_ID,
  DEV_GRAPH_CLIENT_SECRET,
  DEV_GRAPH_TENANT_ID,
  GRAPH_HOST_ORIGIN,
  LOGIN_HOST_ORIGIN,
} from '../mock-server/graph/graph-constants.ts'
import { faultView } from '../mock-server/graph/graph-faults.ts'
import { graphHostApps } from '../mock-server/graph/graph-mount.ts'
import type { GraphTenant } from '../mock-server/graph/graph-tenant.ts'
import type { AppOptions } from '../mock-server/options.ts'

export interface GraphMswOptions {
  /** An app to serve (its `graph` tenants); default `createApp(options)`. */
  readonly app?: MockApp
  readonly options?: AppOptions
}

export interface GraphMsw {
  readonly handlers: HttpHandler[]
  readonly app: MockApp
  /** The development tenant's ids and secret (documented; valid when the default tenants are used). */
  readonly tenantId: string
  readonly clientId: string
  readonly clientSecret: string
  /** `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`. */
  tokenUrl(tenantId?: string): string
  /** `https://graph.microsoft.com/v1.0`. */
  readonly baseUrl: string
  /** A tenant's state (users, groups, apps, faults), after its seed has loaded. */
  tenant(tenantId?: string): Promise<GraphTenant>
  /** Adds a Graph fault (`{type: 'throttle' | 'unavailable' | 'expiredToken' | 'brokenNextLink', …}`). */
  fault(spec: unknown, tenantId?: string): Record<string, unknown>
  /** Removes the tenant's faults (between tests). */
  reset(tenantId?: string): void
}

export function createGraphMswHandlers(options: GraphMswOptions = {}): GraphMsw {
  const app = options.app ?? createApp(options.options)
  const hosts = graphHostApps(app.mock)
  const tenantOf = (tenantId: string): GraphTenant => {
    const tenant = app.mock.graph.get(tenantId)
    if (!tenant) throw new Error(`No fake Graph tenant "${tenantId}".`)
    return tenant
  }
  return {
    handlers: [
      http.all(`${GRAPH_HOST_ORIGIN}/*`, ({ request }) => hosts.graph.fetch(request)),
      http.all(`${LOGIN_HOST_ORIGIN}/*`, ({ request }) => hosts.login.fetch(request)),
    ],
    app,
    tenantId: DEV_GRAPH_TENANT_ID,
    clientId: DEV_GRAPH_CLIENT_ID,
    clientSecret: DEV_GRAPH_CLIENT_SECRET,
    tokenUrl: (tenantId = DEV_GRAPH_TENANT_ID) =>
      `${LOGIN_HOST_ORIGIN}/${tenantId}/oauth2/v2.0/token`,
    baseUrl: `${GRAPH_HOST_ORIGIN}/v1.0`,
    tenant: async (tenantId = DEV_GRAPH_TENANT_ID) => {
      const tenant = tenantOf(tenantId)
      await tenant.ready()
      return tenant
    },
    fault: (spec, tenantId = DEV_GRAPH_TENANT_ID) => faultView(tenantOf(tenantId).faults.add(spec)),
    reset: (tenantId = DEV_GRAPH_TENANT_ID) => void tenantOf(tenantId).faults.clear(),
  }
}
