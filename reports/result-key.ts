/**
 * The identity of a result across runs: the rule id, plus the dialect when the rule ran once per
 * Entra dialect. Baseline diffs and waivers match on it.
 *
 * @module
 */
import type { RuleResult } from './model.ts'

/** `SRV-FILTER-001` or `SRV-FILTER-001 [entra-flag]`, the same text JUnit test names use. */
export function resultKey(result: Pick<RuleResult, 'ruleId' | 'dialect'>): string {
  return result.dialect ? `${result.ruleId} [${result.dialect}]` : result.ruleId
}

/** Results indexed by key; when a key repeats (it should not), the first result wins. */
export function indexResults(results: readonly RuleResult[]): Map<string, RuleResult> {
  const index = new Map<string, RuleResult>()
  for (const result of results) {
    const key = resultKey(result)
    if (!index.has(key)) index.set(key, result)
  }
  return index
}
