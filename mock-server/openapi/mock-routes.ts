/**
 * The mock's public documents under `/_mock`: the OpenAPI document, the interactive reference
 * page and the JSON Schema of each webhook event. No authentication: they hold no data.
 *
 * @module
 */
import { Hono } from 'hono'
import { randomSecret } from '../accounts/secrets.ts'
import { publicBaseOf } from '../control/public-base.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { eventJsonSchema } from '../webhooks/payload.ts'
import { WEBHOOK_EVENTS } from '../webhooks/webhook-config.ts'
import { docsPage } from './docs-page.ts'
import { openApiDocument } from './document.ts'

export function mockDocsRoutes(ctx: MockContext): Hono {
  const app = new Hono()
  app.get('/openapi.json', (c) => c.json(openApiDocument(publicBaseOf(ctx, c))))
  app.get('/docs', (c) => {
    const nonce = randomSecret(16)
    return c.html(docsPage(nonce), 200, {
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'`,
      'Referrer-Policy': 'no-referrer',
    })
  })
  app.get('/webhooks/schemas/:event', (c) => {
    const event = WEBHOOK_EVENTS.find((e) => e === c.req.param('event'))
    if (!event) {
      throw new ApiError(
        404,
        `Unknown webhook event "${c.req.param('event').slice(0, 60)}": use ${WEBHOOK_EVENTS.join(', ')}.`,
      )
    }
    return c.body(JSON.stringify(eventJsonSchema(event), null, 2), 200, {
      'Content-Type': 'application/schema+json',
      'Content-Disposition': `inline; filename="${event}.schema.json"`,
    })
  })
  return app
}
