import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  APP_ID,
  CLIENT_CREDENTIALS,
  graphTestApp,
  requestToken,
  SECRET,
  TENANT,
  tokenForm,
  TOKEN_PATH,
} from '../test/graph-test-client.ts'
import { readTestResponse } from '../test/test-response.ts'

const AT = new Date('2026-03-01T10:00:00Z')

describe('the identity platform token endpoint (client credentials)', () => {
  it('issues a Graph token carrying the granted Application permissions as roles', async () => {
    const app = graphTestApp({ app: { clock: () => AT } })
    const response = await requestToken(app)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
    })
    const token = response.body.access_token as string
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    const claims = decodeJwt(token)
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${TENANT}/`,
      tid: TENANT,
      appid: APP_ID,
      idtyp: 'app',
      ver: '1.0',
      roles: ['User.Read.All', 'Group.Read.All', 'Application.Read.All'],
      iat: AT.getTime() / 1000,
      exp: AT.getTime() / 1000 + 3599,
    })
    expect(claims.oid).toBe(claims.sub)
    expect(typeof claims.uti).toBe('string')
  })

  it('grants only the roles admin consent gave the app', async () => {
    const app = graphTestApp({
      tenant: { apps: [{ appId: APP_ID, secret: SECRET, roles: ['User.Read.All'] }] },
    })
    expect(decodeJwt((await requestToken(app)).body.access_token).roles).toEqual(['User.Read.All'])
  })

  it('takes the tenant domain for the id, and client credentials as HTTP Basic', async () => {
    const app = graphTestApp()
    const basic = btoa(`${APP_ID}:${SECRET}`)
    const response = await readTestResponse(
      await app.request('/graph/login/fabrikam.onmicrosoft.com/oauth2/v2.0/token', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${basic}`,
        },
        body: 'grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default',
      }),
    )
    expect(response.status).toBe(200)
    expect(decodeJwt(response.body.access_token).tid).toBe(TENANT)
  })

  const cases: [string, Record<string, string>, number, string, number, string?][] = [
    [
      'an unknown tenant',
      CLIENT_CREDENTIALS,
      400,
      'invalid_request',
      90002,
      '/graph/login/0badbad0-0000-4000-8000-000000000000/oauth2/v2.0/token',
    ],
    [
      'the common endpoint',
      CLIENT_CREDENTIALS,
      400,
      'invalid_request',
      50059,
      '/graph/login/common/oauth2/v2.0/token',
    ],
    [
      'an unknown application',
      { ...CLIENT_CREDENTIALS, client_id: '00000000-1111-4222-8333-444444444444' },
      400,
      'unauthorized_client',
      700016,
    ],
    [
      'a wrong secret',
      { ...CLIENT_CREDENTIALS, client_secret: 'not-the-secret' },
      401,
      'invalid_client',
      7000215,
    ],
    [
      'no secret',
      { grant_type: 'client_credentials', client_id: APP_ID, scope: CLIENT_CREDENTIALS.scope },
      401,
      'invalid_client',
      7000218,
    ],
    [
      'no grant_type',
      { client_id: APP_ID, client_secret: SECRET, scope: CLIENT_CREDENTIALS.scope },
      400,
      'invalid_request',
      900144,
    ],
    [
      'another grant',
      { ...CLIENT_CREDENTIALS, grant_type: 'password' },
      400,
      'unsupported_grant_type',
      70003,
    ],
    [
      'no scope',
      { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET },
      400,
      'invalid_request',
      900144,
    ],
    [
      'a delegated scope',
      { ...CLIENT_CREDENTIALS, scope: 'User.Read.All' },
      400,
      'invalid_scope',
      1002012,
    ],
    [
      'another resource',
      { ...CLIENT_CREDENTIALS, scope: 'https://management.azure.com/.default' },
      400,
      'invalid_resource',
      500011,
    ],
  ]
  for (const [what, fields, status, error, code, path] of cases) {
    it(`answers ${what} with AADSTS${code}`, async () => {
      const app = graphTestApp({ app: { clock: () => AT } })
      const response = await requestToken(app, fields, path ?? TOKEN_PATH)
      expect(response.status).toBe(status)
      expect(response.body).toMatchObject({
        error,
        error_codes: [code],
        timestamp: '2026-03-01 10:00:00Z',
        error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      })
      expect(response.body.error_description).toMatch(
        new RegExp(
          `^AADSTS${code}: .+\\r\\nTrace ID: ${response.body.trace_id}\\r\\nCorrelation ID: ${response.body.correlation_id}\\r\\nTimestamp: 2026-03-01 10:00:00Z$`,
          's',
        ),
      )
      expect(response.text).not.toContain(SECRET)
      expect(response.text).not.toContain('not-the-secret')
    })
  }

  it('answers an expired secret with AADSTS7000222', async () => {
    const app = graphTestApp({
      app: { clock: () => AT },
      tenant: { apps: [{ appId: APP_ID, secret: SECRET, secretExpires: '2026-02-01T00:00:00Z' }] },
    })
    const response = await requestToken(app)
    expect(response.status).toBe(401)
    expect(response.body.error_codes).toEqual([7000222])
  })

  it('echoes a client-request-id as the correlation id', async () => {
    const app = graphTestApp()
    const id = '0f0e0d0c-0b0a-4998-8776-655443322110'
    const init = tokenForm({ ...CLIENT_CREDENTIALS, client_secret: 'wrong' })
    const response = await readTestResponse(
      await app.request(TOKEN_PATH, {
        ...init,
        headers: { ...init.headers, 'client-request-id': id },
      }),
    )
    expect(response.body.correlation_id).toBe(id)
  })

  it('serves the tenant OpenID configuration MSAL reads, pointing at this token endpoint', async () => {
    const app = graphTestApp()
    const response = await readTestResponse(
      await app.request(`/graph/login/${TENANT}/v2.0/.well-known/openid-configuration`),
    )
    expect(response.status).toBe(200)
    expect(response.body.token_endpoint).toBe(`http://localhost${TOKEN_PATH}`)
    const keys = await readTestResponse(await app.request(new URL(response.body.jwks_uri).pathname))
    const token = (await requestToken(app)).body.access_token as string
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.body), {
      audience: 'https://graph.microsoft.com',
    })
    expect(payload.tid).toBe(TENANT)
  })
})
