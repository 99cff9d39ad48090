/**
 * Identity service v2: `/identityservice/api/v2/accounts/{accountId}/identities`. Get by id with
 * `include=`, lookup by `externalId`, create, merge PATCH and replace PUT (both need the current
 * `eTag`), soft DELETE. Reads and writes go to the same store as SCIM.
 *
 * @module
 */
import { liveIdentity } from './live-identity.ts'
import { Hono, type Context } from 'hono'
import { publicBaseOf } from '../control/public-base.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { ALL_SECTIONS, restETagOf, toRestIdentity } from './identity-shape.ts'
import {
  createIdentity,
  deleteIdentity,
  mergeIdentity,
  replaceIdentity,
} from './identity-writes.ts'
import { parseRestIdentity } from './parse-identity.ts'
import { queryValue } from './query-params.ts'
import { includeOf, readRestBody } from './rest-body.ts'

export const IDENTITY_V2_MOUNT = '/identityservice/api/v2/accounts/:accountId'

export function identityV2Routes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  const changes = async (c: Context) => parseRestIdentity(await readRestBody(ctx, c))

  app.get('/identities', (c) => lookupByExternalId(ctx, c))

  app.post('/identities', async (c) => {
    const identity = createIdentity(ctx, account(c), await changes(c))
    const location = `${publicBaseOf(ctx, c)}/identityservice/api/v2/accounts/${identity.accountId}/identities/${identity.id}`
    return c.json(toRestIdentity(identity, ALL_SECTIONS), 201, {
      Location: location,
      ETag: restETagOf(identity),
    })
  })

  app.get('/identities/:identityId', (c) => {
    const identity = liveIdentity(ctx, account(c), c.req.param('identityId'))
    return c.json(toRestIdentity(identity, includeOf(c)), 200, { ETag: restETagOf(identity) })
  })

  app.patch('/identities/:identityId', async (c) => {
    // Body first: the read-check-write below must not span an await.
    const body = await changes(c)
    const updated = mergeIdentity(
      ctx,
      liveIdentity(ctx, account(c), c.req.param('identityId')),
      body,
    )
    return c.json(toRestIdentity(updated, ALL_SECTIONS), 200, { ETag: restETagOf(updated) })
  })

  app.put('/identities/:identityId', async (c) => {
    // Body first: the read-check-write below must not span an await.
    const body = await changes(c)
    const updated = replaceIdentity(
      ctx,
      liveIdentity(ctx, account(c), c.req.param('identityId')),
      body,
    )
    return c.json(toRestIdentity(updated, ALL_SECTIONS), 200, { ETag: restETagOf(updated) })
  })

  app.delete('/identities/:identityId', (c) => {
    deleteIdentity(ctx, liveIdentity(ctx, account(c), c.req.param('identityId')))
    return c.body(null, 204)
  })
  return app
}

function lookupByExternalId(ctx: MockContext, c: Context): Response {
  const externalId = queryValue(c, 'externalId')
  if (externalId === undefined) {
    throw new ApiError(
      400,
      'externalId is required on this endpoint (lookup by external id). To list identities use GET /identityservice/api/v3/accounts/{accountId}/identities.',
      { errors: { externalId: ['The externalId query parameter is required.'] } },
    )
  }
  const include = includeOf(c)
  const found = ctx.store.findByExternalId(c.req.param('accountId') ?? '', externalId)
  return c.json(found ? [toRestIdentity(found, include)] : [])
}
