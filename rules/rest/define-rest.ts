/**
 * `defineRestRule`: a server rule that speaks through ClearID's REST API. It is a `defineServerRule`
 * (same catalogue, same fields, same never-throwing check) whose target must have the REST API, and
 * whatever else it names in `needs`; a target without them makes it not applicable, with a reason
 * that says what to pass.
 *
 * @module
 */
import type { Finding } from '../../model/rule.ts'
import type { RestCheckContext, ServerCheckContext, TargetFacts } from '../server/context.ts'
import { defineServerRule, type ServerRule, type ServerRuleSpec } from '../server/define.ts'

/** What a REST rule needs beyond the REST API itself. */
export type RestNeed =
  /** The mock's control plane: webhooks, key rotation, reset, scratch accounts. */
  | 'control-plane'
  /** A webhook receiver the harness reads. */
  | 'webhook-receiver'
  /** The integration's private key, for the JWT-assertion grant. */
  | 'assertion-key'
  /** The SCIM endpoint too (interoperation). */
  | 'scim'

const REASONS: Record<RestNeed, (facts: TargetFacts) => string | undefined> = {
  'control-plane': (facts) =>
    facts.rest?.controlPlane
      ? undefined
      : "needs the mock's control plane, which ClearID does not expose (its portal does this): runs in-process, or against a mock URL with --admin-token",
  'webhook-receiver': (facts) =>
    facts.rest?.webhookReceiver
      ? undefined
      : 'needs a webhook receiver the harness can read: in-process the harness is the receiver; over HTTP pass --admin-token so it starts one on loopback',
  'assertion-key': (facts) =>
    facts.rest?.assertionKey
      ? undefined
      : "needs the API integration's key file for the JWT-assertion grant (--key-file)",
  scim: (facts) => (facts.scim ? undefined : 'needs the SCIM endpoint too (--target URL --key)'),
}

export interface RestRuleSpec extends Omit<ServerRuleSpec, 'surface' | 'perDialect' | 'check'> {
  readonly needs?: readonly RestNeed[]
  readonly check: (ctx: ServerCheckContext, rest: RestCheckContext) => Promise<readonly Finding[]>
}

export function defineRestRule(spec: RestRuleSpec): ServerRule {
  const { needs = [], check, applies, ...meta } = spec
  return defineServerRule({
    ...meta,
    surface: 'rest',
    applies: (facts) => {
      for (const need of needs) {
        const reason = REASONS[need](facts)
        if (reason !== undefined) return reason
      }
      return applies?.(facts)
    },
    check: (ctx) => {
      // The runner gives every REST rule a REST context; `applies` kept the others out.
      if (!ctx.rest) throw new Error('no REST API in this run')
      return check(ctx, ctx.rest)
    },
  })
}
