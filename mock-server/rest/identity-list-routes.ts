/**
 * Identity service v3 list: `GET /identityservice/api/v3/accounts/{accountId}/identities` answers
 * `{identities, continuation}`; clients loop until `continuation` is null. Pages follow creation
 * order, so every identity appears exactly once even when identities are created meanwhile.
 *
 * The only query parameters are `continuation` and `include`: the one public v3 client sends nothing
 * else, so the page size is `behaviour.v3PageSize` and a `pageSize` parameter is ignored like any
 * unknown one. Deleted identities are listed with `isDeleted: true` (until they are purged after
 * `behaviour.deletedRetentionMs`), as in the search service: that client checks `isDeleted` on each
 * v3 item, which it would have no reason to do if ClearID left them out, and a client that handles
 * them is right either way.
 *
 * @module
 */
import { Hono } from 'hono'
import type { StoredIdentity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { purgeExpiredDeletions } from '../identity-changes.ts'
import { ContinuationCodec } from './continuation.ts'
import { toRestIdentity } from './identity-shape.ts'
import { queryValue } from './query-params.ts'
import { includeOf } from './rest-body.ts'

export const IDENTITY_V3_MOUNT = '/identityservice/api/v3/accounts/:accountId'

export function identityV3Routes(ctx: MockContext): Hono {
  const app = new Hono()
  const codec = new ContinuationCodec()

  app.get('/identities', async (c) => {
    const accountId = c.req.param('accountId') ?? ''
    const include = includeOf(c)
    const token = queryValue(c, 'continuation')
    // An empty continuation is the first page: the PHP client starts with `?continuation=`.
    const afterId = token ? (await codec.decode(token, accountId)).afterId : undefined
    purgeExpiredDeletions(ctx, accountId)
    const pageSize = Math.max(1, ctx.behaviour.v3PageSize)
    const { page, more } = pageAfter(ctx, accountId, afterId, pageSize)
    const last = page.at(-1)
    const continuation = more && last ? await codec.encode({ accountId, afterId: last.id }) : null
    return c.json({ identities: page.map((i) => toRestIdentity(i, include)), continuation })
  })
  return app
}

/** Identities after `afterId` in creation order, and whether any remain after the page. */
function pageAfter(
  ctx: MockContext,
  accountId: string,
  afterId: string | undefined,
  pageSize: number,
): { page: StoredIdentity[]; more: boolean } {
  const page: StoredIdentity[] = []
  let started = afterId === undefined
  for (const identity of ctx.store.scan(accountId, true)) {
    if (!started) {
      started = identity.id === afterId
      continue
    }
    if (page.length === pageSize) return { page, more: true }
    page.push(identity)
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
