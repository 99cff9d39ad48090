/**
 * Evaluates a filter AST against SCIM resources in JSON form. `compileFilter` does the per-filter
 * work once (lower-casing names and literals, looking up `caseExact` and types, parsing dateTime
 * literals) and returns a predicate cheap enough to run on every resource of a scan.
 *
 * Semantics chosen where RFC 7644 §3.4.2.2 is silent, so the store and the reports agree:
 * - `ne` is the negation of `eq`: true for a missing attribute, and for a multi-valued attribute
 *   only when no element equals the value.
 * - `eq null` is "not present" and `ne null` is "present" (RFC 7643 §2.5: unassigned, null and an
 *   empty array are the same state).
 * - A dateTime without a zone is read as UTC, so results never depend on the server's time zone.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_EXTENSION,
  findCoreAttribute,
  findExtensionAttribute,
  isExtensionUrn,
  sameUrn,
} from '../../../model/attributes.ts'
import type { AttributeDefinition, AttributeType } from '../../../model/attributes.ts'
import type { AttrPath, CompareOp, FilterNode, Literal } from './ast.ts'
import { FilterSyntaxError } from './errors.ts'
import { formatAttrPath } from './format.ts'
import { positionOf } from './parser.ts'
import { elementGetter, keyOf, presentAt, rootGetter, someElement, someValue } from './resolve.ts'
import type { Key, TopGetter } from './resolve.ts'

export interface EvaluateOptions {
  /** Whether string comparisons on `path` are case-sensitive. Default: `defaultCaseExact`. */
  readonly caseExact?: (path: AttrPath) => boolean
  /** The schema type of `path`; `dateTime` makes comparisons chronological. Default: catalogue. */
  readonly attributeType?: (path: AttrPath) => AttributeType | undefined
  /** Let "True"/"false" strings equal booleans, either side (Entra's `roles[primary eq "True"]`). */
  readonly lenientBooleanStrings?: boolean
  /** Extension objects searched, in order, for an un-prefixed name missing from the core object. */
  readonly fallbackSchemas?: readonly string[]
}

export type FilterPredicate = (resource: unknown) => boolean

type Matcher = (leaf: unknown) => boolean

interface Settings {
  readonly caseExact: (path: AttrPath) => boolean
  readonly attributeType: (path: AttrPath) => AttributeType | undefined
  readonly lenientBooleanStrings: boolean
  readonly fallbackSchemas: readonly string[]
}

/** Compiles a filter once; the returned predicate takes a resource and allocates almost nothing. */
export function compileFilter(node: FilterNode, options: EvaluateOptions = {}): FilterPredicate {
  return compileNode(node, settingsOf(options), undefined)
}

interface CacheEntry {
  readonly options: EvaluateOptions | undefined
  readonly settings: Settings
  readonly predicate: FilterPredicate
}

const compiled = new WeakMap<FilterNode, CacheEntry>()

/**
 * Evaluates `node` against one resource. The compiled form is cached per node, so calling this in a
 * loop over a scan compiles once, as long as the same options object (or none) is passed each time.
 */
export function evaluateFilter(
  node: FilterNode,
  resource: unknown,
  options?: EvaluateOptions,
): boolean {
  let entry = compiled.get(node)
  if (
    entry === undefined ||
    (entry.options !== options && !sameSettings(entry.settings, options))
  ) {
    const settings = settingsOf(options ?? {})
    entry = { options, settings, predicate: compileNode(node, settings, undefined) }
    compiled.set(node, entry)
  }
  return entry.predicate(resource)
}

function settingsOf(options: EvaluateOptions): Settings {
  return {
    caseExact: options.caseExact ?? defaultCaseExact,
    attributeType: options.attributeType ?? defaultAttributeType,
    lenientBooleanStrings: options.lenientBooleanStrings ?? true,
    fallbackSchemas: options.fallbackSchemas ?? DEFAULT_FALLBACK_SCHEMAS,
  }
}

