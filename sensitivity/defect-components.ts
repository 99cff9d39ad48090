/**
 * The defects a run switches on, as `createApp` components: the mock knows nothing of defects, it
 * only takes the components (`mock-server/components.ts`) these build. SCIM wire defects become
 * one SCIM step, REST wire defects one middleware in front of the REST services, webhook defects
 * one wrap of the delivery fetch; defects inside the mock wrap the component they change, one
 * around the other.
 *
 * @module
 */
import type { AppComponents, Wrap } from '../mock-server/components.ts'
import type { DefectId } from './defects.ts'
import { DOMAIN_DEFECTS } from './in-domain.ts'
import { HOOK_DEFECTS, type HookDefect } from './rest/hook-defects.ts'
import { restWire } from './rest/rest-wire-defects.ts'
import { wireSteps } from './wire/wire-defects.ts'

export function defectComponents(ids: readonly DefectId[]): AppComponents {
  const domain = ids.flatMap((id) => DOMAIN_DEFECTS[id] ?? [])
  const hooks = ids.flatMap((id) => HOOK_DEFECTS[id] ?? [])
  return {
    scimSteps: wireSteps(ids),
    scimAuth: chain(domain.map((defect) => defect.scimAuth)),
    validateUser: chain(domain.map((defect) => defect.validateUser)),
    saveUser: chain(domain.map((defect) => defect.saveUser)),
    restMiddleware: restWire(ids),
    webhookFetch: hooks.length === 0 ? undefined : chainHooks(hooks),
  }
}

/** One webhook fetch wrap made of several, the first innermost. */
function chainHooks(hooks: readonly HookDefect[]): HookDefect {
  return (own) => hooks.reduce((inner, hook) => hook(inner), own)
}

/** One wrap made of several, the first innermost; undefined when there is none. */
function chain<F>(wraps: readonly (Wrap<F> | undefined)[]): Wrap<F> | undefined {
  const present = wraps.filter((wrap) => wrap !== undefined)
  if (present.length === 0) return undefined
  return (own, ctx) => present.reduce((inner, wrap) => wrap(inner, ctx), own)
}
