/**
 * What `createApp` needs for client verification, in one place: the options, the state it adds to
 * the context, and the steps it adds to the SCIM surface (recorder outermost, then faults).
 *
 * @module
 */
import { authenticatedHeaderFaults, faultStep, type FaultState } from '../faults/fault-step.ts'
import { FaultRegistry, type FaultOption } from '../faults/fault-registry.ts'
import type { Step } from '../http/pipeline.ts'
import { recordingStep, type RecorderState } from './recorder.ts'
import type { TrafficRecord } from './record.ts'
import { TrafficLog, type TrafficOptions } from './traffic-log.ts'

/**
 * Judges one account's recorded traffic for `GET /_admin/accounts/{id}/audit`. The mock records;
 * judging belongs to the client-verification layer (`verify/`), which passes its auditor in, so the
 * emulated ClearID never loads a rule catalogue.
 */
export interface TrafficAuditor {
  /** The report body for this account's records (a `ConformanceReport` with `run.judged: 'client'`). */
  audit(records: readonly TrafficRecord[], info: { accountId: string; tenantUrl: string }): unknown
  /**
   * What the client rules find in one exchange, given the exchanges before it: the dashboard's live
   * traffic shows them beside each request. Optional: without it exchanges are shown unjudged.
   */
  findings?(record: TrafficRecord, history: readonly TrafficRecord[]): readonly ExchangeFinding[]
}

/** One client rule's finding about one exchange, as the dashboard shows it. */
export interface ExchangeFinding {
  readonly ruleId: string
  readonly title: string
  readonly severity: 'error' | 'warning' | 'info'
  readonly message: string
}

export interface ClientVerificationOptions {
  /**
   * The SCIM traffic log (every exchange per account, bounded, secrets redacted) that the client
   * audit judges. Default: on, 1,000 exchanges per account. `false` turns recording off.
   */
  readonly traffic?: TrafficOptions | false
  /**
   * Faults the SCIM surface applies from the start, e.g. `[{ route: 'POST /Users', status: 503,
   * next: 2 }]`; `account` limits one to an account. Invalid specs throw `FaultSpecError`.
   */
  readonly faults?: readonly FaultOption[]
  /**
   * Honour the `X-Mock-Fault` request header (one request's fault), after the SCIM key check.
   * Default: on, for in-process use (`app.request`, msw handlers, the harness) and for a server on
   * a loopback address; a server listening on any other address (`startServer`, `serve`,
   * `verify-client`) turns it off unless this option is `true`.
   */
  readonly faultHeaders?: boolean
  /**
   * Makes the auditor of one account's traffic (called once per account, again after the traffic
   * is cleared). Without it `GET /_admin/accounts/{id}/audit` answers 501; `verify/`'s
   * `clientAudit` is the toolkit's own.
   */
  readonly trafficAudit?: () => TrafficAuditor
}

export function clientVerificationState(options: ClientVerificationOptions): {
  traffic: TrafficLog
  faults: FaultRegistry
  trafficAudit?: () => TrafficAuditor
} {
  return {
    ...(options.trafficAudit !== undefined && { trafficAudit: options.trafficAudit }),
    traffic: new TrafficLog(options.traffic === false ? { enabled: false } : options.traffic),
    faults: new FaultRegistry(options.faults, options.faultHeaders),
  }
}

/** What client verification adds to every SCIM request (`scim/scim-surface.ts` orders them). */
export interface ClientVerificationSteps {
  /** The traffic recorder: the outermost step. */
  readonly recorder: Step
  /** Registered faults, before authentication. */
  readonly faults: Step
  /** The SCIM key check `auth`, then the request's `X-Mock-Fault` header, as one step. */
  readonly authenticated: (auth: Step) => Step
}

export function clientVerificationSteps(ctx: FaultState & RecorderState): ClientVerificationSteps {
  return {
    recorder: recordingStep(ctx),
    faults: faultStep(ctx),
    authenticated: (auth) => authenticatedHeaderFaults(ctx, auth),
  }
}