function sameSettings(settings: Settings, options: EvaluateOptions | undefined): boolean {
  const next = settingsOf(options ?? {})
  return (
    settings.caseExact === next.caseExact &&
    settings.attributeType === next.attributeType &&
    settings.lenientBooleanStrings === next.lenientBooleanStrings &&
    settings.fallbackSchemas === next.fallbackSchemas
  )
}

export const DEFAULT_FALLBACK_SCHEMAS: readonly string[] = [
  CLEARID_USER_EXTENSION,
  ENTERPRISE_USER_EXTENSION,
]

const CORE_SCHEMA_PREFIX = 'urn:ietf:params:scim:schemas:core:'
const CASE_EXACT_META = new Set(['version', 'location', 'resourcetype'])
const DATETIME_META = new Set(['created', 'lastmodified'])

function isCoreLevel(path: AttrPath): boolean {
  return path.uri === undefined || path.uri.toLowerCase().startsWith(CORE_SCHEMA_PREFIX)
}

function catalogueAttribute(path: AttrPath): AttributeDefinition | undefined {
  if (path.subAttr !== undefined) return undefined
  if (path.uri === undefined)
    return findCoreAttribute(path.name) ?? findExtensionAttribute(path.name)
  if (isExtensionUrn(path.uri)) return findExtensionAttribute(path.name)
  return sameUrn(path.uri, CORE_USER_SCHEMA) ? findCoreAttribute(path.name) : undefined
}

/** Catalogue `caseExact`, plus RFC 7643's common attributes: `id` and `meta` identifiers. */
export function defaultCaseExact(path: AttrPath): boolean {
  const definition = catalogueAttribute(path)
  if (definition !== undefined) return definition.caseExact
  if (!isCoreLevel(path)) return false
  const name = path.name.toLowerCase()
  if (path.subAttr === undefined) return name === 'id'
  return name === 'meta' && CASE_EXACT_META.has(path.subAttr.toLowerCase())
}

/** Catalogue types, plus `meta.created` and `meta.lastModified` as dateTime. */
export function defaultAttributeType(path: AttrPath): AttributeType | undefined {
  const definition = catalogueAttribute(path)
  if (definition !== undefined) return definition.type
  const isMetaDate =
    isCoreLevel(path) &&
    path.name.toLowerCase() === 'meta' &&
    path.subAttr !== undefined &&
    DATETIME_META.has(path.subAttr.toLowerCase())
  return isMetaDate ? 'dateTime' : undefined
}

/** `parent` is set inside a value filter: names there are sub-attributes of the parent path. */
function compileNode(
  node: FilterNode,
  settings: Settings,
  parent: AttrPath | undefined,
): FilterPredicate {
  switch (node.kind) {
    case 'and': {
      const left = compileNode(node.left, settings, parent)
      const right = compileNode(node.right, settings, parent)
      return (context) => left(context) && right(context)
    }
    case 'or': {
      const left = compileNode(node.left, settings, parent)
      const right = compileNode(node.right, settings, parent)
      return (context) => left(context) || right(context)
    }
    case 'not': {
      const expr = compileNode(node.expr, settings, parent)
      return (context) => !expr(context)
    }
    case 'present': {
      const get = getterFor(node.path, settings, parent)
      const sub = node.path.subAttr === undefined ? undefined : keyOf(node.path.subAttr)
      return (context) => presentAt(get(context), sub)
    }
    case 'compare': {
      const get = getterFor(node.path, settings, parent)
      const full = parent === undefined ? node.path : nested(parent, node.path.name)
      const test = compileTest(node.op, node.value, full, node.path.subAttr, settings, node)
      return (context) => test(get(context))
    }
    case 'valuePath':
      return compileValuePath(node, settings, parent)
  }
}

