/**
 * The token service (research/clearid.md §2.1): the client-credentials and JWT-assertion grants,
 * RFC 6749 §5 answers and errors, RFC 7523 assertion checks (audience, expiry, replay), the one-hour
 * lifetime, and the resource services' bearer checks (RFC 6750 §3) and account scope.
 *
 * @module
 */
import { decodeJwt } from 'jose'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { signAssertion, type AssertionOverrides } from '../../driver/rest/assertion.ts'
import {
  CLIENT_CREDENTIALS,
  JWT_BEARER,
  TOKEN_PATH,
  TokenRefused,
} from '../../driver/rest/token-source.ts'
import type { RestCheckContext } from '../server/context.ts'
import { setupFailed } from '../server/check-stops.ts'
import { isObject } from '../server/findings.ts'
import type { Findings } from '../server/findings.ts'
import { defineRestRule } from './define-rest.ts'
import { docs, rfc6749, rfc6750, rfc7519, rfc7523, restDoc } from './sources.ts'
import { detailOf, expectOAuthError } from './steps.ts'

const AREA = 'rest-token'

function tokenRequest(
  rest: RestCheckContext,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return rest.http.send({ service: 'sts', method: 'POST', path: TOKEN_PATH, form, headers })
}

function secretForm(rest: RestCheckContext, secret: string): Record<string, string> {
  return {
    grant_type: CLIENT_CREDENTIALS,
    client_id: rest.http.credentials.clientId,
    client_secret: secret,
  }
}

async function assertionForm(
  rest: RestCheckContext,
  overrides: AssertionOverrides = {},
): Promise<Record<string, string>> {
  const key = await rest.http.credentials.assertionKey?.()
  if (!key) throw new TokenRefused('the key file could not be read')
  return {
    grant_type: JWT_BEARER,
    client_id: key.clientId,
    assertion: await signAssertion(key, overrides),
  }
}

/** A successful token response (RFC 6749 §5.1); returns the access token. */
function expectToken(f: Findings, answer: HttpAnswer, what: string): string | undefined {
  if (!f.status(answer, 200, what)) return undefined
  const body = isObject(answer.body) ? answer.body : undefined
  const token = body?.access_token
  f.check(
    typeof token === 'string' && token !== '',
    `${what}: the answer must carry "access_token"`,
    answer,
    'a non-empty string',
    typeof token,
  )
  f.check(
    typeof body?.token_type === 'string' && body.token_type.toLowerCase() === 'bearer',
    `${what}: "token_type" must be "Bearer" (RFC 6749 §7.1; case-insensitive)`,
    answer,
    'Bearer',
    body?.token_type,
  )
  f.check(
    Number.isInteger(body?.expires_in) && (body?.expires_in as number) > 0,
    `${what}: "expires_in" should give the lifetime in seconds`,
    answer,
    'a positive integer',
    body?.expires_in,
  )
  return typeof token === 'string' && token !== '' ? token : undefined
}

/** The token opens the identity service: a lookup of an external id nobody has answers 200. */
async function expectTokenWorks(
  f: Findings,
  rest: RestCheckContext,
  token: string,
  what: string,
): Promise<void> {
  const answer = await rest.http.send({
    service: 'identity',
    method: 'GET',
    path: rest.http.identitiesPath(
      'v2',
      `?externalId=${encodeURIComponent(`${rest.http.runTag}nobody`)}`,
    ),
    auth: { bearer: token },
  })
  f.check(
    answer.status === 200,
    `${what}: the token must open the identity service (GET …/identities?externalId=… answered HTTP ${answer.status}${detailOf(answer)})`,
    answer,
    200,
    answer.status,
  )
}

export const clientSecretGrant = defineRestRule({
  id: 'REST-TOKEN-001',
  level: 'MUST',
  title: 'The client-credentials grant with the client secret gives a Bearer token that works',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'token', 'read-only'],
  sources: [
    docs.clientSecret('client_id, client_secret and grant_type=client_credentials; no scope'),
    docs.authentication('{"access_token", "expires_in": 3600, "token_type": "Bearer", "scope"}'),
    rfc6749('4.4'),
  ],
  fix: 'Answer POST /connect/token (form: grant_type=client_credentials, client_id, client_secret) with 200 and {"access_token", "token_type": "Bearer", "expires_in"}; accept the token on the identity service.',
  writes: false,
  applies: (facts) =>
    facts.rest && !facts.rest.clientSecret
      ? 'no client secret given (--client-secret or CLEARID_CLIENT_SECRET)'
      : undefined,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const secret = rest.http.credentials.clientSecret ?? ''
    const answer = await tokenRequest(rest, secretForm(rest, secret))
    const token = expectToken(f, answer, 'POST /connect/token (client_credentials)')
    if (token) await expectTokenWorks(f, rest, token, 'the client-credentials token')
    return f.list
  },
})

