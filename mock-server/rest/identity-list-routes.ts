/**
 * Identity service v3 list: `GET /identityservice/api/v3/accounts/{accountId}/identities` answers
 * `{identities, continuation}`; clients loop until `continuation` is null. Pages follow creation
 * order, so every live identity appears exactly once even when identities are created meanwhile.
 *
 * @module
 */
import { Hono } from 'hono'
import type { Identity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { ContinuationCodec } from './continuation.ts'
import { toRestIdentity } from './identity-shape.ts'
import { boundedInteger, includeOf } from './rest-body.ts'

export const IDENTITY_V3_MOUNT = '/identityservice/api/v3/accounts/:accountId'
export const MAX_PAGE_SIZE = 100

export function identityV3Routes(ctx: MockContext): Hono {
  const app = new Hono()
  const codec = new ContinuationCodec()

  app.get('/identities', async (c) => {
    const accountId = c.req.param('accountId') ?? ''
    const include = includeOf(c)
    const pageSize = boundedInteger(
      'pageSize',
      c.req.query('pageSize'),
      MAX_PAGE_SIZE,
      1,
      MAX_PAGE_SIZE,
    )
    const token = c.req.query('continuation')
    const afterId = token ? (await codec.decode(token, accountId)).afterId : undefined
    const { page, more } = pageAfter(ctx, accountId, afterId, pageSize)
    const last = page.at(-1)
    const continuation = more && last ? await codec.encode({ accountId, afterId: last.id }) : null
    return c.json({ identities: page.map((i) => toRestIdentity(i, include)), continuation })
  })
  return app
}

/** Live identities after `afterId` in creation order, and whether any remain after the page. */
function pageAfter(
  ctx: MockContext,
  accountId: string,
  afterId: string | undefined,
  pageSize: number,
): { page: Identity[]; more: boolean } {
  const page: Identity[] = []
  let started = afterId === undefined
  // Deleted identities keep their place in creation order, so a cursor on one still resolves.
  for (const identity of ctx.store.scan(accountId, true)) {
    if (!started) {
      started = identity.id === afterId
      continue
    }
    if (identity.deleted) continue
    if (page.length === pageSize) return { page, more: true }
    page.push(ctx.store.get(accountId, identity.id) ?? identity)
  }
  if (!started) {
    throw new ApiError(
      400,
      'The continuation token refers to an identity that no longer exists (the account data was cleared, or it was deleted and then purged after behaviour.deletedRetentionMs): start the listing again without continuation.',
      { errors: { continuation: ['Stale continuation token.'] } },
    )
  }
  return { page, more: false }
}
