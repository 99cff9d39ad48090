/**
 * Accounts on the control plane: create and list them, generate the SCIM key (shown once; the
 * previous key is rejected at once), reset the SCIM identity data, seed and clear identities, and
 * read the account's request log.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { Account } from '../accounts/account-registry.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { purgeExpiredDeletions } from '../identity-changes.ts'
import { ALL_SECTIONS, toRestIdentity } from '../rest/identity-shape.ts'
import { bodyLimitOf, readBody } from '../http/read-body.ts'
import { readRestBody } from '../rest/rest-body.ts'
import { checkText } from '../webhooks/webhook-config.ts'
import { publicBaseOf } from './public-base.ts'
import { seedBodies, seedIdentities } from './seed-identities.ts'

const NO_STORE = { 'Cache-Control': 'no-store' }

function accountView(ctx: MockContext, c: Context, account: Account): Record<string, unknown> {
  purgeExpiredDeletions(ctx, account.id)
  return {
    accountId: account.id,
    createdUtc: account.createdAt,
    tenantUrl: `${publicBaseOf(ctx, c)}/scim/v2/accounts/${account.id}`,
    scimKey: account.scimKey
      ? { name: account.scimKey.name, createdUtc: account.scimKey.createdAt }
      : null,
    identities: ctx.store.count(account.id, false),
    deletedIdentities: ctx.store.count(account.id, true) - ctx.store.count(account.id, false),
  }
}

/** `/_admin/accounts`: list, create and read accounts. */
export function accountRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  app.get('/', (c) => c.json({ accounts: ctx.accounts.list().map((a) => accountView(ctx, c, a)) }))
  app.post('/', async (c) => {
    const body = (await readRestBody(ctx, c)) as Record<string, unknown> | null
    const created = ctx.accounts.create(checkText('accountId', body?.accountId, true, 64))
    return c.json(accountView(ctx, c, created), 201, { Location: `${c.req.path}/${created.id}` })
  })
  app.get('/:accountId', (c) =>
    c.json(accountView(ctx, c, ctx.accounts.get(c.req.param('accountId')) as Account)),
  )
  return app
}

/** `/_admin/accounts/{accountId}/scim/…`: the SCIM key and the SCIM reset. */
export function scimAdminRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  app.post('/key', async (c) => {
    const empty = (await readBody(c, bodyLimitOf(ctx.behaviour))).text.trim() === ''
    const body = empty ? {} : ((await readRestBody(ctx, c)) as Record<string, unknown> | null)
    const name = body?.name === undefined ? 'SCIM key' : checkText('name', body.name, true, 128)
    const key = ctx.accounts.setScimKey(account(c), name)
    const createdUtc = ctx.accounts.get(account(c))?.scimKey?.createdAt
    const tenantUrl = `${publicBaseOf(ctx, c)}/scim/v2/accounts/${account(c)}`
    return c.json({ name, createdUtc, key, tenantUrl }, 201, NO_STORE)
  })
  app.get('/key', (c) => {
    const info = ctx.accounts.get(account(c))?.scimKey
    if (!info) {
      throw new ApiError(404, 'This account has no SCIM key yet: POST …/scim/key to generate one.')
    }
    return c.json({ name: info.name, createdUtc: info.createdAt })
  })
  app.post('/reset', (c) => c.json(ctx.scimResets.start(account(c)), 202, { Location: c.req.path }))
  app.get('/reset', (c) => {
    const status = ctx.scimResets.status(account(c))
    if (!status) throw new ApiError(404, 'No SCIM reset was started for this account.')
    return c.json(status)
  })
  return app
}

/** `/_admin/accounts/{accountId}/…`: seeding and clearing identities, and the request log. */
export function identityAdminRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  app.post('/identities/seed', async (c) => {
    const bodies = await seedBodies(await readRestBody(ctx, c))
    const identities = seedIdentities(ctx, account(c), bodies)
    const views = identities.map((i) => toRestIdentity(i, ALL_SECTIONS))
    return c.json({ created: identities.length, identities: views }, 201)
  })
  app.delete('/identities', (c) => {
    ctx.store.clear(account(c))
    ctx.scimResets.forget(account(c))
    ctx.principals.forget(account(c))
    ctx.teams.clearMembers(account(c))
    return c.body(null, 204)
  })
  app.get('/log', (c) => c.json({ entries: ctx.requestLog.list(account(c)) }))
  return app
}
