/**
 * Search service: `POST /searchservice/api/v1/accounts/{accountId}/identities` with `{skip, take}`
 * answers `{totalItems, results}` in creation order. Unlike the identity service it lists deleted
 * identities too, flagged `isDeleted: true` (ClearID keeps them for audit and search), for
 * `behaviour.deletedRetentionMs` (the mock purges them then).
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { purgeExpiredDeletions } from '../identity-changes.ts'
import { ALL_SECTIONS, toRestIdentity } from './identity-shape.ts'
import { boundedInteger, readRestBody } from './rest-body.ts'
import { isObject, memberOf } from './rest-values.ts'

export const SEARCH_MOUNT = '/searchservice/api/v1/accounts/:accountId'
const MAX_TAKE = 100

export function searchRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  app.post('/identities', async (c) => {
    const accountId = c.req.param('accountId') ?? ''
    const { skip, take } = await readSearchPage(ctx, c)
    // Deleted identities show for behaviour.deletedRetentionMs, then they are gone.
    purgeExpiredDeletions(ctx, accountId)
    const results = ctx.store
      .page(accountId, { offset: skip, limit: take, includeDeleted: true })
      .map((identity) => toRestIdentity(identity, ALL_SECTIONS))
    return c.json({ totalItems: ctx.store.count(accountId, true), results })
  })
  return app
}

/** The `{skip, take}` body every search of the service takes (identities, teams). */
export async function readSearchPage(
  ctx: MockContext,
  c: Context,
): Promise<{ skip: number; take: number }> {
  const body = await readRestBody(ctx, c)
  if (!isObject(body)) {
    throw new ApiError(400, 'The search body must be a JSON object such as {"skip":0,"take":100}.')
  }
  return {
    skip: boundedInteger('skip', memberOf(body, 'skip'), 0, 0, Number.MAX_SAFE_INTEGER),
    take: boundedInteger('take', memberOf(body, 'take'), MAX_TAKE, 0, MAX_TAKE),
  }
}
