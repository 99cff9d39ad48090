/**
 * Helpers for the harness's own tests: the mock app behind a URL-shaped target (no network), with
 * every request counted, and a quiet CLI io that collects output.
 *
 * @module
 */
import { createApp } from '../mock-server/app.ts'
import type { AppOptions } from '../mock-server/options.ts'
import type { CliIo } from '../cli/io.ts'
import type { FetchLike } from '../driver/http/types.ts'
import { urlTarget } from '../suites/targets/url.ts'
import type { Target } from '../suites/targets/target.ts'

export const DEPLOYMENT = 'https://clearid.example/scim/v2/accounts/acme'
export const OTHER_DEPLOYMENT = 'https://clearid.example/scim/v2/accounts/other'
export const KEY = 'deployment-key-0123456789abcdef'
/** The fake deployment's REST API: its origin and the API integration of `acme`. */
export const REST_ORIGIN = 'https://clearid.example'
export const REST_CLIENT_ID = '44444444-4444-4444-8444-444444444444:acme'
export const REST_SECRET = 'deployment-client-secret-0123456789'
export const OTHER_KEY = 'other-account-key-0123456789abcdef'

export interface FakeDeployment {
  readonly app: ReturnType<typeof createApp>
  /** Every request that reached the fake deployment. */
  readonly requests: Request[]
  /** Wraps the app; `intercept` may answer, throw, or return undefined to pass through. */
  readonly fetch: FetchLike
  /** `rest`: with the REST API; `scim: false`: without the SCIM endpoint. */
  target(options?: { other?: boolean; rest?: boolean; scim?: boolean }): Target
  /** Live identities in the main account. */
  liveUsers(): Promise<number>
}

export function fakeDeployment(
  options: Omit<AppOptions, 'accounts'> = {},
  intercept?: (
    request: Request,
    index: number,
  ) => Promise<Response | undefined> | Response | undefined,
): FakeDeployment {
  const app = createApp({
    ...options,
    accounts: [
      { id: 'acme', scimKey: KEY },
      { id: 'other', scimKey: OTHER_KEY },
    ],
    apiIntegrations: [{ accountId: 'acme', clientId: REST_CLIENT_ID, clientSecret: REST_SECRET }],
  })
  // The fake deployment answers to its own host.
  app.mock.allowedHosts.allow(DEPLOYMENT)
  const requests: Request[] = []
  const fetch: FetchLike = async (request) => {
    requests.push(request.clone())
    const answer = await intercept?.(request, requests.length)
    return answer ?? app.fetch(request)
  }
  return {
    app,
    requests,
    fetch,
    target: (opts = {}) =>
      urlTarget({
        ...(opts.scim === false ? {} : { url: DEPLOYMENT, key: KEY }),
        fetch,
        ...(opts.other ? { otherUrl: OTHER_DEPLOYMENT, otherKey: OTHER_KEY } : {}),
        ...(opts.rest
          ? {
              rest: {
                url: REST_ORIGIN,
                accountId: 'acme',
                clientId: REST_CLIENT_ID,
                clientSecret: REST_SECRET,
              },
            }
          : {}),
      }),
    liveUsers: async () => {
      const res = await app.fetch(
        new Request(`${DEPLOYMENT}/Users?count=0`, { headers: { Authorization: `Bearer ${KEY}` } }),
      )
      return ((await res.json()) as { totalResults: number }).totalResults
    },
  }
}

export interface CapturedIo extends CliIo {
  readonly out: string[]
  readonly err: string[]
  text(): string
  /** Resolves with the match once stdout and stderr, together, match `pattern`: no polling. */
  written(pattern: RegExp): Promise<RegExpExecArray>
}

export function captureIo(extra: Partial<CliIo> = {}): CapturedIo {
  const out: string[] = []
  const err: string[] = []
  const waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = []
  const text = () => out.join('') + err.join('')
  const wrote = (lines: string[], chunk: string) => {
    lines.push(chunk)
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(text())
      if (!match) continue
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve(match)
    }
  }
  return {
    out,
    err,
    stdout: (t) => wrote(out, t),
    stderr: (t) => wrote(err, t),
    env: {},
    isTTY: false,
    sleep: async () => {},
    text,
    written: (pattern) =>
      new Promise((resolve) => {
        const match = pattern.exec(text())
        if (match) resolve(match)
        else waiters.push({ pattern, resolve })
      }),
    ...extra,
  }
}

/** Methods that change data, /.search excepted. */
export function writesIn(requests: readonly Request[]): Request[] {
  return requests.filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.url.includes('/.search'))
}
