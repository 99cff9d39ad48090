/**
 * Every REST wire defect, by id (the definitions are in `../defects.ts`), and the middleware that
 * applies the ones a run switches on.
 *
 * @module
 */
import type { AppComponents } from '../../mock-server/components.ts'
import type { DefectId } from '../defects.ts'
import { IDENTITY_DEFECTS } from './rest-wire-identity.ts'
import { LIST_DEFECTS } from './rest-wire-lists.ts'
import { QUERY_DEFECTS } from './rest-wire-query.ts'
import { TOKEN_DEFECTS } from './rest-wire-token.ts'
import { restWireMiddleware, type RestWireDefects } from './rest-wire.ts'

export const REST_WIRE_DEFECTS: RestWireDefects = {
  ...TOKEN_DEFECTS,
  ...IDENTITY_DEFECTS,
  ...LIST_DEFECTS,
  ...QUERY_DEFECTS,
}

/** `restMiddleware` for the REST wire defects among `ids`; undefined when none of them is one. */
export function restWire(ids: readonly DefectId[]): AppComponents['restMiddleware'] {
  const active = ids.flatMap((id) => REST_WIRE_DEFECTS[id] ?? [])
  return active.length === 0 ? undefined : (ctx) => restWireMiddleware(ctx, active)
}
