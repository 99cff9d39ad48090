/**
 * Rule selection for `run` and `rules`: ids (exact, prefix or `*` glob, repeatable), tags, levels
 * and profiles. Filters of different kinds combine with AND, values of one kind with OR.
 *
 * @module
 */
import type { RuleLevel, RuleProfile } from '../../model/rule.ts'
import type { RuleMeta } from '../../model/rule.ts'
// The matcher lives in model/ so waiver files (reports/) match rule ids with the same syntax.
import { idMatcher } from '../../model/rule-id-pattern.ts'

export interface RuleSelection {
  readonly ids?: readonly string[]
  readonly tags?: readonly string[]
  readonly levels?: readonly RuleLevel[]
  readonly profiles?: readonly RuleProfile[]
}

export function selectRules<R extends RuleMeta>(
  rules: readonly R[],
  selection: RuleSelection,
): R[] {
  const ids = (selection.ids ?? []).map((pattern) => idMatcher(pattern))
  const tags = (selection.tags ?? []).map((t) => t.toLowerCase())
  return rules.filter(
    (rule) =>
      (ids.length === 0 || ids.some((match) => match(rule.id))) &&
      (tags.length === 0 || rule.tags.some((t) => tags.includes(t.toLowerCase()))) &&
      (!selection.levels?.length || selection.levels.includes(rule.level)) &&
      (!selection.profiles?.length || selection.profiles.includes(rule.profile)),
  )
}

/** Selection patterns that matched no rule, for a usage error instead of an empty run. */
export function unmatchedIds(rules: readonly RuleMeta[], ids: readonly string[]): string[] {
  return ids.filter((pattern) => !rules.some((rule) => idMatcher(pattern)(rule.id)))
}