export const tokenNoStore = defineRestRule({
  id: 'REST-TOKEN-002',
  level: 'MUST',
  title: 'A token response is not cacheable: Cache-Control: no-store and Pragma: no-cache',
  profile: 'rfc',
  area: AREA,
  tags: ['rest', 'token', 'read-only', 'security'],
  sources: [rfc6749('5.1')],
  fix: 'Send "Cache-Control: no-store" and "Pragma: no-cache" with every answer that carries a token.',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const answer = await tokenRequest(rest, await rest.http.tokens.grantForm())
    if (!f.status(answer, 200, 'POST /connect/token')) return f.list
    const cache = answer.headers['cache-control'] ?? ''
    f.check(
      /(?:^|,)\s*no-store\s*(?:,|$)/i.test(cache),
      'the token answer must carry "Cache-Control: no-store" (RFC 6749 §5.1)',
      answer,
      'no-store',
      cache || '(absent)',
    )
    const pragma = answer.headers.pragma ?? ''
    f.check(
      /no-cache/i.test(pragma),
      'the token answer must carry "Pragma: no-cache" (RFC 6749 §5.1)',
      answer,
      'no-cache',
      pragma || '(absent)',
    )
    return f.list
  },
})

export const assertionGrant = defineRestRule({
  id: 'REST-TOKEN-003',
  level: 'MUST',
  title: 'The JWT-assertion grant (RS512, aud iams-sts) gives a Bearer token that works',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'token', 'read-only', 'jwt'],
  needs: ['assertion-key'],
  sources: [
    docs.jwtAssertion(
      'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer, an RS512 assertion with kid, iss and sub = client id, aud = iams-sts',
    ),
    rfc7523('2.1'),
  ],
  fix: "Accept the jwt-bearer grant: verify the RS512 assertion with the integration's public key (kid = client id), check iss, sub, aud = iams-sts and exp, and answer 200 with a Bearer token.",
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const answer = await tokenRequest(rest, await assertionForm(rest))
    const token = expectToken(f, answer, 'POST /connect/token (jwt-bearer)')
    if (token) await expectTokenWorks(f, rest, token, 'the assertion token')
    return f.list
  },
})

