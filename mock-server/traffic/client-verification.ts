/**
 * What `createApp` needs for client verification, in one place: the options, the state it adds to
 * the context, and the steps it adds to the SCIM surface (recorder outermost, then faults).
 *
 * @module
 */
import type { MockContext } from '../context.ts'
import { faultStep } from '../faults/fault-step.ts'
import { FaultRegistry, type FaultOption } from '../faults/fault-registry.ts'
import type { Step } from '../http/pipeline.ts'
import { recordingStep } from './recorder.ts'
import { TrafficLog, type TrafficOptions } from './traffic-log.ts'

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
}

export function clientVerificationState(
  options: ClientVerificationOptions,
): Pick<MockContext, 'traffic' | 'faults'> {
  return {
    traffic: new TrafficLog(options.traffic === false ? { enabled: false } : options.traffic),
    faults: new FaultRegistry(options.faults),
  }
}

/** The first steps of every SCIM request (`scim/scim-surface.ts`). */
export function clientVerificationSteps(ctx: MockContext): Step[] {
  return [recordingStep(ctx), faultStep(ctx)]
}
