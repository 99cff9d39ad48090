/**
 * The toolkit's traffic auditor for the mock's `GET /_admin/accounts/{id}/audit`: the client rule
 * catalogue over an account's records, as the client compliance report. Passed to `createApp` as
 * `trafficAudit`, because the emulated ClearID itself knows nothing of rules.
 *
 * @module
 */
import type { TrafficAuditor } from '../mock-server/traffic/client-verification.ts'
import { ClientAuditor } from './audit.ts'
import { buildClientReport } from './client-report.ts'

/** One account's auditor: it keeps the live findings it has already judged between calls. */
export function clientAudit(): TrafficAuditor {
  const auditor = new ClientAuditor()
  return {
    audit: (records, info) => buildClientReport(records, info, auditor),
  }
}
