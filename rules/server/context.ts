/**
 * What a server rule's check receives: an HTTP client bound to the target, an Entra client in the
 * rule's dialect, seeded data of its own, the discovery documents read once per run, and facts about
 * the target. Rules depend on this interface only; the runner builds it.
 *
 * @module
 */
import type { TestData } from '../../fixtures/test-data.ts'
import type { Dialect } from '../../reports/model.ts'
import type { EntraClient } from '../../driver/entra/client.ts'
import type { ScimHttp } from '../../driver/http/types.ts'
import type { RestHttpClient } from '../../driver/rest/rest-http.ts'
import type { WebhookInbox } from '../../driver/rest/webhook-inbox.ts'
import type { Findings } from './findings.ts'
import type { FilterSupport } from './filter-support.ts'

type Json = Record<string, unknown>

/** The discovery documents as the target served them at the start of the run. */
export interface Discovery {
  readonly serviceProviderConfig?: Json
  readonly schemas?: readonly Json[]
  readonly resourceTypes?: readonly Json[]
}

export interface TargetFacts {
  readonly kind: 'in-process' | 'url'
  /** A SCIM endpoint was given: the SCIM rules run. */
  readonly scim: boolean
  /** A second account (and its key) is available for cross-account checks. */
  readonly hasOtherAccount: boolean
  /** ClearID's REST API was given: the REST rules run. Absent: they do not apply. */
  readonly rest?: RestFacts
}

export interface RestFacts {
  /** The mock's control plane is reachable (in-process, or a mock URL with its admin token). */
  readonly controlPlane: boolean
  /** A webhook receiver the harness reads is in place. */
  readonly webhookReceiver: boolean
  /** A key file was given (or the mock hands one out): the JWT-assertion grant can be tested. */
  readonly assertionKey: boolean
  /** A client secret was given: the client-credentials grant can be tested. */
  readonly clientSecret: boolean
}

/** What the REST rules speak through. */
export interface RestCheckContext {
  readonly http: RestHttpClient
  readonly webhooks?: WebhookInbox
  /** An account the run's token does not belong to. */
  readonly foreignAccountId: string
}

/** Set by a check (or its wrapper) to turn the result into `not-applicable` or `skipped`. */
export interface RuleOutcome {
  notApplicable?: string
  skipped?: string
}

export interface ServerCheckContext {
  readonly ruleId: string
  /** The Entra dialect of this run of the rule; `entra-flag` (RFC-compliant) for dialect-free rules. */
  readonly dialect: Dialect
  readonly http: ScimHttp
  readonly entra: EntraClient
  readonly data: TestData
  readonly discovery: Discovery
  readonly target: TargetFacts
  readonly outcome: RuleOutcome
  /**
   * The check's findings. Kept on the context, not in the check's scope, so that when a step stops
   * the check (a failed setup, no answer) the findings gathered before it still reach the report.
   */
  readonly findings: Findings
  /** The filter operators the target accepts, shared by every check of the run. */
  readonly filterSupport: FilterSupport
  /** The REST API of the target, when one was given (`TargetFacts.rest`). */
  readonly rest?: RestCheckContext
}

/** Marks the rule not applicable; it still fails if it recorded an error finding. */
export function notApplicable(ctx: ServerCheckContext, reason: string): void {
  ctx.outcome.notApplicable = reason
}
