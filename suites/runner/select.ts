/**
 * Rule selection for `run` and `rules`: ids (exact, prefix or `*` glob, repeatable), tags, levels
 * and profiles. Filters of different kinds combine with AND, values of one kind with OR.
 *
 * @module
 */
import type { RuleLevel, RuleProfile } from '../../model/rule.ts'
import type { RuleMeta } from '../../model/rule.ts'

export interface RuleSelection {
  readonly ids?: readonly string[]
  readonly tags?: readonly string[]
  readonly levels?: readonly RuleLevel[]
  readonly profiles?: readonly RuleProfile[]
}

/** `SRV-FILTER` (prefix), `SRV-*-001` (glob) or an exact id; case-insensitive. */
export function idMatcher(pattern: string): (id: string) => boolean {
  const upper = pattern.toUpperCase()
  if (!upper.includes('*') && !upper.includes('?'))
    return (id) => id.toUpperCase().startsWith(upper)
  const source = upper
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  const regex = new RegExp(`^${source}$`)
  return (id) => regex.test(id.toUpperCase())
}

export function selectRules<R extends RuleMeta>(
  rules: readonly R[],
  selection: RuleSelection,
): R[] {
  const ids = (selection.ids ?? []).map(idMatcher)
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
