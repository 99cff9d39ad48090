/**
 * Replaceable components of the mock, in the manner of Prism's `factory(config, components)`: a
 * part of the SCIM surface, the REST services or webhook delivery that a caller may wrap or replace, each override receiving the mock's
 * own implementation (and the app's state) so it can delegate to it, adjust its result or answer
 * in its place.
 *
 * Why: tests need a ClearID that misbehaves in exactly one way (the harness's sensitivity layer
 * uses this to prove each rule can fail), and the product code should not carry a branch for every
 * such misbehaviour. Nothing is overridden by default; an override is resolved once, when the app
 * is created, so a component nobody replaces is the mock's own function, called directly.
 *
 * @example
 * ```ts
 * const app = createApp({
 *   components: {
 *     // Lets a userName that is already taken through, as a lenient server would.
 *     saveUser: (save) => (identity, type) => {
 *       try {
 *         save(identity, type)
 *       } catch (error) {
 *         if (!(error instanceof UniquenessConflict)) throw error
 *       }
 *     },
 *   },
 * })
 * ```
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import type { Identity } from '../model/identity.ts'
import type { ValidationIssue } from '../model/validate.ts'
import type { MockContext } from './context.ts'
import type { IdentityEventType } from './events.ts'
import type { Step } from './http/pipeline.ts'
import type { WebhookFetch } from './webhooks/webhook-options.ts'

/** An override: builds the component from the mock's own one, once per app. */
export type Wrap<F> = (own: F, ctx: MockContext) => F

/** The checks a User write must pass before it is stored: every rule it breaks. */
export type ValidateUser = (identity: Identity) => ValidationIssue[]

/** Stores a User write and publishes its event; throws the store's `UniquenessConflict`. */
export type SaveUser = (identity: Identity, type: IdentityEventType) => void

export interface AppComponents {
  /**
   * Extra steps of every SCIM request (`http/pipeline.ts`), after recording and fault injection and
   * before the body is read and the SCIM key checked: a step sees the request before the mock and
   * its answer after. A step that needs the body reads it with `readBody` and replaces it with
   * `replaceRequestBody` (`http/read-body.ts`); the mock reads it once, from there.
   */
  readonly scimSteps?: (ctx: MockContext) => readonly Step[]
  /** SCIM key authentication, the step that answers 401 (`scim/scim-auth.ts`). */
  readonly scimAuth?: Wrap<Step>
  /** Validation of a User create, replace or patch (`model/validate.ts`). */
  readonly validateUser?: Wrap<ValidateUser>
  /** Storage of a User create, replace, patch or delete (`identity-changes.ts`). */
  readonly saveUser?: Wrap<SaveUser>
  /**
   * Middleware in front of the emulated REST services (`/sts`, `/identityservice`,
   * `/searchservice`) and the control plane (`/_admin`), after the request log and the body limit:
   * it sees each request before the mock and its answer after. A middleware that needs the body
   * reads it with `readBody` and replaces it with `replaceRequestBody` (`http/read-body.ts`). Made
   * once per app; without it nothing is added to those routes.
   */
  readonly restMiddleware?: (ctx: MockContext) => MiddlewareHandler
  /**
   * The fetch webhook callbacks go through, wrapped around the one in use (the `webhookFetch`
   * option or the global fetch): it sees each callback and the receiver's answer. Made once per app.
   */
  readonly webhookFetch?: (own: WebhookFetch) => WebhookFetch
}

/** `own`, or what `wrap` makes of it: no extra call when nothing replaces the component. */
export function component<F>(wrap: Wrap<F> | undefined, own: F, ctx: MockContext): F {
  return wrap === undefined ? own : wrap(own, ctx)
}