export const invalidClient = defineRestRule({
  id: 'REST-TOKEN-004',
  level: 'MUST',
  title: 'A wrong client secret gets invalid_client; with HTTP Basic, 401 and a challenge',
  profile: 'rfc',
  area: AREA,
  tags: ['rest', 'token', 'read-only', 'security'],
  sources: [rfc6749('5.2'), rfc6749('2.3.1')],
  fix: 'Answer a wrong or unknown client with {"error": "invalid_client"} (400 or 401); when the client authenticated with HTTP Basic, answer 401 with a WWW-Authenticate: Basic challenge.',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const wrong = `${rest.http.runTag}wrong-secret-0000000000`
    const posted = await tokenRequest(rest, secretForm(rest, wrong))
    expectOAuthError(f, posted, [400, 401], 'invalid_client', 'a wrong client_secret in the body')
    const clientId = rest.http.credentials.clientId
    const basic = btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(wrong)}`)
    const viaBasic = await tokenRequest(
      rest,
      { grant_type: CLIENT_CREDENTIALS },
      { Authorization: `Basic ${basic}` },
    )
    if (
      expectOAuthError(f, viaBasic, 401, 'invalid_client', 'a wrong client secret with HTTP Basic')
    ) {
      const challenge = viaBasic.headers['www-authenticate'] ?? ''
      f.check(
        /^basic\b/i.test(challenge),
        'a 401 for HTTP Basic client authentication must carry "WWW-Authenticate: Basic …" (RFC 6749 §5.2)',
        viaBasic,
        'Basic …',
        challenge || '(absent)',
      )
    }
    return f.list
  },
})

export const grantErrors = defineRestRule({
  id: 'REST-TOKEN-005',
  level: 'MUST',
  title: 'An unknown grant gets unsupported_grant_type; a missing one invalid_request',
  profile: 'rfc',
  area: AREA,
  tags: ['rest', 'token', 'read-only', 'bad-input'],
  sources: [rfc6749('5.2')],
  fix: 'Answer grant_type=password (or any grant the service does not offer) with 400 {"error": "unsupported_grant_type"}, and a request without grant_type with 400 {"error": "invalid_request"}.',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const form = await rest.http.tokens.grantForm()
    const unknown = await tokenRequest(rest, { ...form, grant_type: 'password' })
    expectOAuthError(f, unknown, 400, 'unsupported_grant_type', 'grant_type=password')
    const { grant_type: _grant, ...without } = form
    const missing = await tokenRequest(rest, without)
    expectOAuthError(f, missing, 400, 'invalid_request', 'a token request without grant_type')
    return f.list
  },
})

/** An assertion the service must refuse with invalid_grant. */
async function expectAssertionRefused(
  f: Findings,
  rest: RestCheckContext,
  overrides: AssertionOverrides,
  what: string,
): Promise<void> {
  const answer = await tokenRequest(rest, await assertionForm(rest, overrides))
  if (answer.status === 200) {
    f.error(`${what}: the token service issued a token for it`, answer, 'invalid_grant', 200)
    return
  }
  expectOAuthError(f, answer, 400, 'invalid_grant', what)
}

export const assertionAudience = defineRestRule({
  id: 'REST-TOKEN-006',
  level: 'MUST',
  title: 'An assertion for another audience gets invalid_grant',
  profile: 'rfc',
  area: AREA,
  tags: ['rest', 'token', 'read-only', 'jwt', 'security'],
  needs: ['assertion-key'],
  sources: [rfc7523('3'), docs.jwtAssertion('the assertion\'s aud is "iams-sts"')],
  fix: 'Reject a client assertion whose aud is not the token service ("iams-sts") with 400 {"error": "invalid_grant"}.',
  writes: false,
  check: async (ctx, rest) => {
    await expectAssertionRefused(
      ctx.findings,
      rest,
      { aud: 'https://elsewhere.example/token' },
      'an assertion with aud "https://elsewhere.example/token"',
    )
    return ctx.findings.list
  },
})

export const assertionExpired = defineRestRule({
  id: 'REST-TOKEN-007',
  level: 'MUST',
  title: 'An expired assertion gets invalid_grant',
  profile: 'rfc',
  area: AREA,
  tags: ['rest', 'token', 'read-only', 'jwt', 'security'],
  needs: ['assertion-key'],
  sources: [rfc7523('3'), rfc7519('4.1.4')],
  fix: 'Reject a client assertion whose exp has passed (beyond a small clock skew) with 400 {"error": "invalid_grant"}.',
  writes: false,
  check: async (ctx, rest) => {
    // Ten minutes past: beyond any reasonable clock skew.
    await expectAssertionRefused(
      ctx.findings,
      rest,
      { expiresIn: -600, notBefore: -1200 },
      'an assertion that expired ten minutes ago',
    )
    return ctx.findings.list
  },
})

export const assertionReplay = defineRestRule({
  id: 'REST-TOKEN-008',
  level: 'SHOULD',
  title: 'A replayed assertion (same jti) gets invalid_grant',
  profile: 'rfc',
  area: AREA,
  tags: ['rest', 'token', 'read-only', 'jwt', 'security'],
  needs: ['assertion-key'],
  sources: [
    rfc7523('3'),
    rfc7519('4.1.7'),
    restDoc('Token service', 'a jti cannot be reused while its assertion is valid'),
  ],
  fix: 'Remember the jti of every accepted assertion until it expires, and answer a second use with 400 {"error": "invalid_grant"}: a captured assertion must not buy a second token.',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const form = await assertionForm(rest)
    const first = await tokenRequest(rest, form)
    if (first.status !== 200)
      setupFailed(
        'get a token with a fresh assertion',
        `HTTP ${first.status}${detailOf(first)}`,
        first,
      )
    const again = await tokenRequest(rest, form)
    if (again.status === 200) {
      f.error('the same assertion bought a second token', again, 'invalid_grant', 200)
      return f.list
    }
    expectOAuthError(f, again, 400, 'invalid_grant', 'the same assertion a second time')
    return f.list
  },
})

/** Seconds of slack between the harness's clock and the server's. */
const CLOCK_SLACK = 120

export const tokenLifetime = defineRestRule({
  id: 'REST-TOKEN-009',
  level: 'MUST',
  title: 'Access tokens last one hour: expires_in 3600, and a JWT token expires then',
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'token', 'read-only'],
  sources: [
    docs.authentication('tokens last 1 hour ("expires_in": 3600)'),
    docs.accessToken('renew the token after about half its lifetime'),
  ],
  fix: 'Issue access tokens valid for 3600 seconds, say so in "expires_in", and set the exp claim of a JWT access token to match.',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const answer = await tokenRequest(rest, await rest.http.tokens.grantForm())
    if (!f.status(answer, 200, 'POST /connect/token')) return f.list
    const token = (answer.body as { access_token?: unknown } | undefined)?.access_token
    if (typeof token !== 'string') {
      f.error('the token answer has no "access_token"', answer)
      return f.list
    }
    const expiresIn = (answer.body as { expires_in?: unknown }).expires_in
    f.check(expiresIn === 3600, '"expires_in" must be 3600 (one hour)', answer, 3600, expiresIn)
    let exp: unknown
    try {
      exp = decodeJwt(token).exp
    } catch {
      f.info('the access token is not a JWT: its own expiry was not checked', answer)
      return f.list
    }
    const inSeconds = typeof exp === 'number' ? exp - Date.now() / 1000 : undefined
    f.check(
      inSeconds !== undefined && Math.abs(inSeconds - 3600) <= CLOCK_SLACK,
      `the access token's exp must be about one hour away (it is ${inSeconds === undefined ? 'absent' : `${Math.round(inSeconds)} s away`})`,
      answer,
      '3600 s',
      inSeconds === undefined ? exp : Math.round(inSeconds),
    )
    return f.list
  },
})

