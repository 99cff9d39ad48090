import { serve } from '@hono/node-server'
import { createApp } from './mock-server/app.ts'
const app = createApp({ accounts: [{ id: 'demo', scimKey: 'k1k1k1k1k1' }] })
const server = await new Promise<any>((r) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => r({ s, port: info.port })) })
const url = `http://127.0.0.1:${server.port}/scim/v2/accounts/demo`
const h = { authorization: 'Bearer k1k1k1k1k1', 'content-type': 'application/scim+json' }
const errors: string[] = []
let bigStatus = 0
for (let i = 0; i < 10; i++) {
  await Promise.all([
    (async () => { try { const r = await fetch(`${url}/Users`, { method: 'POST', body: 'x'.repeat(1_200_000), headers: h }); bigStatus = r.status; await r.text() } catch (e: any) { errors.push('big ' + e.cause?.code) } })(),
    ...Array.from({length: 4}, async () => { for (let k = 0; k < 5; k++) { try { await (await fetch(`${url}/Users?count=1`, { headers: h })).text() } catch (e: any) { errors.push('get ' + e.cause?.code) } } }),
  ])
}
console.log('mock via plain serve', errors.length, bigStatus)
server.s.close(); server.s.closeAllConnections?.()
