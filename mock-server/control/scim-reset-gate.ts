/**
 * The next SCIM write to an identity a reset left pending (`scim-reset-view.ts`). Entra reads the
 * identity without its extension values, so its PATCH carries every value it has: that PATCH
 * replaces the integration's data. The operations are prefixed with `remove` operations for every
 * extension value the identity holds (except the sync key `externalId`), so the identity ends with
 * exactly the values Entra sent; validation and atomicity stay the SCIM handler's own. A PUT
 * replaces everything anyway. Either one, once answered 2xx, ends the identity's reset.
 *
 * A PATCH that carries no extension value (Entra disabling a user: `Replace active "False"`, or a
 * display name change) is not the replacing write: it applies to the identity as it is, is not
 * refused for the names it does not send, and leaves the identity pending. Which kind a PATCH is,
 * is decided by applying it to the identity as SCIM shows it (a dry run of the same pure PATCH
 * engine): a PATCH that leaves extension values there carries data.
 *
 * It is a step of the SCIM surface on `PATCH` and `PUT /Users/{id}` (`scim/scim-surface.ts`).
 *
 * @module
 */
import type { Context } from 'hono'
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import type { StoredIdentity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import type { Answer, Step } from '../http/pipeline.ts'
import { bodyLimitOf, readBody, replaceRequestBody, restoreRequestBody } from '../http/read-body.ts'
import { applyPatch, type UserState } from '../scim/patch/apply-patch.ts'
import { withPendingHidden } from './scim-reset-view.ts'

export function scimResetGate(ctx: MockContext): Step {
  return function scimResetGate(c, next) {
    const accountId = c.req.param('accountId') ?? ''
    const id = c.req.param('id') ?? ''
    if (!ctx.scimResets.isPending(accountId, id)) return next()
    if (c.req.method === 'PUT') return ended(ctx, accountId, id, next())
    return patchPending(ctx, c, next, accountId, id)
  }
}

async function patchPending(
  ctx: MockContext,
  c: Context,
  next: () => Answer,
  accountId: string,
  id: string,
): Promise<Response> {
  // The body first, then the identity as it is now (read synchronously after the body).
  const sent = await readBody(c, bodyLimitOf(ctx.behaviour))
  const identity = ctx.store.get(accountId, id)
  if (!identity || identity.deleted) return next()
  const rewritten = carriesData(ctx, sent.text, identity)
    ? withResetOperations(sent.text, identity)
    : undefined
  // Not the replacing write: applied as sent; the identity stays pending and reads stay hidden.
  if (rewritten === undefined) return withPendingHidden(ctx, c, accountId, next())
  // The route reads the rewritten body; outer steps (the traffic recorder) keep the one sent.
  const original = replaceRequestBody(c, rewritten)
  try {
    return await ended(ctx, accountId, id, next())
  } finally {
    restoreRequestBody(c, original)
  }
}

/** Ends the identity's reset once the write is answered 2xx. */
async function ended(
  ctx: MockContext,
  accountId: string,
  id: string,
  answer: Answer,
): Promise<Response> {
  const response = await answer
  if (response.status >= 200 && response.status < 300) ctx.scimResets.replaced(accountId, id)
  return response
}

/**
 * True when the PATCH, applied to the identity as SCIM shows it during a reset (only `externalId`
 * of the extension), leaves another extension value. A PATCH the engine refuses is not decided
 * here: it goes to the route as sent, which refuses it the same way.
 */
function carriesData(ctx: MockContext, text: string, identity: StoredIdentity): boolean {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return false
  }
  const shown: UserState = {
    userName: identity.userName,
    displayName: identity.displayName,
    active: identity.active,
    attributes:
      identity.attributes.externalId === undefined
        ? {}
        : { externalId: identity.attributes.externalId },
  }
  try {
    const next = applyPatch(shown, body, { behaviour: ctx.behaviour, warn: () => {} })
    return Object.keys(next.attributes).some((name) => name !== 'externalId')
  } catch {
    return false
  }
}

/** The PatchOp with the reset's remove operations first; undefined when it is not a PatchOp. */
export function withResetOperations(text: string, identity: StoredIdentity): string | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  const patch = body as Record<string, unknown>
  const key = Object.keys(patch).find((k) => k.toLowerCase() === 'operations')
  const operations = key === undefined ? undefined : patch[key]
  if (key === undefined || !Array.isArray(operations)) return undefined
  const removals = Object.keys(identity.attributes)
    .filter((name) => name !== 'externalId')
    .map((name) => ({ op: 'remove', path: `${CLEARID_USER_EXTENSION}:${name}` }))
  return JSON.stringify({ ...patch, [key]: [...removals, ...operations] })
}
