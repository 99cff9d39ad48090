import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type MockApp } from '../app.ts'
import { restStartupFromEnv } from '../node/rest-env.ts'
import { startServer, type RunningServer } from '../node/serve.ts'
import { DEV_ADMIN_TOKEN, DEV_CLIENT_SECRET, devClientId } from '../options.ts'

describe('REST API and control plane over the Node server (supertest)', () => {
  let app: MockApp
  let server: RunningServer

  beforeAll(async () => {
    // What `npm start` builds on loopback with no environment.
    app = createApp({
      accounts: [{ id: 'demo', scimKey: 'node-server-test-key' }],
      ...restStartupFromEnv({}, '127.0.0.1', 'demo').options,
    })
    server = await startServer(app)
  })
  afterAll(async () => {
    app.mock.webhooks.stop()
    await server.close()
  })

  async function token(): Promise<string> {
    const res = await request(server.url)
      .post('/sts/connect/token')
      .type('form')
      .send({
        grant_type: 'client_credentials',
        client_id: devClientId('demo'),
        client_secret: DEV_CLIENT_SECRET,
      })
      .expect(200)
    return res.body.access_token as string
  }

  it('issues a token with the development credentials and issuer of the server URL', async () => {
    const access = await token()
    const [, payload] = access.split('.')
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()).iss).toBe(
      `${server.url}/sts`,
    )
  })

  it('creates and reads an identity', async () => {
    const access = await token()
    const created = await request(server.url)
      .post('/identityservice/api/v2/accounts/demo/identities')
      .set('Authorization', `Bearer ${access}`)
      .send({ displayName: 'Node Test', lastName: 'Test', systemData: { externalId: 'node-1' } })
      .expect(201)
    expect(created.headers.location).toBe(
      `${server.url}/identityservice/api/v2/accounts/demo/identities/${created.body.identityId}`,
    )
    await request(server.url)
      .get('/identityservice/api/v2/accounts/demo/identities')
      .query({ externalId: 'node-1', include: 'SystemData' })
      .set('Authorization', `Bearer ${access}`)
      .expect(200)
      .expect((res) => expect(res.body[0].systemData.externalId).toBe('node-1'))
  })

  it('downloads the key file with its file name once, then answers 410', async () => {
    const integrations = await request(server.url)
      .get('/_admin/accounts/demo/integrations')
      .auth(DEV_ADMIN_TOKEN, { type: 'bearer' })
      .expect(200)
    const id = integrations.body.integrations[0].integrationId as string
    const file = await request(server.url)
      .get(`/_admin/accounts/demo/integrations/${id}/key-file`)
      .auth(DEV_ADMIN_TOKEN, { type: 'bearer' })
      .expect(200)
    expect(file.headers['content-disposition']).toBe(
      'attachment; filename="key-demo-Startup-integration.json"',
    )
    expect(file.body).toMatchObject({
      clientId: devClientId('demo'),
      clientSecret: DEV_CLIENT_SECRET,
      tokenUrl: `${server.url}/sts/connect/token`,
    })
    await request(server.url)
      .get(`/_admin/accounts/demo/integrations/${id}/key-file`)
      .auth(DEV_ADMIN_TOKEN, { type: 'bearer' })
      .expect(410)
  })

  it('serves the OpenAPI document and the reference page', async () => {
    await request(server.url)
      .get('/_mock/openapi.json')
      .expect(200)
      .expect((res) => expect(res.body.servers[0].url).toBe(server.url))
    await request(server.url)
      .get('/_mock/docs')
      .expect(200)
      .expect('Content-Type', /text\/html/)
  })
})
