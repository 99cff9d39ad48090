/**
 * Constants of ClearID's token service as documented in the developer guide (decoded samples):
 * audience of client assertions, the scopes every token carries and the token lifetime.
 *
 * @module
 */

/** `aud` a client assertion must carry (RFC 7523 §3). */
export const STS_AUDIENCE = 'iams-sts'

export const CLIENT_CREDENTIALS = 'client_credentials'
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

/** Scopes of every token; clients need not ask for them (a `scope` parameter is ignored). */
export const TOKEN_SCOPES = [
  'iams-all-permissions-delegated',
  'iams-api',
  'iams-roles',
  'openid',
] as const

export const TOKEN_LIFETIME_SECONDS = 3600

/** Clock skew tolerated on assertion `exp`/`nbf`, in seconds. */
export const ASSERTION_CLOCK_SKEW_SECONDS = 60

/** Assertions valid for longer than this are refused, which also bounds the replay cache. */
export const ASSERTION_MAX_LIFETIME_SECONDS = 24 * 3600

export const STS_MOUNT = '/sts'
export const TOKEN_PATH = '/connect/token'
export const JWKS_PATH = '/.well-known/openid-configuration/jwks'
export const DISCOVERY_PATH = '/.well-known/openid-configuration'
