/**
 * The part of a rule result that comes from the rule itself (id, title, level, side, profile,
 * area, tags, sources, fix hint, SCIM Validator name), shared by the server runner and the client
 * audit so both report a rule the same way.
 *
 * @module
 */
import type { RuleMeta } from '../model/rule.ts'
import type { RuleResult } from './model.ts'

export type ResultMeta = Omit<RuleResult, 'status' | 'findings' | 'durationMs'>

export function resultMetaOf(rule: RuleMeta): ResultMeta {
  return {
    ruleId: rule.id,
    title: rule.title,
    level: rule.level,
    side: rule.side,
    profile: rule.profile,
    area: rule.area,
    tags: rule.tags,
    sources: rule.sources,
    fix: rule.fix,
    ...(rule.msValidatorTest !== undefined && { msValidatorTest: rule.msValidatorTest }),
  }
}
