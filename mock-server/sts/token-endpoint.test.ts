import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importPKCS8,
  jwtVerify,
  SignJWT,
} from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MockApp } from '../app.ts'
import {
  ACME,
  admin,
  api,
  OTHER,
  restTestApp,
  send,
  testClock,
  tokenRequest,
  V2,
} from '../control/rest-test-client.ts'
import { JWT_BEARER } from './constants.ts'

const ACME_INTEGRATION_ID = ACME.clientId.split(':')[0] as string

function credentials(client = ACME) {
  return {
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
  }
}

function basic(id: string, secret: string): string {
  return `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`
}

describe('POST /sts/connect/token: client credentials', () => {
  let app: MockApp
  beforeAll(() => {
    app = restTestApp()
  })

  it('issues a ClearID-shaped bearer token without a scope parameter', async () => {
    const res = await tokenRequest(app, credentials())
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.body).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'iams-all-permissions-delegated iams-api iams-roles openid',
    })
  })

  it('signs the token RS512 with typ at+jwt and the claims ClearID issues', async () => {
    const token = (await tokenRequest(app, credentials())).body.access_token as string
    const header = decodeProtectedHeader(token)
    expect(header).toMatchObject({ alg: 'RS512', typ: 'at+jwt' })
    expect(header.kid).toMatch(/^\d{4}-\d{2}-\d{2}-iams-signing-credential$/)
    const claims = decodeJwt(token)
    expect(claims).toMatchObject({
      iss: 'http://localhost/sts',
      client_id: ACME.clientId,
      sub: ACME_INTEGRATION_ID,
      account_id: 'acme',
      role: 'Service',
      acme_role: 'admin',
      acme_state: 'Active',
      acme_is_delegate: false,
      idp: 'local',
      // ClearID's published sample: email is the integration's guid (= sub), amr ["assertion"]
      // (developer.clearid.io/docs/authentication, shown there for both grants).
      email: ACME_INTEGRATION_ID,
      scope: ['iams-all-permissions-delegated', 'iams-api', 'iams-roles', 'openid'],
      amr: ['assertion'],
    })
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600)
    expect(claims.nbf).toBe(claims.iat)
    expect(claims.auth_time).toBe(claims.iat)
    expect(claims.jti).toEqual(expect.any(String))
  })

  it('publishes a JWKS that verifies the token, and a discovery document', async () => {
    const token = (await tokenRequest(app, credentials())).body.access_token as string
    const jwks = await send(app, '/sts/.well-known/openid-configuration/jwks')
    expect(jwks.status).toBe(200)
    expect(jwks.body.keys[0]).toMatchObject({
      kty: 'RSA',
      alg: 'RS512',
      use: 'sig',
      kid: decodeProtectedHeader(token).kid,
    })
    expect(jwks.body.keys[0].d).toBeUndefined()
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), {
      issuer: 'http://localhost/sts',
    })
    expect(payload.account_id).toBe('acme')
    const discovery = await send(app, '/sts/.well-known/openid-configuration')
    expect(discovery.body).toMatchObject({
      issuer: 'http://localhost/sts',
      jwks_uri: 'http://localhost/sts/.well-known/openid-configuration/jwks',
      token_endpoint: 'http://localhost/sts/connect/token',
      grant_types_supported: ['client_credentials', JWT_BEARER],
    })
  })

  it('answers GET on the service root with 200, as a connector test connection expects', async () => {
    // fernando-delosrios/ClearID src/http-client.ts testConnection: GET {sts}/ with the bearer
    // token; src/index.ts fails the test connection on anything but 200.
    const token = (await tokenRequest(app, credentials())).body.access_token as string
    for (const path of ['/sts', '/sts/']) {
      const res = await send(app, path, { headers: { Authorization: `Bearer ${token}` } })
      expect(res.status, path).toBe(200)
      expect(res.body).toMatchObject({
        issuer: 'http://localhost/sts',
        token_endpoint: 'http://localhost/sts/connect/token',
        discovery: 'http://localhost/sts/.well-known/openid-configuration',
      })
    }
    expect((await send(app, '/sts/')).status).toBe(200)
    expect((await send(app, '/sts/', { method: 'POST' })).status).toBe(404)
  })

  it('ignores a scope parameter', async () => {
    const res = await tokenRequest(app, { ...credentials(), scope: 'anything else' })
    expect(res.status).toBe(200)
    expect(res.body.scope).toBe('iams-all-permissions-delegated iams-api iams-roles openid')
  })

  it('accepts HTTP Basic client authentication', async () => {
    const res = await tokenRequest(
      app,
      { grant_type: 'client_credentials' },
      { Authorization: basic(ACME.clientId, ACME.clientSecret) },
    )
    expect(res.status).toBe(200)
  })

  it('answers invalid_client 401 with a Basic challenge when Basic authentication fails', async () => {
    const res = await tokenRequest(
      app,
      { grant_type: 'client_credentials' },
      { Authorization: basic(ACME.clientId, 'wrong') },
    )
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /)
    expect(res.body.error).toBe('invalid_client')
  })

  it.each([
    ['a wrong secret', { ...credentials(), client_secret: 'not-the-secret' }],
    [
      'an unknown client',
      { ...credentials(), client_id: '99999999-9999-4999-8999-999999999999:acme' },
    ],
    ['no secret', { grant_type: 'client_credentials', client_id: ACME.clientId }],
  ])(
    'answers invalid_client 400 for %s in the body, without echoing the secret',
    async (_name, params) => {
      const res = await tokenRequest(app, params)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.body.error).toBe('invalid_client')
      expect(res.text).not.toContain('not-the-secret')
      expect(res.text).not.toContain(ACME.clientSecret)
    },
  )

  it('answers unsupported_grant_type for other grants and invalid_request without one', async () => {
    const password = await tokenRequest(app, { ...credentials(), grant_type: 'password' })
    expect(password.status).toBe(400)
    expect(password.body.error).toBe('unsupported_grant_type')
    const missing = await tokenRequest(app, {
      client_id: ACME.clientId,
      client_secret: ACME.clientSecret,
    })
    expect(missing.body.error).toBe('invalid_request')
  })

  it('refuses a JSON body with invalid_request', async () => {
    const res = await send(app, '/sts/connect/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(credentials()),
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
    expect(res.body.error_description).toMatch(/x-www-form-urlencoded/)
  })

  it('refuses a duplicated parameter and two authentication methods', async () => {
    const duplicated = await send(app, '/sts/connect/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `${new URLSearchParams(credentials())}&grant_type=client_credentials`,
    })
    expect(duplicated.status).toBe(400)
    expect(duplicated.body).toMatchObject({ error: 'invalid_request' })
    expect(duplicated.body.error_description).toMatch(/grant_type/)
    const both = await tokenRequest(app, credentials(), {
      Authorization: basic(ACME.clientId, ACME.clientSecret),
    })
    expect(both.body.error).toBe('invalid_request')
  })
})

