/**
 * State a defect keeps per mock app (tokens it saw issued, eTags it handed out): one app's run
 * never sees another's, and the state goes with the app.
 *
 * @module
 */
import type { MockContext } from '../../mock-server/context.ts'

export function perApp<T>(make: () => T): (ctx: MockContext) => T {
  const states = new WeakMap<MockContext, T>()
  return (ctx) => {
    let state = states.get(ctx)
    if (state === undefined) states.set(ctx, (state = make()))
    return state
  }
}
