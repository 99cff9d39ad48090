import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RawRequest } from '../../testing/raw-http.ts'
import { startServer, type RunningServer } from '../node/serve.ts'
import { BASE, KEY, testApp, userBody } from './scim-test-client.ts'

const auth = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

function replace(path: string, value: unknown): string {
  return JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path, value }] })
}

describe('writes whose body arrives late, over a real socket', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startServer(testApp())
  })
  afterAll(() => server.close())

  async function create(): Promise<{ id: string; etag: string }> {
    const response = await fetch(`${server.url}${BASE}/Users`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(userBody()),
    })
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: string }
    return { id, etag: response.headers.get('etag') ?? '' }
  }

  /** Sends the head and the first half of a body, and holds the rest back until `finish`. */
  async function holdBack(method: string, path: string, body: string, headers = {}) {
    const bytes = Buffer.from(body)
    const request = new RawRequest(server.url, {
      method,
      path,
      headers: { ...auth, ...headers, 'Content-Length': String(bytes.length) },
    })
    const half = Math.floor(bytes.length / 2)
    await request.write(bytes.subarray(0, half))
    // Long enough for the server to have parsed the head and started on the request.
    await new Promise((resolve) => setTimeout(resolve, 50))
    return {
      finish: async () => {
        await request.write(bytes.subarray(half))
        try {
          return await request.answer()
        } finally {
          request.close()
        }
      },
    }
  }

  it('answers 412 to a PATCH whose If-Match went stale while its body was arriving', async () => {
    const user = await create()
    const path = `${BASE}/Users/${user.id}`
    const held = await holdBack('PATCH', path, replace('displayName', 'Held back'), {
      'If-Match': user.etag,
    })
    const second = await fetch(`${server.url}${path}`, {
      method: 'PATCH',
      headers: { ...auth, 'If-Match': user.etag },
      body: replace('displayName', 'Sent second'),
    })
    expect(second.status).toBe(200)
    const late = await held.finish()
    expect(late.status).toBe(412)
    expect(late.body).toContain('If-Match')
    const stored = (await (await fetch(`${server.url}${path}`, { headers: auth })).json()) as {
      displayName: string
      meta: { version: string }
    }
    expect(stored.displayName).toBe('Sent second')
    expect(stored.meta.version).toBe('W/"2"')
  })

  it('answers 412 to a PUT whose If-Match went stale while its body was arriving', async () => {
    const user = await create()
    const path = `${BASE}/Users/${user.id}`
    const current = (await (await fetch(`${server.url}${path}`, { headers: auth })).json()) as {
      userName: string
    }
    const replacement = JSON.stringify(userBody({ userName: current.userName }))
    const held = await holdBack('PUT', path, replacement, { 'If-Match': user.etag })
    const second = await fetch(`${server.url}${path}`, {
      method: 'PATCH',
      headers: { ...auth, 'If-Match': user.etag },
      body: replace('displayName', 'Sent second'),
    })
    expect(second.status).toBe(200)
    expect((await held.finish()).status).toBe(412)
  })

  it('answers 404 to a PATCH whose body finished after a DELETE, and the user stays deleted', async () => {
    const user = await create()
    const path = `${BASE}/Users/${user.id}`
    const held = await holdBack('PATCH', path, replace('displayName', 'Back from the dead'))
    const deleted = await fetch(`${server.url}${path}`, { method: 'DELETE', headers: auth })
    expect(deleted.status).toBe(204)
    expect((await held.finish()).status).toBe(404)
    expect((await fetch(`${server.url}${path}`, { headers: auth })).status).toBe(404)
    expect(server.server.listening).toBe(true)
  })
})
