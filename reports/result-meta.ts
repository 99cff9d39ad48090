/**
 * The part of a rule result that comes from the rule itself (id, title, level, side, profile,
 * area, tags, sources, fix hint, SCIM Validator name), shared by the server runner and the client
 * audit so both report a rule the same way.
 *
 * @module
 */
import { ruleMetaOf, type RuleMeta } from '../model/rule.ts'
import type { RuleResult } from './model.ts'

export type ResultMeta = Omit<RuleResult, 'status' | 'findings' | 'durationMs'>

export function resultMetaOf(rule: RuleMeta): ResultMeta {
  const { id, ...meta } = ruleMetaOf(rule)
  return { ruleId: id, ...meta }
}
