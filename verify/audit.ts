/**
 * The client audit: runs the client rules over an account's recorded exchanges. Each exchange is
 * judged once (memoised per record, with the history it had when it arrived); findings of a rule
 * that share a key are one flaw, reported once with the first exchange that shows it and a count.
 * Everything here is pure computation over records; it never touches the request path.
 *
 * @module
 */
import type { RuleResult } from '../reports/model.ts'
import { severityFor, type ClientFinding, type ClientRule } from '../rules/client/client-rule.ts'
import { CLIENT_RULES } from '../rules/client/index.ts'
import type { Exchange, Finding } from '../model/rule.ts'
import type { TrafficRecord } from '../mock-server/traffic/record.ts'
import { resultMetaOf } from '../reports/result-meta.ts'

/** A flaw seen for the first time, for the live view. */
export interface LiveFinding {
  readonly rule: ClientRule
  readonly severity: Finding['severity']
  readonly message: string
  readonly record: TrafficRecord
}

interface Collected {
  readonly finding: ClientFinding
  readonly record: TrafficRecord
  count: number
}

export class ClientAuditor {
  readonly rules: readonly ClientRule[]
  readonly #judged = new WeakMap<TrafficRecord, ReadonlyMap<string, readonly ClientFinding[]>>()
  readonly #seen = new Set<string>()

  constructor(rules: readonly ClientRule[] = CLIENT_RULES) {
    this.rules = rules
  }

  /** Every rule's findings for one exchange, given the exchanges before it. */
  judge(
    record: TrafficRecord,
    history: readonly TrafficRecord[],
  ): ReadonlyMap<string, readonly ClientFinding[]> {
    let judged = this.#judged.get(record)
    if (!judged) {
      const map = new Map<string, readonly ClientFinding[]>()
      for (const rule of this.rules) map.set(rule.id, rule.check(record, history))
      judged = map
      this.#judged.set(record, judged)
    }
    return judged
  }

  /** Flaws this exchange shows that this auditor has not reported before. */
  live(record: TrafficRecord, history: readonly TrafficRecord[]): LiveFinding[] {
    const out: LiveFinding[] = []
    const judged = this.judge(record, history)
    for (const rule of this.rules) {
      for (const finding of judged.get(rule.id) ?? []) {
        const id = `${rule.id}\u0000${finding.key ?? finding.message}`
        if (this.#seen.has(id)) continue
        this.#seen.add(id)
        out.push({
          rule,
          severity: severityFor(rule.level, finding),
          message: finding.message,
          record,
        })
      }
    }
    return out
  }

  /** One result per rule, in catalogue order. */
  results(session: readonly TrafficRecord[]): RuleResult[] {
    return this.rules.map((rule) => this.#result(rule, session))
  }

  #result(rule: ClientRule, session: readonly TrafficRecord[]): RuleResult {
    const started = performance.now()
    const reason = session.length === 0 ? 'No traffic was recorded.' : rule.notApplicable?.(session)
    const collected = new Map<string, Collected>()
    if (reason === undefined) {
      session.forEach((record, i) => {
        const findings = this.judge(record, session.slice(0, i)).get(rule.id) ?? []
        for (const finding of findings) collect(collected, finding, record)
      })
      for (const finding of rule.conclude?.(session) ?? []) {
        collect(collected, finding, finding.record ?? session[session.length - 1])
      }
    }
    const findings = ordered([...collected.values()].map((c) => toFinding(rule, c)))
    const failed = findings.some((f) => f.severity !== 'info')
    return {
      ...resultMetaOf(rule),
      status: reason !== undefined ? 'not-applicable' : failed ? 'failed' : 'passed',
      ...(reason !== undefined && { reason }),
      findings,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    }
  }
}

function collect(
  into: Map<string, Collected>,
  finding: ClientFinding,
  record: TrafficRecord | undefined,
): void {
  if (!record) return
  const key = finding.key ?? finding.message
  const existing = into.get(key)
  if (existing) existing.count++
  else into.set(key, { finding, record, count: 1 })
}

function ordered(findings: Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 } as const
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
    .map((x) => x.f)
}

function toFinding(rule: ClientRule, { finding, record, count }: Collected): Finding {
  const repeated = count > 1 ? ` (seen in ${count} exchanges; the first is attached)` : ''
  return {
    severity: severityFor(rule.level, finding),
    message: `${finding.message}${repeated}`,
    ...('expected' in finding && { expected: finding.expected }),
    ...('actual' in finding && { actual: finding.actual }),
    exchange: toExchange(record),
  }
}

/** A record as the report's request/response pair (already redacted when recorded). */
export function toExchange(record: TrafficRecord): Exchange {
  const { request, response } = record
  return {
    request: {
      method: request.method,
      url: request.url,
      headers: { ...request.headers },
      ...(request.body !== undefined && { body: request.body }),
    },
    ...(response && {
      response: {
        status: response.status,
        headers: { ...response.headers },
        ...(response.body !== undefined && { body: response.body }),
      },
    }),
    durationMs: record.durationMs,
    ...(record.error !== undefined && { error: record.error }),
  }
}