function compileValuePath(
  node: Extract<FilterNode, { kind: 'valuePath' }>,
  settings: Settings,
  parent: AttrPath | undefined,
): FilterPredicate {
  const get = getterFor(node.path, settings, parent)
  const inner = compileNode(node.filter, settings, node.path)
  if (node.subAttr === undefined || node.op === undefined) {
    return (context) => someElement(get(context), inner)
  }
  const full = nested(node.path, node.subAttr)
  const test = compileTest(node.op, node.value ?? null, full, node.subAttr, settings, node)
  return (context) => someElement(get(context), (element) => inner(element) && test(element))
}

function getterFor(path: AttrPath, settings: Settings, parent: AttrPath | undefined): TopGetter {
  return parent === undefined ? rootGetter(path, settings.fallbackSchemas) : elementGetter(path)
}

function nested(parent: AttrPath, subAttr: string): AttrPath {
  return { ...(parent.uri !== undefined && { uri: parent.uri }), name: parent.name, subAttr }
}

/**
 * Builds the test for `top[.sub] op value`, where `top` is the raw value the getter returned. `full`
 * is the attribute's complete path, used for the `caseExact` and type look-ups.
 */
function compileTest(
  op: CompareOp,
  value: Literal,
  full: AttrPath,
  sub: string | undefined,
  settings: Settings,
  node: FilterNode,
): (top: unknown) => boolean {
  const subKey: Key | undefined = sub === undefined ? undefined : keyOf(sub)
  if (value === null) {
    if (op === 'eq') return (top) => !presentAt(top, subKey)
    if (op === 'ne') return (top) => presentAt(top, subKey)
  }
  const matcher = compileMatcher(op === 'ne' ? 'eq' : op, value, full, settings, node)
  if (op === 'ne') {
    // On a multi-valued attribute, ne matches when some element differs (RFC 7644 §3.4.2.2: "any
    // of the values"), so an absent one has no value to differ. On a single-valued attribute it is
    // the negation of eq, and an absent value matches (a documented choice).
    const differs = (leaf: unknown) => !matcher(leaf)
    const absentMatches = !MULTI_VALUED.has(full.name.toLowerCase())
    return (top) =>
      Array.isArray(top)
        ? someValue(top, subKey, differs)
        : top === undefined || top === null
          ? absentMatches
          : !someValue(top, subKey, matcher)
  }
  return (top) => someValue(top, subKey, matcher)
}

/** RFC 7643 §4.1.2, §4.2 and §4.3 multi-valued attributes: known even when a resource lacks them. */
const MULTI_VALUED = new Set([
  'emails',
  'phonenumbers',
  'ims',
  'photos',
  'addresses',
  'groups',
  'entitlements',
  'roles',
  'x509certificates',
  'members',
])

function compileMatcher(
  op: Exclude<CompareOp, 'ne'>,
  value: Literal,
  path: AttrPath,
  settings: Settings,
  node: FilterNode,
): Matcher {
  const type = settings.attributeType(path)
  const ordering = op === 'gt' || op === 'ge' || op === 'lt' || op === 'le'
  if (ordering && type === 'boolean') throw orderingError(op, path, node)
  checkOperand(op, ordering, value, node)
  const guard = ordering ? booleanGuard(op, path, node) : undefined
  if (typeof value === 'string') {
    if (type === 'dateTime' && op !== 'co' && op !== 'sw' && op !== 'ew') {
      return withGuard(guard, dateMatcher(op, value, path, node))
    }
    return withGuard(
      guard,
      stringMatcher(op, value, settings.caseExact(path), settings.lenientBooleanStrings),
    )
  }
  if (typeof value === 'number') return withGuard(guard, numberMatcher(op, value))
  if (typeof value === 'boolean') return booleanMatcher(value, settings.lenientBooleanStrings)
  return () => false
}

/** RFC 7644 §3.4.2.2: ordering a boolean attribute is an error, even when only the data shows it. */
function booleanGuard(op: CompareOp, path: AttrPath, node: FilterNode): Matcher {
  return (leaf) => {
    if (typeof leaf === 'boolean') throw orderingError(op, path, node)
    return false
  }
}

