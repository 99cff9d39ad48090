/**
 * The Microsoft identity platform's v2.0 token endpoint for the client-credentials flow
 * (`POST /{tenant}/oauth2/v2.0/token`, `grant_type=client_credentials`,
 * `scope=https://graph.microsoft.com/.default`, `client_id` and `client_secret` in the form or as
 * HTTP Basic), plus the tenant's OpenID configuration that MSAL-based clients read first. Errors
 * are the platform's: `{error, error_description, error_codes, timestamp, trace_id,
 * correlation_id, error_uri}` (the signing keys are published too) with the AADSTS codes real tenants answer (90002 unknown tenant,
 * 700016 unknown application, 7000215 wrong secret, 7000222 expired secret, 7000218 no secret,
 * 900144 missing parameter, 1002012 scope without /.default, 500011 unknown resource).
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { MockContext } from '../context.ts'
import { errorAnswer } from '../errors/render-error.ts'
import { bodyLimitOf } from '../http/read-body.ts'
import { readTokenRequest } from '../sts/token-request.ts'
import { GRAPH_APP_ID, GRAPH_DEFAULT_SCOPE, GRAPH_RESOURCE } from './graph-constants.ts'
import { aadError } from './graph-errors.ts'
import { graphTrace } from './graph-request.ts'
import type { GraphTenant } from './graph-tenant.ts'

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }
const CLIENT_CREDENTIALS = 'client_credentials'
/** Names of the multi-tenant endpoints, which carry no tenant for an app-only token. */
const NO_TENANT = new Set(['common', 'organizations', 'consumers'])

const missing = (name: string) =>
  aadError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  )

function tenantOf(ctx: MockContext, name: string): GraphTenant {
  if (NO_TENANT.has(name.toLowerCase())) {
    throw aadError(
      400,
      'invalid_request',
      50059,
      'No tenant-identifying information found in either the request or implied by any provided credentials. Use the tenant id or domain in the URL.',
    )
  }
  const tenant = ctx.graph.get(name)
  if (!tenant) {
    throw aadError(
      400,
      'invalid_request',
      90002,
      `Tenant '${name.slice(0, 100)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    )
  }
  return tenant
}

/** The resource of a `{resource}/.default` scope, when it is Graph. */
function checkScope(scope: string, tenant: GraphTenant): void {
  const scopes = scope.split(/\s+/).filter(Boolean)
  const only = scopes.length === 1 ? scopes[0] : undefined
  if (!only?.endsWith('/.default')) {
    throw aadError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope.slice(0, 200)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    )
  }
  const resource = only.slice(0, -'/.default'.length).replace(/\/$/, '').toLowerCase()
  if (resource !== GRAPH_RESOURCE && resource !== GRAPH_APP_ID) {
    throw aadError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource.slice(0, 200)} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant. The fake identity platform issues tokens for ${GRAPH_DEFAULT_SCOPE} only.`,
    )
  }
}

async function token(ctx: MockContext, c: Context): Promise<Response> {
  const tenant = tenantOf(ctx, c.req.param('tenant') ?? '')
  const request = await readTokenRequest(c, bodyLimitOf(ctx.behaviour))
  const grantType = request.params.get('grant_type')
  if (!grantType) throw missing('grant_type')
  if (grantType !== CLIENT_CREDENTIALS) {
    throw aadError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType.slice(0, 80)}'. The fake identity platform supports client_credentials only.`,
    )
  }
  const clientId = request.clientId
  if (!clientId) throw missing('client_id')
  const app = tenant.apps.get(clientId)
  if (!app) {
    throw aadError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId.slice(0, 100)}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    )
  }
  if (request.clientSecret === undefined) {
    throw aadError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    )
  }
  const check = tenant.apps.check(app.appId, request.clientSecret)
  if (check === 'wrong-secret') {
    throw aadError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`,
    )
  }
  if (check === 'expired') {
    throw aadError(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${app.appId}' are expired. Create a new client secret for the app (control plane: POST /_admin/graph/tenants/${tenant.id}/apps/${app.appId}/secrets).`,
    )
  }
  const scope = request.params.get('scope')
  if (!scope) throw missing('scope')
  checkScope(scope, tenant)
  const uti = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
  const issued = await ctx.graph.signer.issue(tenant.id, app, uti)
  tenant.tokens.issued(uti)
  return c.json(
    {
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      ext_expires_in: issued.expiresIn,
      access_token: issued.accessToken,
    },
    200,
    NO_STORE,
  )
}

/** The endpoints of `{origin}/{tenant}` as MSAL's authority metadata reads them. */
function openIdConfiguration(origin: string, tenant: GraphTenant): Record<string, unknown> {
  const base = `${origin}/${tenant.id}`
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    jwks_uri: `${origin}/${tenant.id}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `https://login.microsoftonline.com/${tenant.id}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
  }
}

/**
 * Routes relative to the identity platform's origin; `origin(c)` is where they are mounted
 * (`https://login.microsoftonline.com`, or `{mock}/graph/login`).
 */
export function identityPlatformRoutes(ctx: MockContext, origin: (c: Context) => string): Hono {
  const app = new Hono()
  app.use('*', graphTrace(ctx, 'identity-platform'))
  app.post('/:tenant/oauth2/v2.0/token', (c) => token(ctx, c))
  app.get('/:tenant/v2.0/.well-known/openid-configuration', (c) =>
    c.json(openIdConfiguration(origin(c), tenantOf(ctx, c.req.param('tenant')))),
  )
  app.get('/:tenant/discovery/v2.0/keys', async (c) => {
    tenantOf(ctx, c.req.param('tenant'))
    return c.json(await ctx.graph.signer.jwks())
  })
  app.all('*', (c) => {
    throw aadError(
      404,
      'invalid_request',
      900561,
      `The fake identity platform serves POST /{tenant}/oauth2/v2.0/token only; ${c.req.method} ${c.req.path.slice(0, 100)} is not served.`,
    )
  })
  app.onError(errorAnswer)
  return app
}
