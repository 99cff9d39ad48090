/**
 * Options of `createApp`. The defaults reproduce ClearID's documented behaviour and the mock's
 * documented choices (README, "Behaviour choices"); every choice a user could reasonably want the
 * other way is a switch here.
 *
 * @module
 */
import type { Behaviour } from './behaviour.ts'
import type { AppComponents } from './components.ts'
import type { DashboardOptions } from './dashboard/dashboard-options.ts'
import type { StatePersistence } from './persistence/state-persistence.ts'
import type { IdentityStore } from './store/identity-store.ts'
import type { WebhookFetch, WebhookRetryPolicy } from './webhooks/webhook-options.ts'
import type { ClientVerificationOptions } from './traffic/client-verification.ts'
import type { GraphOptions } from './graph/graph-directory.ts'
import type { GraphFetch } from './graph-sync/graph-client.ts'

export { DEFAULT_BEHAVIOUR, type Behaviour } from './behaviour.ts'
export type {
  DashboardOptions,
  DashboardReports,
  LatestReport,
} from './dashboard/dashboard-options.ts'

export interface AccountSeed {
  readonly id: string
  /** The account's SCIM key. Omitted: the account starts without one (generate it later). */
  readonly scimKey?: string
  readonly scimKeyName?: string
}

/** The development SCIM key used on loopback when none is configured. Documented in the README. */
export const DEV_SCIM_KEY = 'clearid-dev-scim-key'
export const DEFAULT_ACCOUNT_ID = 'demo'

export interface AppOptions extends RestPlaneOptions, ClientVerificationOptions {
  /** Accounts to create at start. Default: `demo` with the development key. */
  readonly accounts?: readonly AccountSeed[]
  readonly store?: IdentityStore
  readonly behaviour?: Partial<Behaviour>
  /** Parts of the SCIM surface to wrap or replace (`components.ts`). Default: the mock's own. */
  readonly components?: AppComponents
  /** Time source (tests pin it). */
  readonly clock?: () => Date
  /** Id source (tests pin it). Default: `crypto.randomUUID()`. */
  readonly ids?: () => string
  /**
   * The fake Microsoft Graph source (mock-server/graph, docs/entra-graph-sync.md): its tenants and
   * token signing key. Default: the seeded development tenant.
   */
  readonly graph?: GraphOptions
  /**
   * The `fetch` Entra ID (Graph) synchronizations read a configured Graph URL through (tests and
   * msw replace it). Default: the global `fetch`. A configuration without a Graph URL reads the
   * mock's own fake Graph source through the app itself, in-process, without it.
   */
  readonly graphFetch?: GraphFetch
  /**
   * How a Graph synchronization waits before a retry (`Retry-After`). Default: a timer. Tests pass
   * one that records the wait and returns at once.
   */
  readonly graphSleep?: (ms: number) => Promise<void>
  /**
   * The dashboard at `/` (`dashboard/`): on by default wherever the control plane is; `false`
   * turns it off (`/` answers 404 again).
   */
  readonly dashboard?: DashboardOptions | false
  /**
   * Keep the state (accounts, key digests, API integrations, identities, webhooks, control-plane
   * faults, teams and their members, Cloud CSV and Graph configurations and their credentials)
   * across restarts: restored before seeding, every change written before its answer.
   * The Node entry's `openStateDir(dir)` gives one. Default: none, state lives in memory only.
   */
  readonly persistence?: StatePersistence
}

// --- REST API, token service, webhooks and control plane (mock-server/{sts,rest,webhooks,control}) ---

/** An API integration to create at start (ClearID: Administration > API integrations). */
export interface ApiIntegrationSeed {
  readonly accountId: string
  /** `<guid>:<accountId>` like ClearID's; the guid becomes the integration id. */
  readonly clientId: string
  readonly clientSecret: string
  readonly name?: string
  /**
   * The integration's RS512 key pair, whose private key its key file holds (the JWT-assertion
   * grant); extractable. Default: generated on first use. Pass one to share it between apps
   * (faster tests), as `tokenSigningKeys` does for the token service.
   */
  readonly keyPair?: CryptoKeyPair
}

export {
  DEFAULT_WEBHOOK_RETRY,
  type WebhookFetch,
  type WebhookRetryPolicy,
} from './webhooks/webhook-options.ts'

/** Development credentials used on loopback when none are configured. Documented in docs/rest-api.md. */
export const DEV_CLIENT_SECRET = 'clearid-dev-client-secret'
export const DEV_ADMIN_TOKEN = 'clearid-dev-admin-token'
const DEV_INTEGRATION_GUID = 'c1ea41d0-0000-4000-8000-000000000001'

/** The development client id of an account: `<guid>:<accountId>`, ClearID's client id format. */
export function devClientId(accountId: string): string {
  return `${DEV_INTEGRATION_GUID}:${accountId}`
}

export interface RestPlaneOptions {
  /**
   * API integrations to create at start. Default: when `accounts` is also defaulted, one
   * development integration for `demo` (`devClientId('demo')` / `DEV_CLIENT_SECRET`); otherwise none.
   */
  readonly apiIntegrations?: readonly ApiIntegrationSeed[]
  /**
   * Bearer token of the `/_admin/` control plane. Default `DEV_ADMIN_TOKEN`; `false` turns the
   * control plane off (every `/_admin/` request answers 404).
   */
  readonly adminToken?: string | false
  /**
   * Base URL the mock is reached at (token issuer, key files, Location headers). Default: request
   * origin. Its host is one the mock answers to (`allowedHosts`).
   */
  readonly publicBaseUrl?: string
  /**
   * Hosts the mock answers to besides loopback names (`localhost`, `*.localhost`, 127.0.0.0/8,
   * `[::1]`) and the host of `publicBaseUrl`: host names, `.domain` for a domain and its subdomains,
   * IP addresses or URLs. Any other host gets 421 (a guard against DNS rebinding). `true` answers
   * to any host. The msw handlers, the fetch handler and the harness's in-process target add the
   * origin they serve.
   */
  readonly allowedHosts?: readonly string[] | true
  /** Allow `http://` webhook URLs on loopback hosts, for local development. Default false. */
  readonly allowInsecureLoopbackWebhooks?: boolean
  /**
   * Allow webhooks to link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10,
   * fd00:ec2::254, 100.100.100.200, metadata.google.internal …), refused by default at
   * configuration and at delivery. Default false.
   */
  readonly allowLinkLocalWebhooks?: boolean
  readonly webhookFetch?: WebhookFetch
  readonly webhookRetry?: Partial<WebhookRetryPolicy>
  /** How long a SCIM reset reports `Running` before `Completed` (ClearID: up to 12 h). Default 0. */
  readonly scimResetDurationMs?: number
  /** Requests kept per account in the control plane's request log. Default 1000. */
  readonly requestLogLimit?: number
  /**
   * The STS signing key pair (RS512). Default: generated on first use, per app. Pass one to share
   * it between apps (faster tests) or to keep tokens valid across restarts.
   */
  readonly tokenSigningKeys?: CryptoKeyPair
}
