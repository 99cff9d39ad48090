/**
 * Request bodies under the Node adapter are read from Node's request as they arrive
 * (`http/node-body.ts`): a body sent in pieces is read whole, recorded, and a client that goes away
 * mid-body gets no identity created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type MockApp } from '../app.ts'
import { startServer, type RunningServer } from '../node/serve.ts'
import { RawRequest } from '../../testing/raw-http.ts'

const KEY = 'node-body-test-key-1234'
const USERS = '/scim/v2/accounts/acme/Users'
const HEAD = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }
const EXT = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'

const body = (n: number) =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `piece${n}@contoso.example`,
    displayName: `Piece ${n}`,
    [EXT]: { externalId: `piece-${n}`, firstName: `Piece` },
  })

describe('request bodies read from Node’s request', () => {
  let app: MockApp
  let server: RunningServer

  beforeAll(async () => {
    app = createApp({ accounts: [{ id: 'acme', scimKey: KEY }] })
    server = await startServer(app)
  })
  afterAll(() => server.close())

  it('reads a body sent in pieces whole, and records it', async () => {
    const text = body(1)
    const request = new RawRequest(server.url, {
      method: 'POST',
      path: USERS,
      headers: { ...HEAD, 'Content-Length': String(Buffer.byteLength(text)) },
    })
    try {
      await request.write(text.slice(0, 20))
      await new Promise((resolve) => setTimeout(resolve, 50))
      await request.write(text.slice(20))
      const answer = await request.answer()
      expect(answer.status).toBe(201)
      expect(JSON.parse(answer.body)).toMatchObject({ userName: 'piece1@contoso.example' })
    } finally {
      request.close()
    }
    const [record] = app.mock.traffic.records('acme').slice(-1)
    expect(record?.request.body).toMatchObject({ userName: 'piece1@contoso.example' })
  })

  it('creates nothing when the client goes away before its body ends', async () => {
    const text = body(2)
    const request = new RawRequest(server.url, {
      method: 'POST',
      path: USERS,
      headers: { ...HEAD, 'Content-Length': String(Buffer.byteLength(text)) },
    })
    await request.write(text.slice(0, 30))
    await new Promise((resolve) => setTimeout(resolve, 50))
    request.close()
    await expect.poll(() => app.mock.traffic.records('acme').length).toBe(2)
    const [record] = app.mock.traffic.records('acme').slice(-1)
    expect(record?.response?.status).toBe(400)
    expect(app.mock.store.findByUserName('acme', 'piece2@contoso.example')).toBeUndefined()
  })

  it('keeps serving the connection’s next request after a body it read', async () => {
    const first = await fetch(`${server.url}${USERS}`, {
      method: 'POST',
      headers: HEAD,
      body: body(3),
    })
    expect(first.status).toBe(201)
    const second = await fetch(
      `${server.url}${USERS}?filter=userName%20eq%20%22piece3%40contoso.example%22`,
      {
        headers: HEAD,
      },
    )
    expect(((await second.json()) as { totalResults: number }).totalResults).toBe(1)
  })
})
