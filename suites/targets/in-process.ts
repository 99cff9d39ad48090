/**
 * The default target: the mock ClearID created in-process and called through `app.fetch`, with no
 * port. It has two accounts so the cross-account rules can run, an API integration of its own for
 * the REST rules, the control plane (with a fresh admin token) for the rules that configure
 * webhooks, rotate keys and reset, and a webhook receiver that is a function, not a socket: the
 * mock's `webhookFetch` puts every callback in the target's inbox.
 *
 * @module
 */
import { generateKeyPair } from 'jose'
import { createApp, type MockApp } from '../../mock-server/app.ts'
import type { AppOptions } from '../../mock-server/options.ts'
import { STS_AUDIENCE } from '../../mock-server/sts/constants.ts'
import { registerSecret } from '../../model/secret-values.ts'
import { registerPrivateKey } from '../../driver/rest/assertion.ts'
import type { AssertionKey } from '../../driver/rest/rest-endpoints.ts'
import { restEndpointsOf } from '../../driver/rest/rest-endpoints.ts'
import { headerRecord, parsedBody, WebhookInbox } from '../../driver/rest/webhook-inbox.ts'
import type { Target } from './target.ts'

export const IN_PROCESS_ORIGIN = 'http://clearid.test'
export const MAIN_ACCOUNT = 'demo'
export const OTHER_ACCOUNT = 'other'
/** Where the in-process mock delivers webhooks: never resolved, the inbox takes the call. */
export const IN_PROCESS_HOOKS = 'https://hooks.clearid.test/cc'

export type InProcessOptions = Omit<AppOptions, 'accounts' | 'apiIntegrations' | 'adminToken'>

function scimBase(origin: string, account: string): string {
  return `${origin}/scim/v2/accounts/${account}`
}

/** A fresh secret per target: nothing depends on its value and it is redacted everywhere. */
function fresh(kind: string): string {
  return registerSecret(`cc-${kind}-${crypto.randomUUID()}`)
}

/** The hosts the caller allowed, and the in-process origin. */
function withOrigin(allowed: InProcessOptions['allowedHosts']): readonly string[] | true {
  return allowed === true ? true : [...(allowed ?? []), new URL(IN_PROCESS_ORIGIN).host]
}

/**
 * One token-signing key pair for the in-process mocks of the process: generating an RS512 pair is
 * the slowest part of a run against one, and no rule depends on which key signs. The first target
 * starts making it and its app makes its own meanwhile; every later target shares the pair.
 */
const signingKeys = sharedKeyPair(() => generateKeyPair('RS512'))
/** The same for the run's API integration: its key file's private key (the JWT-assertion grant). */
const integrationKeys = sharedKeyPair(() => generateKeyPair('RS512', { extractable: true }))

/** A key pair made once, on the first call, and handed out from the call after it is ready. */
function sharedKeyPair(make: () => Promise<CryptoKeyPair>): () => CryptoKeyPair | undefined {
  let pair: CryptoKeyPair | undefined
  let making: Promise<void> | undefined
  return () => {
    making ??= make().then((made) => {
      pair = made
    })
    return pair
  }
}

export function inProcessTarget(options: InProcessOptions = {}): Target {
  const main = { baseUrl: scimBase(IN_PROCESS_ORIGIN, MAIN_ACCOUNT), key: fresh('key') }
  const other = { baseUrl: scimBase(IN_PROCESS_ORIGIN, OTHER_ACCOUNT), key: fresh('key') }
  const clientId = `${crypto.randomUUID()}:${MAIN_ACCOUNT}`
  const clientSecret = fresh('secret')
  const adminToken = fresh('admin')
  const inbox = new WebhookInbox(IN_PROCESS_HOOKS)
  const keys = options.tokenSigningKeys ?? signingKeys()
  const keyPair = integrationKeys()
  const app = createApp({
    ...options,
    ...(keys ? { tokenSigningKeys: keys } : {}),
    allowedHosts: withOrigin(options.allowedHosts),
    accounts: [
      { id: MAIN_ACCOUNT, scimKey: main.key, scimKeyName: 'conformance' },
      { id: OTHER_ACCOUNT, scimKey: other.key, scimKeyName: 'conformance (second account)' },
    ],
    apiIntegrations: [
      {
        accountId: MAIN_ACCOUNT,
        clientId,
        clientSecret,
        name: 'conformance',
        ...(keyPair ? { keyPair } : {}),
      },
    ],
    adminToken,
    webhookFetch: options.webhookFetch ?? inboxFetch(inbox),
  })
  return {
    kind: 'in-process',
    description: 'mock ClearID in-process (app.fetch, no port)',
    main,
    other,
    rest: {
      endpoints: restEndpointsOf(IN_PROCESS_ORIGIN, MAIN_ACCOUNT),
      credentials: { clientId, clientSecret, assertionKey: keyFileOf(app, clientId) },
      control: { origin: IN_PROCESS_ORIGIN, adminToken },
      webhooks: inbox,
      foreignAccountId: OTHER_ACCOUNT,
    },
    fetch: async (request) => {
      await app.ready
      return app.fetch(request)
    },
  }
}

/** Webhook deliveries into `inbox`, answered 200 as a healthy receiver would. */
function inboxFetch(inbox: WebhookInbox): NonNullable<AppOptions['webhookFetch']> {
  return async (url, init) => {
    const bodyText = typeof init.body === 'string' ? init.body : ''
    inbox.record({
      url,
      method: init.method ?? 'GET',
      headers: headerRecord(new Headers(init.headers)),
      bodyText,
      body: parsedBody(bodyText),
    })
    return new Response(null, { status: 200 })
  }
}

/**
 * The run's integration's key file, claimed once from the mock (as its one download would be): the
 * private key of the JWT-assertion grant. The mock makes the key pair on first use, so a run that
 * never uses the grant never pays for one.
 */
function keyFileOf(app: MockApp, clientId: string): () => Promise<AssertionKey | undefined> {
  let key: Promise<AssertionKey | undefined> | undefined
  return () =>
    (key ??= (async () => {
      const integration = app.mock.integrations.byClientId(clientId)
      const claim = integration && (await app.mock.integrations.claimKeyFile(integration))
      if (claim?.kind !== 'file') return undefined
      return {
        clientId,
        privateKeyPem: registerPrivateKey(claim.privateKeyPem),
        keyId: clientId,
        audience: STS_AUDIENCE,
      }
    })())
}
