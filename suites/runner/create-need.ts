/**
 * What a run will try to create, known before it sends anything: the rules that write and can run
 * against the target, counted with `rules/creates.ts`. The CLI refuses a run whose rules do not fit
 * under `--max-creates` rather than letting the cap skip the last of them half-way through.
 *
 * @module
 */
import { createsOf } from '../../rules/creates.ts'
import type { ServerRule } from '../../rules/server/define.ts'
import { factsOf, missingSurface } from './run.ts'
import type { RunOptions } from './run-options.ts'

type Need = Pick<RunOptions, 'target' | 'rules' | 'dialects' | 'allowWrites'>

/** Identities the run's rules try to create against a server that answers as ClearID does. */
export function createsNeeded(run: Need): number {
  if (!run.allowWrites) return 0
  const facts = factsOf(run)
  const runs = (rule: ServerRule) =>
    rule.writes && missingSurface(rule, facts) === undefined && rule.applies?.(facts) === undefined
  return createsOf(run.rules.filter(runs), run.dialects.length)
}

/** Why the run does not fit under `cap`; undefined when it does. */
export function createCapProblem(need: number, cap: number): string | undefined {
  if (need <= cap) return undefined
  return `the selected rules create up to ${need} identities (SCIM and REST together) against a server that answers as ClearID does, but --max-creates is ${cap}: nothing was sent. Raise --max-creates to ${need}, or select fewer rules (--rule, --tag, --level, --profile, --dialect)`
}
