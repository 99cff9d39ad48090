/**
 * The `slow-body` fault over a real socket, with traffic recording on (the default): the body must
 * trickle to the client in chunks, not reach it in one piece after the recorder read it all. The
 * test logs, in one list, each chunk the server hands to the socket and each chunk the client
 * receives; a trickle interleaves them, a held-back body sends every chunk before the first arrives.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp, type MockApp } from '../app.ts'
import { startServer, type RunningServer } from './serve.ts'

const KEY = 'slow-body-key-1234'
const CHUNK_BYTES = 256

const app = createApp({
  accounts: [{ id: 'acme', scimKey: KEY }],
  faults: [
    { route: 'GET /ServiceProviderConfig', slowBody: { chunkBytes: CHUNK_BYTES, delayMs: 10 } },
  ],
})
const events: string[] = []
let server: RunningServer

/** The app, its answers' bodies passed on chunk by chunk with a `sent` event each. */
function observed(mock: MockApp): MockApp {
  const fetch = async (...args: Parameters<MockApp['fetch']>): Promise<Response> => {
    const response = await mock.fetch(...args)
    const source = response.body?.getReader()
    if (!source) return response
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await source.read()
        if (done) return controller.close()
        events.push('sent')
        controller.enqueue(value)
      },
    })
    return new Response(body, response)
  }
  return Object.assign(Object.create(mock) as MockApp, { fetch })
}

beforeAll(async () => {
  server = await startServer(observed(app))
})
afterAll(() => server.close())

function get(url: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const req = request(url, { headers: { Authorization: `Bearer ${KEY}` } }, (res) => {
      events.push('headers')
      res.on('data', (chunk: Buffer) => {
        events.push('received')
        chunks.push(chunk)
      })
      res.on('end', () => resolve(chunks))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

it('trickles the body to the client in chunks while the exchange is recorded', async () => {
  const chunks = await get(`${server.url}/scim/v2/accounts/acme/ServiceProviderConfig`)
  const body = Buffer.concat(chunks)
  expect(JSON.parse(body.toString('utf8'))).toHaveProperty('schemas')
  const sent = events.filter((event) => event === 'sent').length
  expect(sent).toBe(Math.ceil(body.length / CHUNK_BYTES))
  expect(sent).toBeGreaterThanOrEqual(3)
  // The client has its first chunk before the server has even produced the last one.
  expect(events.indexOf('received')).toBeLessThan(events.lastIndexOf('sent'))
  expect(events.indexOf('headers')).toBeLessThan(events.lastIndexOf('sent'))
  const [record] = app.mock.traffic.records('acme')
  expect(record?.fault).toMatchObject({ type: 'slow-body' })
  expect(record?.response?.body).toHaveProperty('schemas')
})
