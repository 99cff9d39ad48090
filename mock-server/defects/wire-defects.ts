/**
 * Every wire-level defect switch, by id (the definitions are in `mock-server/defects.ts`).
 *
 * @module
 */
import type { MockContext } from '../context.ts'
import type { Step } from '../http/pipeline.ts'
import { LIST_DEFECTS } from './wire-lists.ts'
import { SURFACE_DEFECTS } from './wire-surface.ts'
import { USER_DEFECTS } from './wire-users.ts'
import { WRITE_DEFECTS } from './wire-writes.ts'
import { wireDefectsOn, wireStep, type WireDefects } from './wire.ts'

export const WIRE_DEFECTS: WireDefects = {
  ...SURFACE_DEFECTS,
  ...USER_DEFECTS,
  ...LIST_DEFECTS,
  ...WRITE_DEFECTS,
}

/** The step for the wire defects that are on, or undefined when none is. */
export function defectWire(ctx: MockContext): Step | undefined {
  const active = wireDefectsOn(ctx, WIRE_DEFECTS)
  return active.length === 0 ? undefined : wireStep(ctx, active)
}