describe('API integration keys', () => {
  it('regenerating a key revokes the previous secret at once; the key file is downloadable once', async () => {
    const app = restTestApp()
    const generated = await admin(
      app,
      'POST',
      `/accounts/acme/integrations/${ACME_INTEGRATION_ID}/key`,
    )
    expect(generated.status).toBe(201)
    expect(generated.text).not.toContain('clientSecret')
    const old = await tokenRequest(app, credentials())
    expect(old.status).toBe(400)
    expect(old.body.error).toBe('invalid_client')
    const file = await send(
      app,
      `/_admin/accounts/acme/integrations/${ACME_INTEGRATION_ID}/key-file`,
      {
        headers: { Authorization: 'Bearer test-admin-token' },
      },
    )
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="key-acme-Startup-integration.json"',
    )
    expect(file.body).toMatchObject({
      clientId: ACME.clientId,
      accountId: 'acme',
      keyId: ACME.clientId,
      stsUrl: 'http://localhost/sts',
    })
    const fresh = await tokenRequest(app, {
      ...credentials(),
      client_secret: file.body.clientSecret,
    })
    expect(fresh.status).toBe(200)
    const again = await admin(
      app,
      'GET',
      `/accounts/acme/integrations/${ACME_INTEGRATION_ID}/key-file`,
    )
    expect(again.status).toBe(410)
    expect(again.body.detail).toMatch(/Generate a new key/)
  })
})