function withGuard(guard: Matcher | undefined, matcher: Matcher): Matcher {
  if (guard === undefined) return matcher
  return (leaf) => (typeof leaf === 'boolean' ? guard(leaf) : matcher(leaf))
}

function orderingError(op: CompareOp, path: AttrPath, node: FilterNode): FilterSyntaxError {
  const position = positionOf(node)
  return new FilterSyntaxError(
    `the operator "${op}" cannot order the boolean attribute "${formatAttrPath(path)}" (operator at position ${position}); use eq or ne`,
    position,
  )
}

/** The parser rejects these already; this covers hand-built ASTs. */
function checkOperand(op: CompareOp, ordering: boolean, value: Literal, node: FilterNode): void {
  if (op === 'eq' || typeof value === 'string' || (ordering && typeof value === 'number')) return
  const position = positionOf(node)
  throw new FilterSyntaxError(
    `the operator "${op}" cannot take the value ${JSON.stringify(value)} (operator at position ${position})`,
    position,
  )
}

function compareOrdered<T extends string | number>(op: CompareOp, left: T, right: T): boolean {
  switch (op) {
    case 'gt':
      return left > right
    case 'ge':
      return left >= right
    case 'lt':
      return left < right
    case 'le':
      return left <= right
    default:
      return left === right
  }
}

function stringMatcher(
  op: CompareOp,
  value: string,
  caseExact: boolean,
  lenientBooleans: boolean,
): Matcher {
  const literal = caseExact ? value : value.toLowerCase()
  const asBoolean = lenientBooleans ? booleanFromString(value) : undefined
  const strings = stringOp(op, literal)
  return (leaf) => {
    if (typeof leaf === 'string') return strings(caseExact ? leaf : leaf.toLowerCase())
    if (typeof leaf === 'boolean') return op === 'eq' && leaf === asBoolean
    return false
  }
}

function stringOp(op: CompareOp, literal: string): (text: string) => boolean {
  switch (op) {
    case 'co':
      return (text) => text.includes(literal)
    case 'sw':
      return (text) => text.startsWith(literal)
    case 'ew':
      return (text) => text.endsWith(literal)
    default:
      return (text) => compareOrdered(op, text, literal)
  }
}

function numberMatcher(op: CompareOp, value: number): Matcher {
  return (leaf) => typeof leaf === 'number' && compareOrdered(op, leaf, value)
}

function booleanMatcher(value: boolean, lenientBooleans: boolean): Matcher {
  return (leaf) => {
    if (typeof leaf === 'boolean') return leaf === value
    return lenientBooleans && typeof leaf === 'string' && booleanFromString(leaf) === value
  }
}

function booleanFromString(text: string): boolean | undefined {
  const lower = text.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  return undefined
}

function dateMatcher(op: CompareOp, value: string, path: AttrPath, node: FilterNode): Matcher {
  const instant = parseDateTime(value)
  if (Number.isNaN(instant)) {
    const position = positionOf(node)
    throw new FilterSyntaxError(
      `expected a dateTime like "2024-01-31T12:00:00Z" to compare with "${formatAttrPath(path)}" (operator at position ${position}), found "${value}"`,
      position,
    )
  }
  return (leaf) => {
    if (typeof leaf !== 'string') return false
    const other = parseDateTime(leaf)
    return !Number.isNaN(other) && compareOrdered(op, other, instant)
  }
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?([Zz]|[+-]\d{2}:?\d{2})?$/

/** xsd:dateTime (RFC 7643 §2.3.5) to epoch milliseconds; NaN when it is not one. */
export function parseDateTime(text: string): number {
  const match = DATE_TIME.exec(text)
  if (match === null) return Number.NaN
  const [, date, time, zone] = match
  if (time === undefined) return Date.parse(`${date}T00:00:00${zone ?? 'Z'}`)
  return Date.parse(`${date}T${time}${zone ?? 'Z'}`)
}
