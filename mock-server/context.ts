/**
 * The state one `createApp` call owns, handed to every route module. Nothing here is global, so
 * several apps (accounts, stores, options) live side by side in one process and in tests.
 *
 * @module
 */
import type { AccountRegistry } from './accounts/account-registry.ts'
import type { ApiIntegrationRegistry } from './accounts/api-integrations.ts'
import type { RequestLog } from './control/request-log.ts'
import type { ScimResets } from './control/scim-resets.ts'
import type { FaultRegistry } from './faults/fault-registry.ts'
import type { GraphDirectory } from './graph/graph-directory.ts'
import type { AllowedHosts } from './http/allowed-hosts.ts'
import type { IdentityEvents } from './events.ts'
import type { IdentityRequests } from './identity-requests/identity-requests.ts'
import type { PrincipalDirectory } from './principals/principal-directory.ts'
import type { TeamStore } from './teams/team-store.ts'
import type { Behaviour } from './behaviour.ts'
import type { IdentityStore } from './store/identity-store.ts'
import type { TrafficAuditor } from './traffic/client-verification.ts'
import type { TrafficLog } from './traffic/traffic-log.ts'
import type { TokenService } from './sts/token-service.ts'
import type { WebhookService } from './webhooks/webhook-service.ts'

export interface MockContext {
  readonly store: IdentityStore
  readonly accounts: AccountRegistry
  readonly behaviour: Behaviour
  readonly events: IdentityEvents
  readonly clock: () => Date
  /** `clock()` in epoch milliseconds, without creating a Date when the clock is the real one. */
  readonly nowMs: () => number
  readonly ids: () => string

  // REST API, token service, webhooks and control plane (mock-server/{sts,rest,webhooks,control}).
  readonly integrations: ApiIntegrationRegistry
  readonly tokens: TokenService
  readonly webhooks: WebhookService
  /** The principal service's names of portal users (access itself is on the identity). */
  readonly principals: PrincipalDirectory
  /** The role service's teams and their members. */
  readonly teams: TeamStore
  /** Identity requests (made and decided on the control plane; webhook events). */
  readonly identityRequests: IdentityRequests
  readonly scimResets: ScimResets
  readonly requestLog: RequestLog
  /** The `publicBaseUrl` option: the base URL clients use; undefined means the request origin. */
  readonly publicBaseUrl?: string
  /** The hosts the app answers to (`allowedHosts`, `publicBaseUrl`, loopback); callers may add one. */
  readonly allowedHosts: AllowedHosts

  // Client verification (mock-server/traffic, mock-server/faults): the SCIM traffic log per account
  // and the fault rules the SCIM surface applies.
  readonly traffic: TrafficLog
  readonly faults: FaultRegistry
  /** The `trafficAudit` option: makes an account's auditor; absent, the audit route answers 501. */
  readonly trafficAudit?: () => TrafficAuditor

  /** The fake Microsoft Graph source's tenants (mock-server/graph), separate from accounts. */
  readonly graph: GraphDirectory
}
