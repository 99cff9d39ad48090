/**
 * The ClearID Secure Token Service under `/sts`: the token endpoint (client secret and JWT
 * assertion grants), the JWKS that resource services verify tokens with, and an OpenID discovery
 * document. Errors are OAuth error bodies (RFC 6749 §5.2), rendered by `renderError`.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { ApiIntegration } from '../accounts/api-integrations.ts'
import { issuerOf, publicBaseOf } from '../control/public-base.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { bodyLimitOf } from '../http/read-body.ts'
import { assertionClientId, verifyAssertion } from './assertion.ts'
import {
  CLIENT_CREDENTIALS,
  DISCOVERY_PATH,
  JWKS_PATH,
  JWT_BEARER,
  STS_MOUNT,
  TOKEN_PATH,
  TOKEN_SCOPES,
} from './constants.ts'
import { invalidRequest, readTokenRequest, type TokenRequest } from './token-request.ts'

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }

export function stsRouter(ctx: MockContext): Hono {
  const app = new Hono()
  app.post(TOKEN_PATH, async (c) => {
    // The body first, before any other work: an oversized one is refused as it arrives (413).
    const request = await readTokenRequest(c, bodyLimitOf(ctx.behaviour))
    const integration = await authenticate(ctx, request)
    const token = await ctx.tokens.issue(integration, issuerOf(ctx, c), ctx.ids())
    return c.json(
      {
        access_token: token.accessToken,
        expires_in: token.expiresIn,
        token_type: 'Bearer',
        scope: TOKEN_SCOPES.join(' '),
      },
      200,
      NO_STORE,
    )
  })
  app.get(JWKS_PATH, async (c) => c.json(await ctx.tokens.jwks()))
  app.get(DISCOVERY_PATH, (c) => c.json(discovery(publicBaseOf(ctx, c))))
  return app
}

async function authenticate(ctx: MockContext, request: TokenRequest): Promise<ApiIntegration> {
  const grantType = request.params.get('grant_type')
  if (!grantType) {
    throw invalidRequest(`grant_type is required: use "${CLIENT_CREDENTIALS}" or "${JWT_BEARER}".`)
  }
  if (grantType === CLIENT_CREDENTIALS) {
    return bySecret(ctx, request)
  }
  if (grantType === JWT_BEARER) {
    return byAssertion(ctx, request)
  }
  throw new ApiError(
    400,
    `grant_type "${grantType.slice(0, 80)}" is not supported: use "${CLIENT_CREDENTIALS}" or "${JWT_BEARER}".`,
    { oauthError: 'unsupported_grant_type' },
  )
}

async function bySecret(ctx: MockContext, request: TokenRequest): Promise<ApiIntegration> {
  if (!request.clientId || request.clientSecret === undefined) {
    throw invalidClient(
      request,
      'Client authentication is missing: send client_id and client_secret from the key file.',
    )
  }
  const integration = ctx.integrations.verifySecret(request.clientId, request.clientSecret)
  if (!integration) {
    throw invalidClient(
      request,
      'Client authentication failed: unknown client_id or wrong client_secret. A regenerated key replaces the previous secret at once; use the latest key file.',
    )
  }
  return integration
}

async function byAssertion(ctx: MockContext, request: TokenRequest): Promise<ApiIntegration> {
  const assertion = request.params.get('assertion')
  if (!assertion) throw invalidRequest(`The ${JWT_BEARER} grant needs an "assertion" parameter.`)
  const clientId = assertionClientId(assertion, request.clientId)
  const integration = ctx.integrations.byClientId(clientId)
  if (
    request.clientSecret !== undefined &&
    !ctx.integrations.verifySecret(clientId, request.clientSecret)
  ) {
    throw invalidClient(request, 'Client authentication failed: wrong client_secret.')
  }
  const credential = integration?.credential
  if (!integration || !credential) {
    throw invalidClient(
      request,
      'Unknown client_id, or the API integration has no key yet: generate a key first.',
    )
  }
  await verifyAssertion(assertion, integration, credential, ctx.clock())
  return integration
}

function invalidClient(request: TokenRequest, detail: string): ApiError {
  // RFC 6749 §5.2: 401 with a challenge when the client used HTTP Basic, 400 otherwise.
  return request.basic
    ? new ApiError(401, detail, {
        oauthError: 'invalid_client',
        headers: { 'WWW-Authenticate': 'Basic realm="ClearID STS"' },
      })
    : new ApiError(400, detail, { oauthError: 'invalid_client' })
}

/** The paths of the service root: `{base}/sts` and `{base}/sts/` (routes match strictly). */
export const STS_ROOT_PATHS = [STS_MOUNT, `${STS_MOUNT}/`] as const

/**
 * `GET` on the service root: 200, with or without a token. A real SailPoint connector's "test
 * connection" is `GET https://sts…/` with its bearer token, and anything but 200 fails it
 * (fernando-delosrios/ClearID, src/http-client.ts `testConnection`, src/index.ts).
 */
export function stsRoot(ctx: MockContext): (c: Context) => Response {
  return (c) => c.json(serviceRoot(publicBaseOf(ctx, c)))
}

/** What the root answers: where the token endpoint and the discovery document are. */
function serviceRoot(base: string): Record<string, string> {
  const sts = `${base}${STS_MOUNT}`
  return {
    service: 'ClearID Secure Token Service (mock)',
    issuer: sts,
    token_endpoint: `${sts}${TOKEN_PATH}`,
    discovery: `${sts}${DISCOVERY_PATH}`,
  }
}

function discovery(base: string): Record<string, unknown> {
  const sts = `${base}${STS_MOUNT}`
  return {
    issuer: sts,
    jwks_uri: `${sts}${JWKS_PATH}`,
    token_endpoint: `${sts}${TOKEN_PATH}`,
    grant_types_supported: [CLIENT_CREDENTIALS, JWT_BEARER],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    token_endpoint_auth_signing_alg_values_supported: ['RS512'],
    scopes_supported: [...TOKEN_SCOPES],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS512'],
    claims_supported: [
      'sub',
      'client_id',
      'account_id',
      'role',
      'idp',
      'scope',
      'amr',
      'auth_time',
    ],
  }
}
