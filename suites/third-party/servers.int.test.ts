/**
 * Smoke test of the two third-party SCIM servers: each starts on loopback, creates a user, reads it
 * back, refuses a request without the token, and keeps its data to itself.
 *
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBetterAuthServer } from './better-auth-server.ts'
import type { RunningServer } from './listen.ts'
import { startScimmyServer } from './scimmy-server.ts'
import { CORE_USER_SCHEMA } from '../../model/attributes.ts'

const servers: readonly [string, () => Promise<RunningServer>][] = [
  ['SCIMMY', startScimmyServer],
  ['Better Auth', startBetterAuthServer],
]

describe.each(servers)('%s server', (_name, start) => {
  let server: RunningServer
  let other: RunningServer

  beforeAll(async () => {
    server = await start()
    other = await start()
  })
  afterAll(async () => {
    await server.close()
    await other.close()
  })

  const call = (
    target: RunningServer,
    path: string,
    init: RequestInit = {},
    token = target.token,
  ) =>
    fetch(`${target.baseUrl}${path}`, {
      ...init,
      headers: {
        'Content-Type': 'application/scim+json',
        ...(token === '' ? {} : { Authorization: `Bearer ${token}` }),
      },
    })

  it('listens on a loopback address', () => {
    expect(new URL(server.baseUrl).hostname).toBe('127.0.0.1')
    expect(server.baseUrl).not.toBe(other.baseUrl)
  })

  it('creates a user and reads it back', async () => {
    const created = await call(server, '/Users', {
      method: 'POST',
      body: JSON.stringify({
        schemas: [CORE_USER_SCHEMA],
        userName: 'ada@contoso.com',
        externalId: 'ext-ada',
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada@contoso.com', type: 'work', primary: true }],
        active: true,
      }),
    })
    expect(created.status).toBe(201)
    const body = (await created.json()) as { id: string; userName: string }
    expect(body.userName).toBe('ada@contoso.com')

    const read = await call(server, `/Users/${body.id}`)
    expect(read.status).toBe(200)
    expect(((await read.json()) as { userName: string }).userName).toBe('ada@contoso.com')

    const elsewhere = await call(other, `/Users/${body.id}`)
    expect(elsewhere.status).toBe(404)
  })

  it('refuses a request without the bearer token', async () => {
    const response = await call(server, '/Users', {}, '')
    expect(response.status).toBe(401)
  })
})
