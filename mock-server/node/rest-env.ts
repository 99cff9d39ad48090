/**
 * The REST side's start-up configuration from the environment, for `npm start`: the default API
 * integration (CLEARID_CLIENT_ID, CLEARID_CLIENT_SECRET), the control plane token
 * (CLEARID_ADMIN_TOKEN), CLEARID_PUBLIC_URL, CLEARID_ALLOWED_HOSTS, CLEARID_ALLOW_INSECURE_WEBHOOKS and
 * CLEARID_ALLOW_LINK_LOCAL_WEBHOOKS, and the fake Graph source's development app secret
 * (CLEARID_GRAPH_CLIENT_SECRET). Like the SCIM key: on loopback without configuration the
 * documented development values are used; elsewhere a random secret is generated and shown once.
 * Webhooks are delivered through `httpsFetch`, which checks the address a receiver's name resolves
 * to (the global `fetch` cannot).
 *
 * @module
 */
import { randomSecret } from '../accounts/secrets.ts'
import { DEV_GRAPH_CLIENT_SECRET } from '../graph/graph-constants.ts'
import { DEV_GRAPH_TENANT } from '../graph/graph-directory.ts'
import {
  DEV_ADMIN_TOKEN,
  DEV_CLIENT_SECRET,
  devClientId,
  type AppOptions,
  type RestPlaneOptions,
} from '../options.ts'
import { httpsFetch } from './https-fetch.ts'
import { isLoopback } from './serve.ts'

export interface RestStartup {
  readonly options: RestPlaneOptions & Pick<AppOptions, 'graph'>
  /** Lines to print once the server listens. */
  announce(url: string): string[]
}

type Env = Readonly<Record<string, string | undefined>>

function secretFrom(env: Env, name: string, loopback: boolean, development: string) {
  const configured = env[name]
  if (configured) return { value: configured, announce: `from ${name}` }
  if (loopback) return { value: development, announce: `development value "${development}"` }
  const value = randomSecret()
  // Shown once so the operator can copy it; it is never logged again.
  return { value, announce: `generated for this run (shown once): ${value}` }
}

/**
 * CLEARID_ALLOWED_HOSTS (comma-separated; `*` for any host), plus the address the server listens
 * on when it is one clients can type (not a wildcard such as 0.0.0.0, not loopback, always allowed).
 */
export function allowedHostsFromEnv(
  list: string | undefined,
  host: string,
): readonly string[] | true {
  const hosts = (list ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
  if (hosts.includes('*')) return true
  const wildcard = host === '' || host === '0.0.0.0' || host === '::' || host === '[::]'
  return wildcard || isLoopback(host) ? hosts : [...hosts, host]
}

export function restStartupFromEnv(env: Env, host: string, accountId: string): RestStartup {
  const loopback = isLoopback(host)
  const clientId = env.CLEARID_CLIENT_ID || devClientId(accountId)
  const secret = secretFrom(env, 'CLEARID_CLIENT_SECRET', loopback, DEV_CLIENT_SECRET)
  const admin = secretFrom(env, 'CLEARID_ADMIN_TOKEN', loopback, DEV_ADMIN_TOKEN)
  // The fake Graph source's development tenant: its app secret follows the same rule.
  const graphSecret = secretFrom(
    env,
    'CLEARID_GRAPH_CLIENT_SECRET',
    loopback,
    DEV_GRAPH_CLIENT_SECRET,
  )
  const graphApp = { ...DEV_GRAPH_TENANT.apps?.[0], secret: graphSecret.value }
  const insecure = enabled(env.CLEARID_ALLOW_INSECURE_WEBHOOKS)
  const linkLocal = enabled(env.CLEARID_ALLOW_LINK_LOCAL_WEBHOOKS)
  const options: RestStartup['options'] = {
    apiIntegrations: [
      { accountId, clientId, clientSecret: secret.value, name: 'Startup integration' },
    ],
    adminToken: admin.value,
    allowInsecureLoopbackWebhooks: insecure,
    allowLinkLocalWebhooks: linkLocal,
    webhookFetch: httpsFetch({ allowLinkLocal: linkLocal }),
    ...(env.CLEARID_PUBLIC_URL ? { publicBaseUrl: env.CLEARID_PUBLIC_URL } : {}),
    allowedHosts: allowedHostsFromEnv(env.CLEARID_ALLOWED_HOSTS, host),
    graph: { tenants: [{ ...DEV_GRAPH_TENANT, apps: [graphApp] }] },
  }
  return {
    options,
    announce: (url) => [
      `[clearid-mock] Token endpoint: ${url}/sts/connect/token`,
      `[clearid-mock] client_id: ${clientId}`,
      `[clearid-mock] client_secret: ${secret.announce}`,
      `[clearid-mock] Control plane: ${url}/_admin/ (admin token: ${admin.announce})`,
      `[clearid-mock] API reference: ${url}/_mock/docs`,
      `[clearid-mock] Fake Graph: ${url}/graph/v1.0 (token: ${url}/graph/login/${DEV_GRAPH_TENANT.id}/oauth2/v2.0/token)`,
      `[clearid-mock] Graph client_id: ${graphApp.appId}, client_secret: ${graphSecret.announce}`,
    ],
  }
}

function enabled(value: string | undefined): boolean {
  return /^(1|true|yes)$/i.test(value ?? '')
}
