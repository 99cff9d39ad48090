/**
 * The live view of `verify-client`: one plain line per request, and under it each flaw the first
 * time it shows (later repeats are counted in the report). Lines come from redacted records and
 * pass through the redactor once more, so no secret reaches the terminal.
 *
 * @module
 */
import type { ClientAuditor } from '../../../verify/audit.ts'
import type { TrafficRecord } from '../../../mock-server/traffic/record.ts'
import { redactString } from '../../../model/redact.ts'
import { describeRequest } from '../../../rules/client/inspect/requests.ts'

const TAGS = { error: 'FAIL', warning: 'WARN', info: 'NOTE' } as const

export function livePrinter(
  write: (text: string) => void,
  auditor: ClientAuditor,
  quiet: boolean,
): (record: TrafficRecord, history: readonly TrafficRecord[]) => void {
  return (record, history) => {
    const findings = auditor.live(record, history)
    const lines: string[] = []
    if (!quiet) lines.push(requestLine(record))
    for (const finding of findings) {
      const rule = finding.rule
      lines.push(`    ${TAGS[finding.severity]} ${rule.id} [${rule.level}] ${finding.message}`)
      if (finding.severity !== 'info') lines.push(`         fix: ${rule.fix}`)
    }
    if (lines.length > 0) write(`${lines.map(redactString).join('\n')}\n`)
  }
}

export function requestLine(record: TrafficRecord): string {
  const outcome = record.response ? String(record.response.status) : (record.error ?? 'no answer')
  const fault = record.fault ? `  [fault ${record.fault.id}: ${record.fault.type}]` : ''
  const request = describeRequest(record)
  const shown = request.length > 140 ? `${request.slice(0, 137)}...` : request
  return `#${record.seq}  ${shown}  -> ${outcome}  (${Math.round(record.durationMs)} ms)${fault}`
}
