/**
 * The package's main entry (`clearid-conformance`): `createApp` and what its options name. Nothing
 * here needs Node: the app runs wherever `fetch` runs. To listen on a port use
 * `clearid-conformance/node`; for msw handlers, `clearid-conformance/msw`.
 *
 * @module
 */
export { createApp, type MockApp } from './app.ts'
export type { MockContext } from './context.ts'
export type { AppComponents, SaveUser, ValidateUser, Wrap } from './components.ts'
export type { Step } from './http/pipeline.ts'
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_BEHAVIOUR,
  DEFAULT_WEBHOOK_RETRY,
  DEV_ADMIN_TOKEN,
  DEV_CLIENT_SECRET,
  DEV_SCIM_KEY,
  devClientId,
  type AccountSeed,
  type ApiIntegrationSeed,
  type AppOptions,
  type Behaviour,
  type DashboardOptions,
  type DashboardReports,
  type LatestReport,
  type RestPlaneOptions,
  type WebhookFetch,
  type WebhookRetryPolicy,
} from './options.ts'
export type {
  ClientVerificationOptions,
  ExchangeFinding,
  TrafficAuditor,
} from './traffic/client-verification.ts'
export type { TrafficOptions } from './traffic/traffic-log.ts'
export type {
  AuthState,
  RecordedRequest,
  RecordedResponse,
  TrafficRecord,
} from './traffic/record.ts'
export type { GraphFetch } from './graph-sync/graph-client.ts'
export type { FaultOption } from './faults/fault-registry.ts'
export type { FaultSpec } from './faults/fault-rule.ts'
export { MemoryIdentityStore } from './store/memory-store.ts'
export { UniquenessConflict, type IdentityStore, type PageOptions } from './store/identity-store.ts'
export type { AttributeValue, Identity, StoredIdentity, WriteSource } from '../model/identity.ts'
