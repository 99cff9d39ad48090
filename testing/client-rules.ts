/**
 * Test support for the client rules: an in-process mock with a fake monotonic clock, and a tiny
 * scripted SCIM client that sends exactly what a test tells it to (correct Entra-like traffic or a
 * deliberate flaw). `sleep` advances the fake clock, so timing rules are tested without waiting.
 *
 * @module
 */
import type { ConformanceReport, RuleResult } from '../reports/model.ts'
import type { MockApp } from '../mock-server/app.ts'
import { createFetchHandler, type FetchHandler } from '../msw/fetch-handler.ts'
import type { AppOptions } from '../mock-server/options.ts'
import { buildClientReport } from '../verify/client-report.ts'
import { lookupPath } from '../driver/entra/requests.ts'
import { SCIM_CONTENT_TYPE } from '../model/scim-protocol.ts'
import { readTestResponse, type TestResponse } from '../mock-server/test/test-response.ts'

export const ACCOUNT = 'acme'
export const KEY = 'scripted-client-key-1234'
export const ORIGIN = 'https://clearid.test'
export const BASE = `${ORIGIN}/scim/v2/accounts/${ACCOUNT}`

export interface SendOptions {
  readonly contentType?: string | null
  readonly headers?: Record<string, string>
  /** Body text as is (malformed JSON). */
  readonly raw?: string
  /** `null`: no Authorization header. */
  readonly key?: string | null
}

export class ScriptedClient {
  constructor(
    readonly fetch: FetchHandler,
    readonly clock: { now: number },
  ) {}

  async send(
    method: string,
    path: string,
    body?: unknown,
    options: SendOptions = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers }
    const key = options.key === undefined ? KEY : options.key
    if (key !== null) headers.Authorization = `Bearer ${key}`
    const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body))
    const contentType = options.contentType === undefined ? SCIM_CONTENT_TYPE : options.contentType
    if (text !== undefined && contentType !== null) headers['Content-Type'] = contentType
    const response = await this.fetch(`${BASE}${path}`, {
      method,
      headers,
      ...(text !== undefined && { body: text }),
    })
    return readTestResponse(response)
  }

  lookup(attribute: string, value: string): Promise<TestResponse> {
    return this.send('GET', lookupPath(attribute, value))
  }

  /** Waits `ms` on the fake clock the traffic log reads. */
  sleep(ms: number): void {
    this.clock.now += ms
  }
}

export interface Scripted {
  readonly app: MockApp
  readonly client: ScriptedClient
  report(): ConformanceReport
  /** Results that failed (an error or warning finding), by rule id. */
  failing(): Map<string, RuleResult>
}

export function scripted(options: AppOptions = {}): Scripted {
  const clock = { now: 1000 }
  const fetch = createFetchHandler({
    origin: ORIGIN,
    options: {
      accounts: [{ id: ACCOUNT, scimKey: KEY }],
      traffic: { now: () => clock.now },
      ...options,
    },
  })
  const report = () =>
    buildClientReport(fetch.app.mock.traffic.records(ACCOUNT), {
      accountId: ACCOUNT,
      tenantUrl: BASE,
    })
  return {
    app: fetch.app,
    client: new ScriptedClient(fetch, clock),
    report,
    failing: () =>
      new Map(
        report()
          .results.filter((r) => r.status === 'failed')
          .map((r) => [r.ruleId, r]),
      ),
  }
}