describe('POST /sts/connect/token: JWT assertion', () => {
  const { clock, advance } = testClock()
  let app: MockApp
  let privateKey: CryptoKey
  const now = () => Math.floor(clock().getTime() / 1000)

  async function assertion(
    claims: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
    key = privateKey,
  ) {
    const t = now()
    const payload = {
      iss: ACME.clientId,
      sub: ACME.clientId,
      aud: 'iams-sts',
      iat: t,
      nbf: t,
      exp: t + 3600,
      jti: crypto.randomUUID(),
    }
    return new SignJWT({ ...payload, ...claims })
      .setProtectedHeader({ alg: 'RS512', kid: ACME.clientId, typ: 'JWT', ...header } as {
        alg: string
      })
      .sign(key)
  }
  const grant = (jwt: string, clientId: string | undefined = ACME.clientId) =>
    tokenRequest(app, {
      grant_type: JWT_BEARER,
      assertion: jwt,
      ...(clientId ? { client_id: clientId } : {}),
    })

  beforeAll(async () => {
    app = restTestApp({ clock })
    const file = await admin(
      app,
      'GET',
      `/accounts/acme/integrations/${ACME_INTEGRATION_ID}/key-file`,
    )
    privateKey = await importPKCS8(file.body.privateKeyPem as string, 'RS512')
  })

  it('issues a token for a valid RS512 assertion and records amr assertion', async () => {
    const res = await grant(await assertion())
    expect(res.status).toBe(200)
    expect(decodeJwt(res.body.access_token as string).amr).toEqual(['assertion'])
    const withoutClientId = await grant(await assertion(), undefined)
    expect(withoutClientId.status).toBe(200)
  })

  it('refuses a replayed jti', async () => {
    const jwt = await assertion()
    expect((await grant(jwt)).status).toBe(200)
    const replay = await grant(jwt)
    expect(replay.status).toBe(400)
    expect(replay.body.error).toBe('invalid_grant')
    expect(replay.body.error_description).toMatch(/already used/)
  })

  it('tolerates small clock skew but refuses expired and not-yet-valid assertions', async () => {
    expect((await grant(await assertion({ exp: now() - 30 }))).status).toBe(200)
    const expired = await grant(await assertion({ exp: now() - 600 }))
    expect(expired.body).toMatchObject({ error: 'invalid_grant' })
    expect(expired.body.error_description).toMatch(/expired/)
    const early = await grant(await assertion({ nbf: now() + 600 }))
    expect(early.body.error).toBe('invalid_grant')
  })

  it.each([
    ['a wrong audience', { aud: 'https://elsewhere' }, {}, /aud/],
    ['a wrong issuer', { iss: 'someone-else' }, {}, /iss/],
    ['a kid other than the client id', {}, { kid: 'other-key' }, /kid/],
    ['no jti', { jti: undefined }, {}, /jti/],
  ])('refuses an assertion with %s as invalid_grant', async (_name, claims, header, message) => {
    const res = await grant(await assertion(claims, header))
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_grant')
    expect(res.body.error_description).toMatch(message)
  })

  it('refuses a signature from another key and a non-RS512 algorithm', async () => {
    const stranger = await generateKeyPair('RS512')
    const forged = await grant(await assertion({}, {}, stranger.privateKey))
    expect(forged.body.error).toBe('invalid_grant')
    expect(forged.body.error_description).toMatch(/signature/)
    const rs256 = await generateKeyPair('RS256')
    const wrongAlg = await grant(await assertion({}, { alg: 'RS256' }, rs256.privateKey))
    expect(wrongAlg.body.error_description).toMatch(/RS512/)
  })

  it('refuses a missing assertion and an unknown client', async () => {
    expect(
      (await tokenRequest(app, { grant_type: JWT_BEARER, client_id: ACME.clientId })).body.error,
    ).toBe('invalid_request')
    const unknown = await grant(await assertion(), OTHER.clientId.replace('2222', '3333'))
    expect(unknown.body.error).toBe('invalid_client')
  })

  it('refuses the old private key after a key regeneration', async () => {
    const fresh = restTestApp({ clock })
    const first = await admin(
      fresh,
      'GET',
      `/accounts/acme/integrations/${ACME_INTEGRATION_ID}/key-file`,
    )
    const oldKey = await importPKCS8(first.body.privateKeyPem as string, 'RS512')
    await admin(fresh, 'POST', `/accounts/acme/integrations/${ACME_INTEGRATION_ID}/key`)
    const res = await tokenRequest(fresh, {
      grant_type: JWT_BEARER,
      client_id: ACME.clientId,
      assertion: await assertion({}, {}, oldKey),
    })
    expect(res.body.error).toBe('invalid_grant')
  })

  it('tokens stop working after 3600 s (401 invalid_token)', async () => {
    const token = (await grant(await assertion())).body.access_token as string
    expect((await api(app, token, 'GET', `${V2}?externalId=none`)).status).toBe(200)
    advance(3601 * 1000)
    const expired = await api(app, token, 'GET', `${V2}?externalId=none`)
    expect(expired.status).toBe(401)
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/)
    expect(expired.body.detail).toMatch(/expired/)
  })
})
