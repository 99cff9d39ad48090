/**
 * msw request handlers that route everything under a ClearID origin to an in-memory mock, so a
 * vendor's client code is unit-tested against "ClearID" with no port: `setupServer(...handlers)`.
 * Injected connection drops become msw network errors (`fetch` rejects with a TypeError).
 *
 * @example
 * ```ts
 * const clearid = createMswHandlers({ origin: 'https://clearid.test' })
 * const server = setupServer(...clearid.handlers)
 * // … run the client against clearid.tenantUrl('demo') with clearid.scimKey …
 * clearid.audit('demo').summary.verdict // 'pass'
 * ```
 * @module
 */
import { http, HttpResponse, type HttpHandler } from 'msw'
import type { ConformanceReport } from '../reports/model.ts'
import { createApp, type MockApp } from '../mock-server/app.ts'
import type { FaultView } from '../mock-server/faults/fault-registry.ts'
import { toFaultRule, type FaultSpec } from '../mock-server/faults/fault-rule.ts'
import { faultRuleFromText } from '../mock-server/faults/fault-text.ts'
import { isSimulatedNetworkFailure } from '../mock-server/faults/network-failure.ts'
import { DEFAULT_ACCOUNT_ID, DEV_SCIM_KEY } from '../mock-server/options.ts'
import { ClientAuditor } from '../verify/audit.ts'
import { clientAudit } from '../verify/client-audit.ts'
import { buildClientReport } from '../verify/client-report.ts'
import type { TrafficRecord } from '../mock-server/traffic/record.ts'
import { DEFAULT_ORIGIN, type InMemoryOptions } from './fetch-handler.ts'

export interface ClearIdMsw {
  readonly handlers: HttpHandler[]
  readonly app: MockApp
  readonly origin: string
  /** The development SCIM key of the default account, when the default accounts are used. */
  readonly scimKey: string
  /** The SCIM base URL ("Tenant URL") of an account. */
  tenantUrl(accountId?: string): string
  /** What the account received so far, oldest first. */
  traffic(accountId?: string): TrafficRecord[]
  /** The client compliance report over the account's traffic so far. */
  audit(accountId?: string): ConformanceReport
  /** Adds a fault for the account: the JSON form or the one-line syntax (`status=429,next=1`). */
  fault(spec: FaultSpec | string, accountId?: string): FaultView
  /** Forgets the account's traffic and faults (between tests). */
  reset(accountId?: string): void
}

export function createMswHandlers(options: InMemoryOptions = {}): ClearIdMsw {
  const app = options.app ?? createApp({ trafficAudit: clientAudit, ...options.options })
  const origin = (options.origin ?? DEFAULT_ORIGIN).replace(/\/$/, '')
  // The app answers to the origin these handlers route to it.
  app.mock.allowedHosts.allow(origin)
  const auditor = new ClientAuditor()
  const handler = http.all(`${origin}/*`, async ({ request }) => {
    try {
      return await app.fetch(request)
    } catch (error) {
      if (isSimulatedNetworkFailure(error)) return HttpResponse.error()
      throw error
    }
  })
  const tenantUrl = (accountId = DEFAULT_ACCOUNT_ID) => `${origin}/scim/v2/accounts/${accountId}`
  return {
    handlers: [handler],
    app,
    origin,
    scimKey: DEV_SCIM_KEY,
    tenantUrl,
    traffic: (accountId = DEFAULT_ACCOUNT_ID) => app.mock.traffic.records(accountId),
    audit: (accountId = DEFAULT_ACCOUNT_ID) =>
      buildClientReport(
        app.mock.traffic.records(accountId),
        { accountId, tenantUrl: tenantUrl(accountId) },
        auditor,
      ),
    fault: (spec, accountId = DEFAULT_ACCOUNT_ID) =>
      app.mock.faults.add(
        typeof spec === 'string' ? faultRuleFromText(spec) : toFaultRule(spec),
        accountId,
      ),
    reset: (accountId = DEFAULT_ACCOUNT_ID) => {
      app.mock.traffic.clear(accountId)
      app.mock.faults.clear(accountId)
    },
  }
}
