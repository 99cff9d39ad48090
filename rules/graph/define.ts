/**
 * `defineGraphRule`: a rule that judges a Graph source (a tenant, or a team's export of one)
 * against a synchronization configuration, before ClearID's Entra ID synchronization reads it.
 * `graph preview` reads the source once, plans what ClearID would make (`model/graph/plan.ts`, the
 * plan the mock's engine applies) and hands every rule the same view; a rule reports findings, or
 * says it does not apply. The judge is wrapped so it never throws: an exception becomes an `info`
 * finding.
 *
 * @module
 */
import type { GraphSyncConfig } from '../../model/graph/config.ts'
import type { GraphPlan, GraphSnapshot } from '../../model/graph/plan.ts'
import type { Finding, RuleMeta } from '../../model/rule.ts'

/** What the rules judge: the configuration, what was read, and the plan made of it. */
export interface GraphSourceView {
  readonly config: GraphSyncConfig
  readonly snapshot: GraphSnapshot
  readonly plan: GraphPlan
  /** Where it was read: the fake source, an export file, or a Graph URL. */
  readonly source: 'fake' | 'export' | 'graph'
  /** The Application permissions of the token it was read with (none for an export file). */
  readonly roles?: readonly string[]
}

export interface GraphFindingInput {
  /** Default: `error` for a MUST rule, `warning` otherwise. */
  readonly severity?: Finding['severity']
  readonly message: string
  readonly expected?: unknown
  readonly actual?: unknown
}

export interface GraphRuleContext {
  report(finding: GraphFindingInput): void
  /** The rule's subject is absent (no Regex mapping, no credential mapping): not applicable. */
  notApplicable(reason: string): void
}

export interface GraphRule extends RuleMeta {
  readonly side: 'source'
  judge(view: GraphSourceView, ctx: GraphRuleContext): void
}

export type GraphRuleSpec = Omit<GraphRule, 'side' | 'profile'>

export function defineGraphRule(spec: GraphRuleSpec): GraphRule {
  const { judge, ...meta } = spec
  return {
    ...meta,
    side: 'source',
    profile: 'clearid',
    judge(view, ctx) {
      try {
        judge(view, ctx)
      } catch (error) {
        ctx.report({
          severity: 'info',
          message: `The check could not judge the source: ${error instanceof Error ? error.message : String(error)}`,
        })
      }
    },
  }
}
