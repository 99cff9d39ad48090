/**
 * Wires the REST side of the mock into `createApp`: the services it adds to the context, the
 * request log middleware, the emulated STS, identity, search routes, the control
 * plane and the `/_mock/` documents. Kept here so `app.ts` only calls it.
 *
 * @module
 */
import type { Hono } from 'hono'
import { ApiIntegrationRegistry } from '../accounts/api-integrations.ts'
import type { MockContext } from '../context.ts'
import type { IdentityEvents } from '../events.ts'
import { bodyLimitMiddleware, bodyLimitOf } from '../http/read-body.ts'
import { IdentityRequestEvents } from '../identity-requests/identity-request-events.ts'
import { IdentityRequests } from '../identity-requests/identity-requests.ts'
import { PrincipalDirectory } from '../principals/principal-directory.ts'
import { TeamStore } from '../teams/team-store.ts'
import { mockDocsRoutes } from '../openapi/mock-routes.ts'
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_WEBHOOK_RETRY,
  DEV_ADMIN_TOKEN,
  DEV_CLIENT_SECRET,
  devClientId,
  type ApiIntegrationSeed,
  type AppOptions,
} from '../options.ts'
import { restRouter } from '../rest/rest-router.ts'
import type { IdentityStore } from '../store/identity-store.ts'
import { STS_MOUNT } from '../sts/constants.ts'
import { STS_ROOT_PATHS, stsRoot, stsRouter } from '../sts/sts-router.ts'
import { TokenService } from '../sts/token-service.ts'
import { WebhookService } from '../webhooks/webhook-service.ts'
import { ADMIN_MOUNT, adminRouter } from './admin-router.ts'
import { RequestLog, requestLogger } from './request-log.ts'
import { ScimResets } from './scim-resets.ts'

type RestServices = Pick<
  MockContext,
  | 'integrations'
  | 'tokens'
  | 'webhooks'
  | 'identityRequests'
  | 'principals'
  | 'teams'
  | 'scimResets'
  | 'requestLog'
  | 'publicBaseUrl'
>

interface Core {
  readonly store: IdentityStore
  readonly events: IdentityEvents
  readonly clock: () => Date
  readonly ids: () => string
}

export function restServices(options: AppOptions, core: Core): RestServices {
  const { store, events, clock, ids } = core
  const requestEvents = new IdentityRequestEvents()
  return {
    integrations: new ApiIntegrationRegistry(clock, ids),
    tokens: new TokenService(clock, options.tokenSigningKeys),
    webhooks: new WebhookService({
      events,
      requestEvents,
      clock,
      ids,
      fetch: options.webhookFetch ?? ((url, init) => fetch(url, init)),
      retry: { ...DEFAULT_WEBHOOK_RETRY, ...options.webhookRetry },
      urlPolicy: {
        insecureLoopback: options.allowInsecureLoopbackWebhooks ?? false,
        linkLocal: options.allowLinkLocalWebhooks ?? false,
      },
    }),
    identityRequests: new IdentityRequests({ events: requestEvents, clock, ids }),
    principals: new PrincipalDirectory(store, events),
    teams: new TeamStore(events),
    scimResets: new ScimResets({
      events,
      store,
      clock,
      ids,
      durationMs: options.scimResetDurationMs ?? 0,
    }),
    requestLog: new RequestLog(options.requestLogLimit ?? 1000),
    publicBaseUrl: options.publicBaseUrl,
  }
}

/**
 * The request log of the identity and search services, then their body limit (before the bearer
 * check: an oversized body gets 413 as it arrives). The SCIM surface's request log is written by its
 * traffic recorder, and its body limit and pending-reset gate are steps of the surface
 * (scim/scim-surface.ts).
 */
export function installRestMiddleware(app: Hono, ctx: MockContext): void {
  const limit = bodyLimitMiddleware(() => bodyLimitOf(ctx.behaviour))
  for (const services of [
    '/identityservice/*',
    '/searchservice/*',
    '/principalservice/*',
    '/roleservice/*',
  ]) {
    app.use(services, requestLogger(ctx))
    app.use(services, limit)
  }
}

export function installRestRoutes(app: Hono, ctx: MockContext, options: AppOptions): void {
  app.route(STS_MOUNT, stsRouter(ctx))
  for (const path of STS_ROOT_PATHS) app.get(path, stsRoot(ctx))
  app.route('/', restRouter(ctx))
  const adminToken = options.adminToken ?? DEV_ADMIN_TOKEN
  if (adminToken !== false) app.route(ADMIN_MOUNT, adminRouter(ctx, adminToken))
  app.route('/_mock', mockDocsRoutes(ctx))
}

/** The development integration when both accounts and integrations are left to their defaults. */
function integrationSeeds(options: AppOptions): readonly ApiIntegrationSeed[] {
  if (options.apiIntegrations) return options.apiIntegrations
  if (options.accounts) return []
  return [
    {
      accountId: DEFAULT_ACCOUNT_ID,
      clientId: devClientId(DEFAULT_ACCOUNT_ID),
      clientSecret: DEV_CLIENT_SECRET,
      name: 'Development integration',
    },
  ]
}

/** Creates the start-up integrations; runs after the accounts exist. */
export function seedIntegrations(ctx: MockContext, options: AppOptions): void {
  for (const seed of integrationSeeds(options)) {
    // A kept integration is taken as it was kept, key included.
    if (options.persistence && ctx.integrations.byClientId(seed.clientId)) continue
    if (!ctx.accounts.get(seed.accountId)) ctx.accounts.create(seed.accountId)
    const integration = ctx.integrations.create(
      seed.accountId,
      seed.name ?? 'Startup integration',
      '',
      seed.clientId,
    )
    ctx.integrations.generateKey(integration, seed.clientSecret, seed.keyPair)
  }
}
