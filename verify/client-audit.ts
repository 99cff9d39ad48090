/**
 * The toolkit's traffic auditor for the mock's `GET /_admin/accounts/{id}/audit`: the client rule
 * catalogue over an account's records, as the client compliance report, and over one exchange at a
 * time, as the dashboard's live traffic shows it. Passed to `createApp` as `trafficAudit`, because
 * the emulated ClearID itself knows nothing of rules.
 *
 * @module
 */
import type { ExchangeFinding, TrafficAuditor } from '../mock-server/traffic/client-verification.ts'
import { severityFor } from '../rules/client/client-rule.ts'
import { ClientAuditor } from './audit.ts'
import { buildClientReport } from './client-report.ts'

/** One account's auditor: it keeps the live findings it has already judged between calls. */
export function clientAudit(): TrafficAuditor {
  const auditor = new ClientAuditor()
  return {
    audit: (records, info) => buildClientReport(records, info, auditor),
    findings: (record, history) => {
      const judged = auditor.judge(record, history)
      const out: ExchangeFinding[] = []
      for (const rule of auditor.rules) {
        for (const finding of judged.get(rule.id) ?? []) {
          out.push({
            ruleId: rule.id,
            title: rule.title,
            severity: severityFor(rule.level, finding),
            message: finding.message,
          })
        }
      }
      return out
    },
  }
}
