/**
 * REST wire defects of the token service and the bearer checks: token answers, OAuth errors,
 * assertion checks, the challenge and the account scope, and key regeneration. See `rest-wire.ts`.
 *
 * @module
 */
import { ApiError } from '../../mock-server/errors/api-error.ts'
import {
  bearerOf,
  fakeToken,
  isRecord,
  isTokenRequest,
  jwtClaims,
  restAnswerJson,
  restWithHeaders,
  restWithJson,
  setRestBody,
  tokenParams,
  type RestWire,
  type RestWireDefects,
} from './rest-wire.ts'
import { perApp } from './per-app.ts'

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

async function grantOf(wire: RestWire): Promise<string | undefined> {
  return isTokenRequest(wire)
    ? ((await tokenParams(wire)).get('grant_type') ?? undefined)
    : undefined
}

/** The assertion's claims, for a jwt-bearer token request. */
async function assertionClaims(wire: RestWire): Promise<Record<string, unknown> | undefined> {
  if (!isTokenRequest(wire)) return undefined
  const params = await tokenParams(wire)
  if (params.get('grant_type') !== JWT_BEARER) return undefined
  return jwtClaims(params.get('assertion') ?? '')
}

async function tokenAnswer(answer: Response): Promise<Record<string, unknown> | undefined> {
  if (answer.status !== 200) return undefined
  const body = await restAnswerJson(answer)
  return isRecord(body) && typeof body.access_token === 'string' ? body : undefined
}

/** Tokens a defect has seen issued for the jwt-bearer grant, per app. */
const assertionTokens = perApp(() => new Set<string>())
/** The newest client secret that got a token, per client id, per app. */
const latestSecrets = perApp(() => ({ latest: new Map<string, string>(), seen: new Set<string>() }))

export const TOKEN_DEFECTS: RestWireDefects = {
  'client-credentials-no-token-type': {
    response: async (wire, answer) => {
      if ((await grantOf(wire)) !== 'client_credentials') return undefined
      const body = await tokenAnswer(answer)
      if (!body) return undefined
      const { token_type: _dropped, ...rest } = body
      return restWithJson(answer, rest)
    },
  },
  'token-cacheable': {
    response: (wire, answer) =>
      isTokenRequest(wire) && answer.status === 200
        ? restWithHeaders(answer, (headers) => {
            headers.delete('cache-control')
            headers.delete('pragma')
          })
        : undefined,
  },
  'assertion-token-refused': {
    request: (wire) => {
      const token = wire.surface === 'identity' ? bearerOf(wire) : undefined
      if (token !== undefined && assertionTokens(wire.ctx).has(token))
        throw new ApiError(401, 'This token is not accepted here.', {
          headers: { 'WWW-Authenticate': 'Bearer realm="ClearID API", error="invalid_token"' },
        })
    },
    response: async (wire, answer) => {
      if ((await grantOf(wire)) !== JWT_BEARER) return undefined
      const body = await tokenAnswer(answer)
      if (body) assertionTokens(wire.ctx).add(String(body.access_token))
      return undefined
    },
  },
  'basic-invalid-client-400': {
    response: (wire, answer) =>
      isTokenRequest(wire) &&
      answer.status === 401 &&
      /^basic\s/i.test(wire.c.req.header('authorization') ?? '')
        ? new Response(answer.body, {
            status: 400,
            headers: (() => {
              const headers = new Headers(answer.headers)
              headers.delete('www-authenticate')
              return headers
            })(),
          })
        : undefined,
  },
  'unknown-grant-invalid-request': {
    response: async (wire, answer) => {
      if (!isTokenRequest(wire) || answer.status !== 400) return undefined
      const body = await restAnswerJson(answer)
      return isRecord(body) && body.error === 'unsupported_grant_type'
        ? restWithJson(answer, { ...body, error: 'invalid_request' })
        : undefined
    },
  },
  'assertion-audience-unchecked': {
    response: async (wire, answer) => {
      const claims = await assertionClaims(wire)
      return claims && claims.aud !== 'iams-sts' && answer.status === 400
        ? fakeToken(answer)
        : undefined
    },
  },
  'expired-assertion-accepted': {
    response: async (wire, answer) => {
      const claims = await assertionClaims(wire)
      const expired = typeof claims?.exp === 'number' && claims.exp < Date.now() / 1000
      return expired && answer.status === 400 ? fakeToken(answer) : undefined
    },
  },
  'assertion-replay-accepted': {
    response: async (wire, answer) => {
      if (!isTokenRequest(wire) || answer.status !== 400) return undefined
      const body = await restAnswerJson(answer)
      const replay =
        isRecord(body) &&
        body.error === 'invalid_grant' &&
        /already used/i.test(String(body.error_description))
      return replay ? fakeToken(answer) : undefined
    },
  },
  'token-lifetime-one-day': {
    response: async (wire, answer) => {
      const body = isTokenRequest(wire) ? await tokenAnswer(answer) : undefined
      return body ? restWithJson(answer, { ...body, expires_in: 86_400 }) : undefined
    },
  },
  'invalid-token-no-error-code': {
    response: (wire, answer) =>
      wire.surface !== 'sts' &&
      wire.surface !== 'admin' &&
      answer.status === 401 &&
      wire.c.req.header('authorization') !== undefined
        ? restWithHeaders(answer, (headers) =>
            headers.set('www-authenticate', 'Bearer realm="ClearID API"'),
          )
        : undefined,
  },
  'foreign-account-served': {
    response: (wire, answer) =>
      wire.surface === 'identity' && answer.status === 403
        ? restWithJson(answer, [], 200)
        : undefined,
  },
  'old-client-secret-accepted': {
    request: async (wire) => {
      if (!isTokenRequest(wire)) return
      const params = await tokenParams(wire)
      const id = params.get('client_id')
      const secret = params.get('client_secret')
      if (id === null || secret === null) return
      const state = latestSecrets(wire.ctx)
      const latest = state.latest.get(id)
      // A secret that once worked, now replaced: sent on as the newest one.
      if (latest !== undefined && latest !== secret && state.seen.has(`${id} ${secret}`)) {
        params.set('client_secret', latest)
        await setRestBody(wire, params.toString())
      }
    },
    response: async (wire, answer) => {
      if (!isTokenRequest(wire) || answer.status !== 200) return undefined
      const params = await tokenParams(wire)
      const id = params.get('client_id')
      const secret = params.get('client_secret')
      if (id === null || secret === null) return undefined
      const state = latestSecrets(wire.ctx)
      state.latest.set(id, secret)
      state.seen.add(`${id} ${secret}`)
      return undefined
    },
  },
}
