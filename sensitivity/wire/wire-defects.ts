/**
 * Every wire-level defect, by id (the definitions are in `../defects.ts`), and the SCIM step that
 * applies the ones a run switches on.
 *
 * @module
 */
import type { AppComponents } from '../../mock-server/components.ts'
import type { DefectId } from '../defects.ts'
import { CYCLE_DEFECTS } from './wire-cycles.ts'
import { LIST_DEFECTS } from './wire-lists.ts'
import { PATCH_DEFECTS } from './wire-patch.ts'
import { SURFACE_DEFECTS } from './wire-surface.ts'
import { USER_DEFECTS } from './wire-users.ts'
import { WRITE_DEFECTS } from './wire-writes.ts'
import { wireStep, type WireDefects } from './wire.ts'

export const WIRE_DEFECTS: WireDefects = {
  ...SURFACE_DEFECTS,
  ...USER_DEFECTS,
  ...LIST_DEFECTS,
  ...WRITE_DEFECTS,
  ...PATCH_DEFECTS,
  ...CYCLE_DEFECTS,
}

/** `scimSteps` for the wire defects among `ids`; undefined when none of them is one. */
export function wireSteps(ids: readonly DefectId[]): AppComponents['scimSteps'] {
  const active = ids.flatMap((id) => WIRE_DEFECTS[id] ?? [])
  return active.length === 0 ? undefined : (ctx) => [wireStep(ctx, active)]
}
