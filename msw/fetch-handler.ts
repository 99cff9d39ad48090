/**
 * A `fetch`-compatible function served by an in-memory mock ClearID: hand it to a client instead of
 * the global `fetch` and no port is opened. Relative URLs resolve against the origin; an injected
 * connection drop rejects with a `TypeError`, and an aborted signal rejects with its reason, as
 * `fetch` does. Requests for `https://graph.microsoft.com` and `https://login.microsoftonline.com` are
 * answered by the fake Graph source.
 *
 * @example
 * ```ts
 * const fetch = createFetchHandler({ options: { accounts: [{ id: 'acme', scimKey: 'k' }] } })
 * const res = await fetch('https://clearid.test/scim/v2/accounts/acme/Users', {
 *   headers: { Authorization: 'Bearer k' },
 * })
 * fetch.app.mock.traffic.records('acme') // what arrived
 * ```
 * @module
 */
import { createApp, type MockApp } from '../mock-server/app.ts'
import { GRAPH_HOST_ORIGIN, LOGIN_HOST_ORIGIN } from '../mock-server/graph/graph-constants.ts'
import { graphHostApps } from '../mock-server/graph/graph-mount.ts'
import type { AppOptions } from '../mock-server/options.ts'
import { clientAudit } from '../verify/client-audit.ts'

export const DEFAULT_ORIGIN = 'https://clearid.test'

export interface InMemoryOptions {
  /** Origin the client uses (`https://clearid.test`): relative URLs resolve against it. */
  readonly origin?: string
  /** An app to serve; default `createApp(options)`. */
  readonly app?: MockApp
  readonly options?: AppOptions
}

export type FetchHandler = ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) & {
  readonly app: MockApp
}

export function createFetchHandler(handlerOptions: InMemoryOptions = {}): FetchHandler {
  // Only what the caller hands this function reaches its own app, so that app answers to any host;
  // an app passed in (perhaps served on a port too) answers to the origin, besides its own hosts.
  const app =
    handlerOptions.app ??
    createApp({ trafficAudit: clientAudit, allowedHosts: true, ...handlerOptions.options })
  const origin = handlerOptions.origin ?? DEFAULT_ORIGIN
  app.mock.allowedHosts.allow(origin)
  // Requests for the real Microsoft Graph hosts go to the fake Graph source.
  const graph = graphHostApps(app.mock)
  const serverFor = (url: string) =>
    url.startsWith(`${GRAPH_HOST_ORIGIN}/`)
      ? graph.graph
      : url.startsWith(`${LOGIN_HOST_ORIGIN}/`)
        ? graph.login
        : app
  const handler = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request =
      typeof input === 'string' || input instanceof URL
        ? new Request(new URL(input, origin), init)
        : new Request(input, init)
    return untilAborted(Promise.resolve(serverFor(request.url).fetch(request)), request.signal)
  }
  return Object.assign(handler, { app })
}

/** Like `fetch`, an abort rejects at once with the signal's reason, whatever the server does. */
function untilAborted(response: Promise<Response>, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    response.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
