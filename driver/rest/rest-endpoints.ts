/**
 * Where ClearID's REST services are and how the harness proves who it is. ClearID gives each
 * service its own host (`https://<service>[-demo|.eu].clearid.io`, developer guide "ClearID
 * concepts"); the mock serves them under one origin with the service name as the first path
 * segment. One `--rest-target` covers both: a URL with a `{service}` placeholder names one host per
 * service, any other URL is a base the services hang under.
 *
 * @module
 */

/** The REST services the harness speaks to; `control` and `mock` exist on the mock only. */
export type RestService = 'sts' | 'identity' | 'search' | 'control' | 'mock'

/** The services' base URLs (no trailing slash) and the account the harness works in. */
export interface RestEndpoints {
  /** Token service base: the token endpoint is `${sts}/connect/token`. */
  readonly sts: string
  /** Identity service base: `${identity}/api/v2/accounts/{accountId}/identities`. */
  readonly identity: string
  /** Search service base: `${search}/api/v1/accounts/{accountId}/identities`. */
  readonly search: string
  readonly accountId: string
}

/** The private key of an API integration's key file, for the JWT-assertion grant (RFC 7523). */
export interface AssertionKey {
  readonly clientId: string
  /** PKCS#8 PEM of an RSA key; assertions are signed RS512. */
  readonly privateKeyPem: string
  /** `kid` of the assertion header; ClearID uses the client id. */
  readonly keyId: string
  /** `aud` of the assertion; ClearID's is `iams-sts`. */
  readonly audience: string
}

export interface RestCredentials {
  /** `<guid>:<accountId>`, from the key file. */
  readonly clientId: string
  /** The client-credentials grant; without it the harness uses the JWT-assertion grant. */
  readonly clientSecret?: string
  /** The key file's private key, read when a rule first needs it; undefined when none was given. */
  readonly assertionKey?: () => Promise<AssertionKey | undefined>
}

/** The mock's control plane (`/_admin`), which a real tenant does not have. */
export interface ControlPlane {
  /** The mock's origin: `${origin}/_admin` is the control plane. */
  readonly origin: string
  readonly adminToken: string
}

const SERVICE_NAMES: Readonly<Record<'sts' | 'identity' | 'search', string>> = {
  sts: 'sts',
  identity: 'identityservice',
  search: 'searchservice',
}

/**
 * The service bases for `--rest-target`: `https://{service}-demo.clearid.io` gives
 * `https://sts-demo.clearid.io`, `https://identityservice-demo.clearid.io`, …; any URL without the
 * placeholder is the base of all of them (`http://127.0.0.1:8080` gives `…/sts`,
 * `…/identityservice`, `…/searchservice`, as the mock serves them).
 */
export function restEndpointsOf(base: string, accountId: string): RestEndpoints {
  const trimmed = base.replace(/\/+$/, '')
  const at = (service: 'sts' | 'identity' | 'search') =>
    trimmed.includes('{service}')
      ? trimmed.replaceAll('{service}', SERVICE_NAMES[service])
      : `${trimmed}/${SERVICE_NAMES[service]}`
  return { sts: at('sts'), identity: at('identity'), search: at('search'), accountId }
}

/** The account of a ClearID client id (`<guid>:<accountId>`), or undefined. */
export function accountOfClientId(clientId: string): string | undefined {
  const colon = clientId.indexOf(':')
  const account = colon < 0 ? '' : clientId.slice(colon + 1)
  return account === '' ? undefined : account
}
