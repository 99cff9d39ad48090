/**
 * Applies a pending SCIM reset to the next SCIM PATCH of an identity: the PatchOp is prefixed with
 * `remove` operations for every ClearID extension value the identity holds (except the sync key
 * `externalId`), so the PATCH leaves exactly the values the IdP sends. The SCIM handler then
 * applies, validates and stores it atomically as usual; a refused PATCH changes nothing and the
 * identity stays pending. A SCIM PUT replaces everything anyway and needs no help.
 *
 * It is a step of the SCIM surface on `PATCH /Users/{id}` (`scim/scim-surface.ts`).
 *
 * @module
 */
import type { Context } from 'hono'
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import type { Identity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import type { Answer, Step } from '../http/pipeline.ts'
import { bodyLimitOf, readBody, replaceRequestBody, restoreRequestBody } from '../http/read-body.ts'

export function scimResetGate(ctx: MockContext): Step {
  return function scimResetGate(c, next) {
    if (c.req.method !== 'PATCH') return next()
    const accountId = c.req.param('accountId') ?? ''
    const id = c.req.param('id') ?? ''
    if (!ctx.scimResets.isPending(accountId, id)) return next()
    return withReset(ctx, c, next, accountId, id)
  }
}

async function withReset(
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
  const rewritten = withResetOperations(sent.text, identity)
  if (rewritten === undefined) return next()
  // The route reads the rewritten body; outer steps (the traffic recorder) keep the one sent.
  const original = replaceRequestBody(c, rewritten)
  try {
    return await next()
  } finally {
    restoreRequestBody(c, original)
  }
}

/** The PatchOp with the reset's remove operations first; undefined when it is not a PatchOp. */
export function withResetOperations(text: string, identity: Identity): string | undefined {
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
