/**
 * The filter and attribute-path AST (RFC 7644 §3.4.2.2 and §3.5.2). Other modules code against these
 * shapes; `parseFilter` (parser.ts) builds them and `formatFilter` (format.ts) prints them back.
 *
 * @module
 */

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le'

export type Literal = string | number | boolean | null

/** `uri` is the schema URN prefix exactly as written, without the trailing colon. */
export interface AttrPath {
  readonly uri?: string
  readonly name: string
  readonly subAttr?: string
}

/**
 * `valuePath` has two shapes. The RFC one, `emails[type eq "work"]`, leaves `subAttr`, `op` and
 * `value` undefined. The Entra extension `emails[type eq "work"].value eq "x"` sets all three: it
 * matches when one element satisfies `filter` and its `subAttr` satisfies `op value`.
 */
export type FilterNode =
  | {
      readonly kind: 'compare'
      readonly path: AttrPath
      readonly op: CompareOp
      readonly value: Literal
    }
  | { readonly kind: 'present'; readonly path: AttrPath }
  | { readonly kind: 'and'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly expr: FilterNode }
  | {
      readonly kind: 'valuePath'
      readonly path: AttrPath
      readonly filter: FilterNode
      readonly subAttr?: string
      readonly op?: CompareOp
      readonly value?: Literal
    }

/** A PATCH `path` (RFC 7644 §3.5.2): `attrPath / valuePath [subAttr]`. */
export interface PatchPath {
  readonly attr: AttrPath
  readonly valueFilter?: FilterNode
  readonly subAttr?: string
}

export interface ParseOptions {
  /** Accept unquoted values (`externalId eq jyoung`), seen in legacy Entra documentation. */
  readonly lenientBareValues?: boolean
  /** Longest filter accepted, in characters. Default: no limit of its own. */
  readonly maxLength?: number
  /** Most attribute expressions (comparisons and `pr`) in one filter. Default: no limit of its own. */
  readonly maxClauses?: number
  /** Deepest nesting of groups and value filters. Default `MAX_FILTER_DEPTH`. */
  readonly maxDepth?: number
}

export const COMPARE_OPS: readonly CompareOp[] = [
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]
