/**
 * Every wire-level defect switch, by id (the definitions are in `mock-server/defects.ts`).
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import type { MockContext } from '../context.ts'
import { LIST_DEFECTS } from './wire-lists.ts'
import { SURFACE_DEFECTS } from './wire-surface.ts'
import { USER_DEFECTS } from './wire-users.ts'
import { WRITE_DEFECTS } from './wire-writes.ts'
import { wireDefectsOn, wireMiddleware, type WireDefects } from './wire.ts'

export const WIRE_DEFECTS: WireDefects = {
  ...SURFACE_DEFECTS,
  ...USER_DEFECTS,
  ...LIST_DEFECTS,
  ...WRITE_DEFECTS,
}

/** The middleware for the wire defects that are on, or undefined when none is. */
export function defectWire(ctx: MockContext): MiddlewareHandler | undefined {
  const active = wireDefectsOn(ctx, WIRE_DEFECTS)
  return active.length === 0 ? undefined : wireMiddleware(ctx, active)
}
