/**
 * Deployments given by URL: a SCIM base URL with a key, ClearID's REST API with an API
 * integration's credentials, or both; a real ClearID tenant, or the mock started elsewhere (whose
 * control plane the REST rules may use when its admin token is given).
 *
 * @module
 */
import type { FetchLike } from '../../driver/http/types.ts'
import {
  restEndpointsOf,
  type AssertionKey,
  type RestCredentials,
} from '../../driver/rest/rest-endpoints.ts'
import { registerPrivateKey } from '../../driver/rest/assertion.ts'
import type { WebhookInbox } from '../../driver/rest/webhook-inbox.ts'
import { registerSecret } from '../../model/secret-values.ts'
import type { RestTarget, Target } from './target.ts'

/** ClearID's REST API at a URL (`--rest-target`), with an API integration's credentials. */
export interface RestUrlOptions {
  /** A base the services hang under, or a `{service}` template (`https://{service}-demo.clearid.io`). */
  readonly url: string
  readonly accountId: string
  readonly clientId: string
  readonly clientSecret?: string
  /** The key file's private key, for the JWT-assertion grant. */
  readonly key?: AssertionKey
  /** The mock's admin token: its control plane is at `${url}/_admin`. */
  readonly adminToken?: string
  /** Where webhooks reach the harness (a receiver it started); only with `adminToken`. */
  readonly webhooks?: WebhookInbox
  /** An account the integration does not belong to, for the 403 check. */
  readonly foreignAccountId?: string
}

export interface UrlTargetOptions {
  /** The SCIM base URL; with `key`. Absent: only the REST rules run. */
  readonly url?: string
  readonly key?: string
  readonly otherUrl?: string
  readonly otherKey?: string
  readonly rest?: RestUrlOptions
  /** Default: the global `fetch`. */
  readonly fetch?: FetchLike
  /** Frees what the target holds (a receiver started for it). */
  readonly close?: () => Promise<void>
}

function restTargetOf(rest: RestUrlOptions): RestTarget {
  // The credentials enter the harness here: from now on every output redacts them.
  registerSecret(rest.clientSecret)
  registerSecret(rest.adminToken)
  registerPrivateKey(rest.key?.privateKeyPem)
  const key = rest.key
  const credentials: RestCredentials = {
    clientId: rest.clientId,
    ...(rest.clientSecret === undefined ? {} : { clientSecret: rest.clientSecret }),
    ...(key === undefined ? {} : { assertionKey: () => Promise.resolve(key) }),
  }
  return {
    endpoints: restEndpointsOf(rest.url, rest.accountId),
    credentials,
    ...(rest.adminToken === undefined
      ? {}
      : { control: { origin: rest.url.replace(/\/+$/, ''), adminToken: rest.adminToken } }),
    ...(rest.webhooks && rest.adminToken !== undefined ? { webhooks: rest.webhooks } : {}),
    ...(rest.foreignAccountId === undefined ? {} : { foreignAccountId: rest.foreignAccountId }),
  }
}

export function urlTarget(options: UrlTargetOptions): Target {
  // The keys enter the harness here: from now on every output redacts them, in every encoding.
  registerSecret(options.key)
  registerSecret(options.otherKey)
  const main =
    options.url !== undefined && options.key !== undefined
      ? { baseUrl: options.url, key: options.key }
      : undefined
  const other =
    options.otherUrl !== undefined && options.otherKey !== undefined
      ? { baseUrl: options.otherUrl, key: options.otherKey }
      : undefined
  const doors = [...(main ? ['SCIM endpoint'] : []), ...(options.rest ? ['ClearID REST API'] : [])]
  return {
    kind: 'url',
    description: `${doors.join(' and ')} over HTTP`,
    ...(main ? { main } : {}),
    ...(other ? { other } : {}),
    ...(options.rest ? { rest: restTargetOf(options.rest) } : {}),
    fetch: options.fetch ?? ((request, init) => fetch(request, init)),
    ...(options.close ? { close: options.close } : {}),
  }
}
