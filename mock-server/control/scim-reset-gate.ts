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

export function scimResetGate(ctx: MockContext): Step {
  return function scimResetGate(c, next) {
    if (c.req.method !== 'PATCH') return next()
    const accountId = c.req.param('accountId') ?? ''
    const id = c.req.param('id') ?? ''
    if (!ctx.scimResets.isPending(accountId, id)) return next()
    const identity = ctx.store.get(accountId, id)
    if (!identity || identity.deleted) return next()
    return withReset(c, next, identity)
  }
}

async function withReset(c: Context, next: () => Answer, identity: Identity): Promise<Response> {
  const sent = await c.req.text()
  const rewritten = withResetOperations(sent, identity)
  if (rewritten === undefined) return next()
  const { raw, bodyCache } = c.req
  const headers = new Headers(raw.headers)
  headers.delete('content-length')
  c.req.raw = new Request(raw.url, { method: 'PATCH', headers, body: rewritten })
  c.req.bodyCache = {}
  try {
    return await next()
  } finally {
    // Outer steps (the traffic recorder) must see the body the client sent.
    c.req.raw = raw
    c.req.bodyCache = bodyCache
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
