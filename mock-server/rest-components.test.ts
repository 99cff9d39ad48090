import { describe, expect, it } from 'vitest'
import type { MiddlewareHandler } from 'hono'
import {
  accessToken,
  admin,
  api,
  restIdentity,
  restTestApp,
  scim,
  V2,
} from './control/rest-test-client.ts'

describe('createApp({ components }) on the REST side', () => {
  it('puts restMiddleware, made once, in front of the token, identity, search and admin routes only', async () => {
    const seen: string[] = []
    let made = 0
    const watch: MiddlewareHandler = async (c, next) => {
      seen.push(`${c.req.method} ${c.req.path}`)
      await next()
      if (c.req.header('x-teapot') !== undefined) {
        c.res = undefined
        c.res = new Response(null, { status: 418 })
      }
    }
    const app = restTestApp({
      components: {
        restMiddleware: () => {
          made += 1
          return watch
        },
      },
    })
    const token = await accessToken(app)
    await api(app, token, 'GET', `${V2}?externalId=nobody`)
    await api(app, token, 'POST', '/searchservice/api/v1/accounts/acme/identities', { take: 0 })
    await admin(app, 'GET', '/accounts')
    await scim(app, 'GET', '/Users')
    const teapot = await api(app, token, 'GET', `${V2}?externalId=nobody`, undefined, {
      'x-teapot': '1',
    })
    expect(teapot.status).toBe(418)
    expect(made).toBe(1)
    expect(seen).toEqual([
      'POST /sts/connect/token',
      `GET ${V2}`,
      'POST /searchservice/api/v1/accounts/acme/identities',
      'GET /_admin/accounts',
      `GET ${V2}`,
    ])
  })

  it('wraps the fetch webhook callbacks go through, once, around the configured one', async () => {
    const delivered: string[] = []
    let made = 0
    const app = restTestApp({
      allowInsecureLoopbackWebhooks: true,
      webhookFetch: async (url) => {
        delivered.push(`own ${url}`)
        return new Response(null, { status: 200 })
      },
      components: {
        webhookFetch: (own) => {
          made += 1
          return (url, init) => {
            delivered.push(`wrap ${url}`)
            return own(url, init)
          }
        },
      },
    })
    const hook = await admin(app, 'POST', '/accounts/acme/webhooks', {
      name: 'watch',
      url: 'https://receiver.example/hook',
      event: 'IdentityCreated',
    })
    expect(hook.status).toBe(201)
    const token = await accessToken(app)
    expect((await api(app, token, 'POST', V2, restIdentity('hooked'))).status).toBe(201)
    await app.mock.webhooks.drain()
    expect(made).toBe(1)
    expect(delivered).toEqual([
      'wrap https://receiver.example/hook',
      'own https://receiver.example/hook',
    ])
  })
})
