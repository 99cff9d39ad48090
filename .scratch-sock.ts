import { createApp } from './mock-server/app.ts'
import { startServer } from './mock-server/node/serve.ts'
const server = await startServer(createApp({ accounts: [{ id: 'demo', scimKey: 'k1k1k1k1k1' }] }))
const url = `${server.url}/scim/v2/accounts/demo`
const h = { authorization: 'Bearer k1k1k1k1k1', 'content-type': 'application/scim+json' }
let errors: string[] = []
const big = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x', description: 'x'.repeat(1_200_000) })
for (let i = 0; i < 10; i++) {
  await Promise.all([
    (async () => { try { const r = await fetch(`${url}/Users`, { method: 'POST', body: big, headers: h }); await r.text(); } catch (e: any) { errors.push('big ' + e.cause?.code) } })(),
    ...Array.from({length: 4}, async (_, j) => { for (let k = 0; k < 5; k++) { try { await (await fetch(`${url}/Users?count=1`, { headers: h })).text() } catch (e: any) { errors.push('get ' + e.cause?.code) } } }),
  ])
}
console.log('errors', errors)
await server.close()
