/**
 * The shape of a client rule: the same `RuleMeta` as the server rules, plus pure checks over the
 * exchanges the mock recorded from one client. `check` judges one exchange given the exchanges
 * before it; `conclude` (optional) judges the whole session once it ends, for reactions that only
 * the absence of a later request reveals ("never retried").
 *
 * Severity follows the level: a flaw against a MUST rule is an `error`, against a SHOULD or MAY rule
 * a `warning`; `info` findings are observations that never fail a rule.
 *
 * @module
 */
import type { TrafficRecord } from '../../mock-server/traffic/record.ts'
import type { Finding, RuleLevel, RuleMeta } from '../../model/rule.ts'

export type { TrafficRecord }

export interface ClientFinding {
  /** Default: by the rule's level (`error` for MUST, `warning` otherwise). */
  readonly severity?: Finding['severity']
  readonly message: string
  readonly expected?: unknown
  readonly actual?: unknown
  /** Findings of one rule with the same key are one flaw, reported once. Default: the message. */
  readonly key?: string
  /** The exchange that shows the flaw. Default: the judged exchange (`conclude` must set it). */
  readonly record?: TrafficRecord
}

export type ClientCheck = (
  exchange: TrafficRecord,
  history: readonly TrafficRecord[],
) => readonly ClientFinding[]

export interface ClientRule extends RuleMeta {
  readonly side: 'client'
  /** Pure; never throws (wrapped by `defineClientRule`). */
  readonly check: ClientCheck
  readonly conclude?: (session: readonly TrafficRecord[]) => readonly ClientFinding[]
  /** Why this traffic gave the rule nothing to judge, if so (the result is `not-applicable`). */
  readonly notApplicable?: (session: readonly TrafficRecord[]) => string | undefined
}

export type ClientRuleSpec = Omit<ClientRule, 'side'>

export function defineClientRule(spec: ClientRuleSpec): ClientRule {
  const { check, conclude, ...meta } = spec
  return {
    ...meta,
    side: 'client',
    check: (exchange, history) => guarded(() => check(exchange, history)),
    ...(conclude && { conclude: (session) => guarded(() => conclude(session)) }),
  }
}

function guarded(run: () => readonly ClientFinding[]): readonly ClientFinding[] {
  try {
    return run()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return [{ severity: 'info', message: `The check could not judge this exchange: ${reason}` }]
  }
}

export function severityFor(level: RuleLevel, finding: ClientFinding): Finding['severity'] {
  return finding.severity ?? (level === 'MUST' ? 'error' : 'warning')
}
