/**
 * What SCIM reads show of an identity a reset left pending: its ClearID extension values are gone,
 * all but the sync key `externalId`; `userName`, `displayName` and `active` stay. ClearID's reset
 * "replaces all SCIM-integration identity data with the latest values from Entra"
 * (help.clearid.io, ResettingSCIMIntegrationIdentityData): the data the integration holds is
 * cleared, so the next time Entra reads the identity (GET by id in an incremental cycle, the
 * matching filter after "Restart provisioning") its diff finds every mapped value missing and its
 * PATCH sends all of them; none is refused, and the identity ends equal to Entra's values.
 *
 * The identity itself keeps its values until then (the REST API still shows them), and the key
 * stays, so Entra's link by id and its filters still find it.
 *
 * @module
 */
import type { Context } from 'hono'
import { isExtensionUrn } from '../../model/attributes.ts'
import type { MockContext } from '../context.ts'
import type { Answer, Step } from '../http/pipeline.ts'
import { scimText } from '../scim/respond.ts'
import { renderedBody } from '../traffic/rendered-body.ts'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A step of the SCIM reads of Users (GET by id, list, `.search`). */
export function scimResetView(ctx: MockContext): Step {
  return function scimResetView(c, next) {
    const accountId = c.req.param('accountId') ?? ''
    // The common case costs one lookup: no reset is pending in the account.
    if (!ctx.scimResets.hasPending(accountId)) return next()
    return withPendingHidden(ctx, c, accountId, next())
  }
}

/** The answer, with the extension values of pending identities taken out of its resources. */
export function withPendingHidden(
  ctx: MockContext,
  c: Context,
  accountId: string,
  answer: Answer,
): Answer {
  if (answer instanceof Promise) {
    return answer.then((response) => hidePending(ctx, c, accountId, response))
  }
  return hidePending(ctx, c, accountId, answer)
}

function hidePending(
  ctx: MockContext,
  c: Context,
  accountId: string,
  response: Response,
): Response {
  if (response.status !== 200) return response
  // The text the route rendered; an answer replaced after it (an injected fault) is left alone.
  const rendered = renderedBody(c, response)
  if (!rendered) return response
  const body: unknown = JSON.parse(rendered.text)
  if (!isObject(body)) return response
  const resources = Array.isArray(body.Resources) ? body.Resources : [body]
  let hidden = false
  for (const resource of resources) {
    if (isObject(resource) && typeof resource.id === 'string') {
      if (ctx.scimResets.isPending(accountId, resource.id)) hidden = hideValues(resource) || hidden
    }
  }
  if (!hidden) return response
  return scimText(c, JSON.stringify(body), 200, { ...rendered.headers })
}

/** Keeps only `externalId` in the resource's extension object; true when anything went. */
function hideValues(resource: Json): boolean {
  const key = Object.keys(resource).find(isExtensionUrn)
  const extension = key === undefined ? undefined : resource[key]
  if (!isObject(extension)) return false
  const kept: Json = {}
  for (const [name, value] of Object.entries(extension)) {
    if (name.toLowerCase() === 'externalid') kept[name] = value
  }
  if (Object.keys(kept).length === Object.keys(extension).length) return false
  resource[key as string] = kept
  return true
}
