import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { nextRecord } from '../test/next-record.ts'
import { startServer, type RunningServer } from './serve.ts'

const KEY = 'node-fault-key-1234'
const headers = (fault?: string) => ({
  Authorization: `Bearer ${KEY}`,
  ...(fault === undefined ? {} : { 'X-Mock-Fault': fault }),
})

describe('injected network faults over the Node server', () => {
  const app = createApp({ accounts: [{ id: 'acme', scimKey: KEY }] })
  let server: RunningServer
  let base = ''
  beforeAll(async () => {
    server = await startServer(app)
    base = `${server.url}/scim/v2/accounts/acme`
  })
  afterAll(() => server.close())

  it('destroys the socket on reset: fetch rejects with a TypeError, the server keeps serving', async () => {
    await expect(fetch(`${base}/Users`, { headers: headers('reset') })).rejects.toThrow(TypeError)
    expect((await fetch(`${base}/Users`, { headers: headers() })).status).toBe(200)
    expect(app.mock.traffic.records('acme')[0]?.error).toMatch(/connection reset/)
  })

  it('holds a timeout until the client gives up, then lets go of the request', async () => {
    const client = new AbortController()
    // The client gives up as soon as its request has reached the server.
    server.server.once('request', () => client.abort())
    const recorded = nextRecord(app)
    await expect(
      fetch(`${base}/Users`, { headers: headers('timeout=60000'), signal: client.signal }),
    ).rejects.toThrow(/abort/i)
    // Recorded once the server let go: had it held on for the bound (a minute), the test would time
    // out.
    expect((await recorded).error).toMatch(/no answer: timeout/)
  })

  it('drops the connection when the timeout bound passes', async () => {
    // When exactly the bound passes is checked on a fake clock in faults/faults.test.ts.
    const recorded = nextRecord(app)
    await expect(fetch(`${base}/Users`, { headers: headers('timeout=150') })).rejects.toThrow(
      TypeError,
    )
    expect((await recorded).error).toMatch(/no answer: timeout/)
  })

  it('streams a slow body over the wire', async () => {
    const response = await fetch(`${base}/ServiceProviderConfig`, {
      headers: headers('slow-body=256:10'),
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(await response.text())).toHaveProperty('schemas')
  })
})
