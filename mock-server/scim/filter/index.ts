/**
 * The SCIM filter and attribute-path engine: parsing (RFC 7644 §3.4.2.2 and §3.5.2, with Entra's
 * dialects), printing, and evaluation against resources in JSON form. Pure functions, no I/O.
 *
 * @module
 */
export { COMPARE_OPS } from './ast.ts'
export { FilterLimitError, FilterSyntaxError } from './errors.ts'
export {
  compileFilter,
  defaultAttributeType,
  defaultCaseExact,
  DEFAULT_FALLBACK_SCHEMAS,
  evaluateFilter,
  parseDateTime,
} from './evaluate.ts'
export { formatAttrPath, formatFilter, formatLiteral, formatPatchPath } from './format.ts'
export { indexableEquality, quickEquality } from './indexable.ts'
export { MAX_FILTER_DEPTH, MAX_LOGICAL_OPERATORS, parseFilter, positionOf } from './parser.ts'
export { countClauses } from './clauses.ts'
export { parseAttributePath } from './path.ts'

export type { AttrPath, CompareOp, FilterNode, Literal, ParseOptions, PatchPath } from './ast.ts'
export type { FilterErrorScimType, FilterLimit } from './errors.ts'
export type { EvaluateOptions, FilterPredicate } from './evaluate.ts'
export type { IndexableEquality, IndexedAttribute } from './indexable.ts'
