import { Hono } from 'hono'
import { serve } from '@hono/node-server'
for (const mode of ['plain', 'close', 'drain']) {
  const app = new Hono()
  app.post('/big', async (c) => {
    if (mode === 'drain') await c.req.arrayBuffer()
    return c.body('too large', 413, mode === 'close' ? { Connection: 'close' } : {})
  })
  app.get('/x', (c) => c.text('ok'))
  const server = await new Promise<any>((r) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => r({ s, port: info.port })) })
  const url = `http://127.0.0.1:${server.port}`
  const errors: string[] = []
  for (let i = 0; i < 10; i++) {
    await Promise.all([
      (async () => { try { await (await fetch(`${url}/big`, { method: 'POST', body: 'x'.repeat(1_200_000) })).text() } catch (e: any) { errors.push('big ' + e.cause?.code) } })(),
      ...Array.from({length: 4}, async () => { for (let k = 0; k < 5; k++) { try { await (await fetch(`${url}/x`)).text() } catch (e: any) { errors.push('get ' + e.cause?.code) } } }),
    ])
  }
  console.log(mode, errors.length, errors[0])
  server.s.close(); server.s.closeAllConnections?.()
}
