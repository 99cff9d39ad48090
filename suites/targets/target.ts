/**
 * What the harness runs against: the embedded mock (no port) or deployments given by URL. A target
 * is a `fetch` plus the SCIM endpoints of one account (and optionally a second one for the
 * cross-account checks), and, when REST rules are to run, ClearID's REST services with the API
 * integration's credentials.
 *
 * @module
 */
import type { ReportTarget } from '../../reports/model.ts'
import { redactUrl } from '../../model/redact.ts'
import type { AccountEndpoint } from '../../driver/http/scim-http.ts'
import type { FetchLike } from '../../driver/http/types.ts'
import type {
  ControlPlane,
  RestCredentials,
  RestEndpoints,
} from '../../driver/rest/rest-endpoints.ts'
import type { WebhookInbox } from '../../driver/rest/webhook-inbox.ts'

/** ClearID's REST API as one run sees it. */
export interface RestTarget {
  readonly endpoints: RestEndpoints
  readonly credentials: RestCredentials
  /** The mock's control plane; a real tenant has none, and the rules that need it do not apply. */
  readonly control?: ControlPlane
  /** Where webhooks are delivered to and read from; absent: the webhook rules do not apply. */
  readonly webhooks?: WebhookInbox
  /** An account the run's tokens do not belong to (the 403 check). Default: a made-up one. */
  readonly foreignAccountId?: string
}

export interface Target {
  readonly kind: 'in-process' | 'url'
  readonly description: string
  /** The SCIM endpoint; absent when only the REST API is judged (the SCIM rules do not apply). */
  readonly main?: AccountEndpoint
  readonly other?: AccountEndpoint
  readonly rest?: RestTarget
  readonly fetch: FetchLike
  /** Frees what the target holds (a server started for it). */
  close?(): Promise<void>
}

/** The target as the report shows it: no key, no credentials in the URL. */
export function reportTarget(target: Target): ReportTarget {
  const url = target.main?.baseUrl ?? target.rest?.endpoints.identity
  return {
    kind: target.kind,
    ...(url === undefined ? {} : { url: redactUrl(url) }),
    description: target.description,
  }
}

/** Where the target is, for a person: the SCIM URL, the REST API, or the mock. */
export function targetLabel(target: Target): string {
  if (target.kind === 'in-process') return 'the mock (in-process)'
  const parts = [
    ...(target.main ? [redactUrl(target.main.baseUrl)] : []),
    ...(target.rest ? [`REST ${redactUrl(target.rest.endpoints.identity)}`] : []),
  ]
  return parts.join(' and ')
}
