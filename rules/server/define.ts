/**
 * `defineServerRule`: a rule's metadata plus its check, wrapped so the check never throws. A failed
 * precondition (`SetupFailure`) becomes its finding; a harness refusal (writes not allowed, creation
 * cap, Ctrl-C) marks the rule skipped; a network failure or a bug becomes an error finding.
 *
 * @module
 */
import {
  HarnessStop,
  ResponseTooLargeError,
  TransportError,
  UnsafePathError,
} from '../../driver/http/errors.ts'
import { TokenRefused } from '../../driver/rest/token-source.ts'
import type { Finding, RuleMeta } from '../../model/rule.ts'
import { CannotTest, RuleNotApplicable, SetupFailure } from './check-stops.ts'
import type { ServerCheckContext, TargetFacts } from './context.ts'

export interface ServerRule extends RuleMeta {
  readonly side: 'server'
  /**
   * The door the rule speaks through: `scim` rules need a SCIM endpoint, `rest` rules ClearID's
   * REST API (and may use SCIM too); a target without it makes the rule not applicable.
   */
  readonly surface: 'scim' | 'rest'
  /** Sends requests that may change data: skipped against a deployment without `--allow-writes`. */
  readonly writes: boolean
  /** Runs once per selected Entra dialect. */
  readonly perDialect: boolean
  /** A reason the rule cannot run against this target, decided before it starts. */
  readonly applies?: (facts: TargetFacts) => string | undefined
  /** Never throws. */
  readonly check: (ctx: ServerCheckContext) => Promise<readonly Finding[]>
}

export type ServerRuleSpec = Omit<ServerRule, 'side' | 'perDialect' | 'surface'> & {
  readonly perDialect?: boolean
  readonly surface?: ServerRule['surface']
}

export function defineServerRule(spec: ServerRuleSpec): ServerRule {
  const { check, perDialect = false, surface = 'scim', ...meta } = spec
  return {
    ...meta,
    side: 'server',
    surface,
    perDialect,
    check: async (ctx) => {
      try {
        return await check(ctx)
      } catch (error) {
        // Everything the check found before the step that stopped it stands: a server whose
        // stale-If-Match DELETE deleted the user is reported for that, not only for the 404 after.
        return [...ctx.findings.list, ...findingsFor(error, ctx)]
      }
    },
  }
}

function findingsFor(error: unknown, ctx: ServerCheckContext): Finding[] {
  if (error instanceof SetupFailure) return [error.finding]
  if (error instanceof RuleNotApplicable) {
    ctx.outcome.notApplicable = error.message
    return []
  }
  if (error instanceof CannotTest) {
    ctx.outcome.skipped = `could not test: ${error.message}`
    return []
  }
  if (error instanceof HarnessStop) {
    ctx.outcome.skipped = error.reason
    return []
  }
  if (error instanceof UnsafePathError) {
    return [
      {
        severity: 'error',
        message: `The harness refused to use ${error.message}: no request was sent with it. Return ids that are not empty, "." or "..", and contain no "/".`,
        actual: error.value,
      },
    ]
  }
  if (error instanceof ResponseTooLargeError) {
    return [
      {
        severity: 'error',
        message: `Too large to read: ${error.message}`,
        exchange: error.exchange,
      },
    ]
  }
  if (error instanceof TokenRefused) {
    return [
      {
        severity: 'error',
        message: `The check could not get an access token: ${error.message}`,
        ...(error.answer ? { exchange: error.answer.exchange, actual: error.answer.status } : {}),
      },
    ]
  }
  if (error instanceof TransportError) {
    return [
      {
        severity: 'error',
        message: `No answer from the target: ${error.message}`,
        exchange: error.exchange,
      },
    ]
  }
  const message = error instanceof Error ? error.message : String(error)
  return [{ severity: 'error', message: `The check stopped on an unexpected error: ${message}` }]
}