export const bearerChallenge = defineRestRule({
  id: 'REST-TOKEN-010',
  level: 'MUST',
  title: 'The identity service answers 401 with a Bearer challenge: invalid_token for a bad token',
  profile: 'rfc',
  area: AREA,
  tags: ['rest', 'token', 'auth', 'read-only', 'security'],
  sources: [
    rfc6750('3'),
    rfc6750('3.1'),
    docs.accessToken('API calls send Authorization: Bearer <access_token>'),
  ],
  fix: 'Answer a request without a token with 401 and "WWW-Authenticate: Bearer"; a request with an invalid or expired token with 401 and "WWW-Authenticate: Bearer error=\\"invalid_token\\"".',
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const path = rest.http.identitiesPath(
      'v2',
      `?externalId=${encodeURIComponent(`${rest.http.runTag}nobody`)}`,
    )
    const none = await rest.http.send({ service: 'identity', method: 'GET', path, auth: 'none' })
    if (f.status(none, 401, 'GET …/identities without a token')) {
      const challenge = none.headers['www-authenticate'] ?? ''
      f.check(
        /^bearer\b/i.test(challenge),
        'a 401 without a token must carry "WWW-Authenticate: Bearer …" (RFC 6750 §3)',
        none,
        'Bearer …',
        challenge || '(absent)',
      )
    }
    const token = await rest.http.tokens.token()
    // The same token with its signature spoilt: well-formed, not valid.
    const [head = '', payload = ''] = token.split('.')
    const forged = `${head}.${payload}.${'A'.repeat(86)}`
    const bad = await rest.http.send({
      service: 'identity',
      method: 'GET',
      path,
      auth: { bearer: forged },
    })
    if (f.status(bad, 401, 'GET …/identities with a forged token')) {
      const challenge = bad.headers['www-authenticate'] ?? ''
      f.check(
        /^bearer\b/i.test(challenge) && /error\s*=\s*"?invalid_token"?/i.test(challenge),
        'a 401 for an invalid token must carry \'WWW-Authenticate: Bearer error="invalid_token"\' (RFC 6750 §3.1)',
        bad,
        'Bearer error="invalid_token"',
        challenge || '(absent)',
      )
    }
    return f.list
  },
})

export const accountScope = defineRestRule({
  id: 'REST-TOKEN-011',
  level: 'MUST',
  title: "A token opens only its own account: another account's path answers 403",
  profile: 'clearid',
  area: AREA,
  tags: ['rest', 'token', 'auth', 'read-only', 'security'],
  sources: [
    docs.swagger('accountId is required in pretty much all API calls'),
    restDoc(
      'Identity service v2',
      'a token whose account_id is not the account in the path gets 403',
    ),
  ],
  fix: "Compare the token's account with the account in the path and answer 403 when they differ; never serve another account's identities.",
  writes: false,
  check: async (ctx, rest) => {
    const f = ctx.findings
    const answer = await rest.http.send({
      service: 'identity',
      method: 'GET',
      path: rest.http.identitiesPath(
        'v2',
        `?externalId=${encodeURIComponent(`${rest.http.runTag}nobody`)}`,
        rest.foreignAccountId,
      ),
    })
    f.status(
      answer,
      403,
      `GET …/accounts/${rest.foreignAccountId}/identities with this account's token`,
    )
    return f.list
  },
})
