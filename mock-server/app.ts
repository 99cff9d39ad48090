/**
 * `createApp(options)`: the whole mock ClearID as one Hono app. No Node built-ins here, so the same
 * app runs under the Node adapter, in `app.request` tests, behind supertest and inside msw handlers.
 *
 * @example
 * ```ts
 * const app = createApp({ accounts: [{ id: 'demo', scimKey: 'secret' }] })
 * const res = await app.request('/scim/v2/accounts/demo/Users', {
 *   headers: { Authorization: 'Bearer secret' },
 * })
 * ```
 * @module
 */
import { Hono } from 'hono'
import { AccountRegistry } from './accounts/account-registry.ts'
import type { MockContext } from './context.ts'
import {
  installRestMiddleware,
  installRestRoutes,
  restServices,
  seedIntegrations,
} from './control/rest-plane.ts'
import { installDashboardOf } from './dashboard/install-dashboard.ts'
import { ApiError } from './errors/api-error.ts'
import { errorAnswer, renderError } from './errors/render-error.ts'
import { holdAnswersUntilDurable, keepState, storeFor } from './persistence/keep-state.ts'
import { IdentityEvents } from './events.ts'
import { AllowedHosts, guardHosts } from './http/allowed-hosts.ts'
import { GraphDirectory } from './graph/graph-directory.ts'
import { installGraphRoutes } from './graph/graph-mount.ts'
import { installGraphSync } from './graph-sync/graph-sync-state.ts'
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_BEHAVIOUR,
  DEV_SCIM_KEY,
  type AccountSeed,
  type AppOptions,
} from './options.ts'
import { installRestComponent, withWebhookComponent } from './rest-components.ts'
import { isScimPath } from './scim/scim-base.ts'
import { dispatchScimFirst } from './scim/scim-dispatch.ts'
import { SCIM_MOUNT, scimRouter } from './scim/scim-router.ts'
import { clientVerificationState } from './traffic/client-verification.ts'
import { MemoryIdentityStore } from './store/memory-store.ts'

export interface MockApp extends Hono {
  /** The state behind the app, for the node entry, the control plane and tests. */
  readonly mock: MockContext
  /** Resolved once the app can serve; kept so callers need not know what start-up involves. */
  readonly ready: Promise<void>
}

const DEFAULT_ACCOUNTS: readonly AccountSeed[] = [
  { id: DEFAULT_ACCOUNT_ID, scimKey: DEV_SCIM_KEY, scimKeyName: 'Development key' },
]

export function createApp(options: AppOptions = {}): MockApp {
  const clock = options.clock ?? (() => new Date())
  const nowMs = options.clock ? () => clock().getTime() : () => Date.now()
  const store = storeFor(options.store ?? new MemoryIdentityStore(), options.persistence)
  const events = new IdentityEvents()
  // `toLowerCase` (a UUID is lower case already) writes the id as one flat string: Node builds
  // randomUUID's text from some twenty pieces, and kept so in every stored identity and index they
  // took 640 bytes each (BENCHMARKS.md, seeding a million identities).
  const ids = options.ids ?? (() => crypto.randomUUID().toLowerCase())
  const allowedHosts = new AllowedHosts(options)
  const ctx: MockContext = {
    store,
    accounts: new AccountRegistry(clock),
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    events,
    clock,
    nowMs,
    ids,
    allowedHosts,
    // REST API, token service, webhooks and control plane (mock-server/control/rest-plane.ts).
    ...restServices(withWebhookComponent(options), { store, events, clock, ids }),
    // Client verification: traffic log and fault rules (mock-server/traffic, mock-server/faults).
    ...clientVerificationState(options),
    // The fake Microsoft Graph source (mock-server/graph).
    graph: new GraphDirectory(clock, options.graph),
  }
  // Graph synchronizations read the fake source through the app itself (made below), any other
  // URL through `graphFetch` (mock-server/graph-sync). Installed before the kept state is
  // restored, which holds configurations.
  const appRef: { current?: Hono } = {}
  installGraphSync(ctx, {
    appFetch: (url, init) => Promise.resolve(appRef.current!.fetch(new Request(url, init))),
    fetch: options.graphFetch ?? ((url, init) => fetch(url, init)),
    sleep: options.graphSleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  })
  // Kept state first (mock-server/persistence): seeding then only adds what it lacks.
  keepState(ctx, options.persistence)
  seedAccounts(ctx, options.accounts ?? DEFAULT_ACCOUNTS, options.persistence !== undefined)
  seedIntegrations(ctx, options)
  const ready = Promise.resolve()

  const app = new Hono()
  appRef.current = app
  app.get('/health', (c) => c.json({ status: 'ok' }))
  installRestMiddleware(app, ctx)
  installRestComponent(app, ctx, options.components)
  // Every SCIM route runs behind the SCIM surface: recording, faults, authentication.
  const scim = scimRouter(ctx, options.components)
  app.route(SCIM_MOUNT, scim.routes)
  installRestRoutes(app, ctx, options)
  installGraphRoutes(app, ctx)
  installDashboardOf(app, ctx, options)
  app.notFound((c) =>
    isScimPath(c.req.path)
      ? scim.unmatched(c)
      : renderError(
          c,
          new ApiError(404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`),
        ),
  )
  app.onError(errorAnswer)
  dispatchScimFirst(app, scim)
  // Before any route: a request for a host the mock does not answer to gets 421.
  guardHosts(app, allowedHosts)
  holdAnswersUntilDurable(app, options.persistence)
  return Object.assign(app, { mock: ctx, ready })
}

function seedAccounts(ctx: MockContext, seeds: readonly AccountSeed[], kept: boolean): void {
  for (const seed of seeds) {
    // A kept account is taken as it was kept, SCIM key included.
    if (kept && ctx.accounts.get(seed.id)) continue
    ctx.accounts.create(seed.id)
    if (seed.scimKey !== undefined) {
      ctx.accounts.setScimKey(seed.id, seed.scimKeyName ?? 'SCIM key', seed.scimKey)
    }
  }
}
