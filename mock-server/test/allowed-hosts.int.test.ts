import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RawRequest, type RawAnswer } from '../../testing/raw-http.ts'
import { createApp, type MockApp } from '../app.ts'
import { AllowedHosts } from '../http/allowed-hosts.ts'
import { startServer, type RunningServer } from '../node/serve.ts'
import { DEV_ADMIN_TOKEN, DEV_SCIM_KEY } from '../options.ts'
import { userBody } from './scim-test-client.ts'

const USERS = '/scim/v2/accounts/demo/Users'
const user = (userName: string) => JSON.stringify(userBody({ userName }))

async function send(
  server: RunningServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<RawAnswer> {
  const request = new RawRequest(server.url, {
    method,
    path,
    headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
  })
  try {
    await request.write(body)
    return await request.answer()
  } finally {
    request.close()
  }
}

describe('the Host header, over a real socket', () => {
  let app: MockApp
  let server: RunningServer

  beforeAll(async () => {
    app = createApp({ allowedHosts: ['clearid.example', '.corp.example'] })
    server = await startServer(app)
  })
  afterAll(() => server.close())

  const admin = { Authorization: `Bearer ${DEV_ADMIN_TOKEN}` }
  const scim = { Authorization: `Bearer ${DEV_SCIM_KEY}`, 'Content-Type': 'application/scim+json' }

  it('refuses a hostile host on the control plane, even with the admin token (DNS rebinding)', async () => {
    const answer = await send(server, 'GET', '/_admin/accounts', {
      ...admin,
      Host: 'attacker.example',
    })
    expect(answer.status).toBe(421)
    expect(answer.headers['content-type']).toMatch(/problem\+json/)
    expect(answer.body).toContain('allowedHosts')
    expect(answer.body).not.toContain('"accounts"')
  })

  it('refuses it on SCIM (a SCIM error) and stores nothing', async () => {
    const answer = await send(
      server,
      'POST',
      USERS,
      { ...scim, Host: 'attacker.example:8080' },
      user('rebound@example.com'),
    )
    expect(answer.status).toBe(421)
    expect(answer.headers['content-type']).toMatch(/scim\+json/)
    expect(answer.headers.location).toBeUndefined()
    expect(app.mock.store.count('demo', true)).toBe(0)
  })

  it('refuses it on the REST services and the token service', async () => {
    const rest = await send(server, 'GET', '/identityservice/api/v3/accounts/demo/identities', {
      Authorization: 'Bearer whatever',
      Host: 'attacker.example',
    })
    expect(rest.status).toBe(421)
    const token = await send(
      server,
      'POST',
      '/sts/connect/token',
      { 'Content-Type': 'application/x-www-form-urlencoded', Host: 'attacker.example' },
      'grant_type=client_credentials',
    )
    expect(token.status).toBe(421)
    expect(JSON.parse(token.body)).toMatchObject({ error: 'invalid_request' })
  })

  it('refuses a hostile host given in the request line (absolute form)', async () => {
    const answer = await send(server, 'GET', 'http://attacker.example/_admin/accounts', admin)
    expect(answer.status).toBe(421)
  })

  it('answers loopback names and the allowed hosts, and builds locations from them only', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]`]) {
      expect((await send(server, 'GET', '/_admin/accounts', { ...admin, Host: host })).status).toBe(
        200,
      )
    }
    const created = await send(
      server,
      'POST',
      USERS,
      { ...scim, Host: 'clearid.example' },
      user('allowed@example.com'),
    )
    expect(created.status).toBe(201)
    expect(created.headers.location).toMatch(/^http:\/\/clearid\.example\/scim\/v2\/accounts\/demo/)
    expect(JSON.parse(created.body).meta.location).toBe(created.headers.location)
    const sub = await send(server, 'GET', USERS, { ...scim, Host: 'mock.corp.example' })
    expect(sub.status).toBe(200)
    expect(sub.body).not.toContain('attacker')
  })
})

describe('allowed hosts', () => {
  it('are loopback names, the host of publicBaseUrl and the listed ones', () => {
    const hosts = new AllowedHosts({
      publicBaseUrl: 'https://mock.example.org/base',
      allowedHosts: ['ClearID.test:8443', '.corp.example', '10.0.0.7', '::2'],
    })
    const allowed = [
      'http://localhost/x',
      'http://api.localhost:8080/x',
      'http://127.0.0.1:9/x',
      'http://127.8.9.10/x',
      'http://[::1]:8080/x',
      'https://mock.example.org/x',
      'https://clearid.test/x',
      'http://corp.example/x',
      'http://a.b.corp.example/x',
      'http://10.0.0.7:8080/x',
      'http://[::2]/x',
    ]
    const refused = [
      'http://attacker.example/x',
      'http://localhost.attacker.example/x',
      'http://127.0.0.1.attacker.example/x',
      'http://evilcorp.example/x',
      'http://10.0.0.8/x',
      'http://0.0.0.0/x',
      'http://localhost@attacker.example/x',
    ]
    for (const url of allowed) expect(hosts.allows(url), url).toBe(true)
    for (const url of refused) expect(hosts.allows(url), url).toBe(false)
  })

  it('may be any host, when asked', () => {
    expect(new AllowedHosts({ allowedHosts: true }).allows('http://attacker.example/')).toBe(true)
  })

  it('refuse an entry that is not a host, saying so', () => {
    expect(() => new AllowedHosts({ allowedHosts: ['not a host'] })).toThrow(
      /allowedHosts: "not a host"/,
    )
  })

  it('leave in-process use working: app.request, and a host a caller adds', async () => {
    const app = createApp()
    const headers = { Authorization: `Bearer ${DEV_SCIM_KEY}` }
    expect((await app.request(USERS, { headers })).status).toBe(200)
    expect((await app.request(`https://clearid.test${USERS}`, { headers })).status).toBe(421)
    app.mock.allowedHosts.allow('https://clearid.test')
    expect((await app.request(`https://clearid.test${USERS}`, { headers })).status).toBe(200)
  })
})
