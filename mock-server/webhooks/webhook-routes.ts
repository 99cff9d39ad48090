/**
 * Webhook management on the control plane: `/_admin/accounts/{accountId}/webhooks`. ClearID
 * configures webhooks in its portal (Administration > Webhooks), which the mock does not emulate,
 * so they live here. GET never returns the app key, only `hasAppKey`.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { MockContext } from '../context.ts'
import { readRestBody } from '../rest/rest-body.ts'
import { logRange } from './delivery-log.ts'
import type { Webhook } from './webhook-service.ts'

export function webhookView(webhook: Webhook): Record<string, unknown> {
  return {
    webhookId: webhook.id,
    name: webhook.name,
    description: webhook.description,
    enabled: webhook.enabled,
    url: webhook.url,
    hasAppKey: webhook.appKey !== undefined,
    headers: webhook.headers,
    event: webhook.event,
    createdUtc: webhook.createdAt,
    lastModifiedUtc: webhook.lastModifiedAt,
  }
}

export function webhookRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  const account = (c: Context) => c.req.param('accountId') ?? ''
  const webhookOf = (c: Context) => ctx.webhooks.require(account(c), c.req.param('webhookId') ?? '')

  app.get('/', (c) => c.json({ webhooks: ctx.webhooks.list(account(c)).map(webhookView) }))
  app.post('/', async (c) => {
    const webhook = ctx.webhooks.create(account(c), await readRestBody(ctx, c))
    return c.json(webhookView(webhook), 201, {
      Location: `${c.req.path.replace(/\/$/, '')}/${webhook.id}`,
    })
  })
  app.get('/:webhookId', (c) => c.json(webhookView(webhookOf(c))))
  app.patch('/:webhookId', async (c) => {
    const body = await readRestBody(ctx, c)
    return c.json(webhookView(ctx.webhooks.update(webhookOf(c), body)))
  })
  app.delete('/:webhookId', (c) => {
    ctx.webhooks.delete(webhookOf(c))
    return c.body(null, 204)
  })
  app.get('/:webhookId/logs', (c) => {
    const webhook = webhookOf(c)
    const range = logRange(c.req.query('from'), c.req.query('to'), ctx.clock())
    return c.json({
      webhookId: webhook.id,
      firstCallbackUtc: ctx.webhooks.log.firstCallback(webhook.id),
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      entries: ctx.webhooks.log.query(webhook.id, range),
    })
  })
  return app
}
