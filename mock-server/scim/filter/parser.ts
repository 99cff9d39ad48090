/**
 * A recursive-descent parser for the full RFC 7644 §3.4.2.2 filter grammar (Figure 1), with errata
 * 4690/7322 applied: a value filter (`emails[…]`) may use and/or/not and grouping but may not nest
 * another value path. Precedence, loosest first: `or`, `and`, `not`/grouping/attribute expressions.
 *
 * Deliberate extensions, each needed for Entra traffic:
 * - `emails[type eq "work"].value eq "x"`: a value path followed by a sub-attribute comparison. RFC
 *   7644 allows `[subAttr]` after `]` only in PATCH paths; Entra sends it as a matching filter.
 * - Unquoted values (`externalId eq jyoung`) when `lenientBareValues` is set.
 * - Whitespace between tokens is optional and may be any amount (the ABNF asks for exactly one SP).
 *
 * @module
 */
import type { AttrPath, CompareOp, FilterNode, Literal, ParseOptions } from './ast.ts'
import { COMPARE_OPS } from './ast.ts'
import { FilterLimitError, FilterSyntaxError } from './errors.ts'
import type { FilterErrorScimType } from './errors.ts'
import { Lexer } from './lexer.ts'
import type { Token } from './lexer.ts'

/** Guards the recursion: a hostile `((((…` must end in a 400, not a stack overflow. */
export const MAX_FILTER_DEPTH = 64
/** Bounds the depth of the and/or tree, which the evaluator and printer walk recursively. */
export const MAX_LOGICAL_OPERATORS = 1000

const OPERATOR_LIST = 'eq, ne, co, sw, ew, pr, gt, ge, lt, le'
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/i
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/
const ORDERING_OPS: ReadonlySet<CompareOp> = new Set(['gt', 'ge', 'lt', 'le'])
const SUBSTRING_OPS: ReadonlySet<CompareOp> = new Set(['co', 'sw', 'ew'])

const nodePositions = new WeakMap<FilterNode, number>()

/** Where the operator of a `compare` or `valuePath` node was written; 0 for hand-built nodes. */
export function positionOf(node: FilterNode): number {
  return nodePositions.get(node) ?? 0
}

/**
 * Parses a `filter` query parameter. Throws `FilterSyntaxError` on anything invalid, and its
 * subclass `FilterLimitError` on a filter longer, larger or deeper than `options` allow.
 */
export function parseFilter(input: string, options: ParseOptions = {}): FilterNode {
  if (options.maxLength !== undefined && input.length > options.maxLength) {
    throw new FilterLimitError(
      `the filter is ${input.length} characters long; at most ${options.maxLength} are accepted`,
      options.maxLength,
      'invalidFilter',
      'length',
    )
  }
  const parser = new Parser(input, options, 'invalidFilter')
  const node = parser.parseExpression(false)
  parser.expectEnd('"and", "or" or the end of the filter')
  return node
}

/** Describes a token for an error message: `"equals"`, `the string "x"`, `end of input`. */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'end of input'
  const text = token.text.length > 40 ? `${token.text.slice(0, 37)}...` : token.text
  return token.kind === 'string' ? `the string ${text}` : `"${text}"`
}

function lookupOp(text: string): CompareOp | 'pr' | undefined {
  const lower = text.toLowerCase()
  if (lower === 'pr') return 'pr'
  return COMPARE_OPS.find((op) => op === lower)
}

export class Parser {
  readonly lexer: Lexer
  private previous: Token | undefined
  private depth = 0
  private logicalOperators = 0
  private clauses = 0

  constructor(
    readonly input: string,
    private readonly options: ParseOptions,
    readonly scimType: FilterErrorScimType,
  ) {
    this.lexer = new Lexer(input, scimType)
  }

  /** `or` is loosest and left-associative. */
  parseExpression(inValueFilter: boolean): FilterNode {
    let left = this.parseAnd(inValueFilter)
    while (this.isKeyword(this.lexer.peek(), 'or')) {
      this.consumeLogical()
      left = { kind: 'or', left, right: this.parseAnd(inValueFilter) }
    }
    return left
  }

  expectEnd(what: string): void {
    const token = this.lexer.peek()
    if (token.kind === 'eof') return
    if (token.kind === 'rparen') {
      throw this.error(`unexpected ")" at position ${token.pos}: it has no matching "("`, token.pos)
    }
    if (token.kind === 'rbracket') {
      throw this.error(`unexpected "]" at position ${token.pos}: it has no matching "["`, token.pos)
    }
    throw this.expected(what, token)
  }

  /** Reads one attribute-path word and splits it into URN, name and sub-attribute. */
  parseAttrPath(what: string): AttrPath {
    const token = this.lexer.peek()
    if (token.kind !== 'word') throw this.expected(what, token)
    this.consume()
    return this.splitAttrPath(token)
  }

  /** Reads `[ valFilter ]` after an attribute path; the opening bracket is the next token. */
  parseBracketFilter(path: AttrPath): FilterNode {
    const open = this.consume()
    if (path.subAttr !== undefined) {
      throw this.error(
        `a value filter "[" cannot follow the sub-attribute "${path.name}.${path.subAttr}" at position ${open.pos}; filter the parent attribute instead`,
        open.pos,
      )
    }
    this.enter(open)
    const filter = this.parseExpression(true)
    const close = this.lexer.peek()
    if (close.kind !== 'rbracket') throw this.expected('"]" to close the value filter', close)
    this.consume()
    this.depth--
    return filter
  }

  /** Reads `.subAttr` after `]`; the dot is the next token. */
  parseSubAttr(): string {
    const dot = this.consume()
    const token = this.lexer.peek()
    const extraDot = token.kind === 'word' ? token.text.indexOf('.') : -1
    if (extraDot > 0) {
      const at = token.pos + extraDot
      throw this.error(
        `expected one sub-attribute after "]", found a second "." at position ${at} in "${token.text}"`,
        at,
      )
    }
    if (token.kind !== 'word' || !ATTR_NAME.test(token.text)) {
      throw this.expected('a sub-attribute name', token, dot)
    }
    this.consume()
    return token.text
  }

  private parseAnd(inValueFilter: boolean): FilterNode {
    let left = this.parseUnary(inValueFilter)
    while (this.isKeyword(this.lexer.peek(), 'and')) {
      this.consumeLogical()
      left = { kind: 'and', left, right: this.parseUnary(inValueFilter) }
    }
    return left
  }

  private parseUnary(inValueFilter: boolean): FilterNode {
    const token = this.lexer.peek()
    if (token.kind === 'lparen') {
      this.consume()
      return this.parseGroup(token, inValueFilter)
    }
    if (token.kind === 'word' && token.text.toLowerCase() === 'not') {
      const negated = this.parseNot(token, inValueFilter)
      if (negated !== undefined) return negated
    }
    return this.parseAttrExpression(inValueFilter)
  }

  /** `not` is a keyword only before `(`; before an operator or `[` it is an attribute name. */
  private parseNot(token: Token, inValueFilter: boolean): FilterNode | undefined {
    this.consume()
    const after = this.lexer.peek()
    if (after.kind === 'lparen') {
      this.consume()
      return { kind: 'not', expr: this.parseGroup(after, inValueFilter) }
    }
    if (
      after.kind === 'lbracket' ||
      (after.kind === 'word' && lookupOp(after.text) !== undefined)
    ) {
      return this.finishAttrExpression(this.splitAttrPath(token), token, inValueFilter)
    }
    throw this.expected('"(" (a negation is written "not (filter)")', after, token)
  }

  private parseGroup(open: Token, inValueFilter: boolean): FilterNode {
    this.enter(open)
    const inner = this.parseExpression(inValueFilter)
    const close = this.lexer.peek()
    if (close.kind !== 'rparen') {
      throw this.expected(`")" to match the "(" at position ${open.pos}`, close)
    }
    this.consume()
    this.depth--
    return inner
  }

  private parseAttrExpression(inValueFilter: boolean): FilterNode {
    const token = this.lexer.peek()
    const path = this.parseAttrPath('an attribute path, "(" or "not"')
    return this.finishAttrExpression(path, token, inValueFilter)
  }

  private finishAttrExpression(
    path: AttrPath,
    pathToken: Token,
    inValueFilter: boolean,
  ): FilterNode {
    const next = this.lexer.peek()
    if (next.kind !== 'lbracket') return this.parseOperatorAndValue(path)
    if (inValueFilter) {
      throw this.error(
        `a value filter cannot be nested inside another value filter: found "[" after "${pathToken.text}" at position ${next.pos}`,
        next.pos,
      )
    }
    const filter = this.parseBracketFilter(path)
    if (this.lexer.peek().kind !== 'dot') return { kind: 'valuePath', path, filter }
    const subAttr = this.parseSubAttr()
    const opToken = this.lexer.peek()
    const op = opToken.kind === 'word' ? lookupOp(opToken.text) : undefined
    if (op === undefined || op === 'pr') {
      throw this.expected(
        `a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) after the value path "${pathToken.text}[…].${subAttr}"`,
        opToken,
        null,
      )
    }
    this.countClause(opToken)
    this.consume()
    const value = this.parseValue(op, opToken)
    const node: FilterNode = { kind: 'valuePath', path, filter, subAttr, op, value }
    nodePositions.set(node, opToken.pos)
    return node
  }

  private parseOperatorAndValue(path: AttrPath): FilterNode {
    const opToken = this.lexer.peek()
    const op = opToken.kind === 'word' ? lookupOp(opToken.text) : undefined
    if (op === undefined) throw this.expected(`a comparison operator (${OPERATOR_LIST})`, opToken)
    this.countClause(opToken)
    this.consume()
    if (op === 'pr') {
      const after = this.lexer.peek()
      if (after.kind === 'string' || after.kind === 'other') {
        throw this.error(
          `the "pr" operator takes no value: expected "and", "or" or the end after "pr" at position ${after.pos}, found ${describeToken(after)}`,
          after.pos,
        )
      }
      return { kind: 'present', path }
    }
    const value = this.parseValue(op, opToken)
    const node: FilterNode = { kind: 'compare', path, op, value }
    nodePositions.set(node, opToken.pos)
    return node
  }

  private parseValue(op: CompareOp, opToken: Token): Literal {
    const token = this.lexer.nextValue()
    const value = this.literalOf(token)
    this.previous = token
    checkOperand(op, value, opToken, token, this.scimType)
    return value
  }

  private literalOf(token: Token): Literal {
    const what = 'a value (a "quoted string", a number, true, false or null)'
    if (token.kind === 'string') return token.value ?? ''
    if (token.kind !== 'bare') throw this.expected(what, token)
    const text = token.text
    if (JSON_NUMBER.test(text)) return Number(text)
    const keyword = this.options.lenientBareValues === true ? text.toLowerCase() : text
    if (keyword === 'true') return true
    if (keyword === 'false') return false
    if (keyword === 'null') return null
    if (this.options.lenientBareValues === true) return text
    throw this.expected(what, token, undefined, '; put string values in double quotes')
  }

  private splitAttrPath(token: Token): AttrPath {
    const text = token.text
    const colon = text.lastIndexOf(':')
    const uri = colon >= 0 ? text.slice(0, colon) : undefined
    const rest = text.slice(colon + 1)
    const dot = rest.indexOf('.')
    const name = dot >= 0 ? rest.slice(0, dot) : rest
    const subAttr = dot >= 0 ? rest.slice(dot + 1) : undefined
    const base = token.pos + colon + 1
    if (uri !== undefined && !/^[A-Za-z][A-Za-z0-9:._$-]*[A-Za-z0-9_-]$/.test(uri)) {
      throw this.error(
        `expected a schema URN before "${rest}" at position ${token.pos}, found "${uri}"`,
        token.pos,
      )
    }
    if (!ATTR_NAME.test(name)) {
      const where = uri === undefined ? '' : ` after "${uri}:"`
      throw this.error(
        `expected an attribute name${where} at position ${base}, found "${name}" (names start with a letter and use letters, digits, "-" and "_")`,
        base,
      )
    }
    if (subAttr?.includes('.') === true) {
      const at = base + name.length + 1 + subAttr.indexOf('.')
      throw this.error(
        `expected at most one sub-attribute in "${rest}": found a second "." at position ${at}`,
        at,
      )
    }
    if (subAttr !== undefined && !ATTR_NAME.test(subAttr)) {
      const at = base + name.length + 1
      throw this.error(
        `expected a sub-attribute name after "${name}." at position ${at}, found "${subAttr}"`,
        at,
      )
    }
    return { ...(uri !== undefined && { uri }), name, ...(subAttr !== undefined && { subAttr }) }
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword
  }

  private consume(): Token {
    const token = this.lexer.next()
    this.previous = token
    return token
  }

  private consumeLogical(): void {
    const token = this.consume()
    if (++this.logicalOperators > MAX_LOGICAL_OPERATORS) {
      throw this.error(
        `the filter has more than ${MAX_LOGICAL_OPERATORS} "and"/"or" operators (at position ${token.pos}); split it into several requests`,
        token.pos,
      )
    }
  }

  private countClause(opToken: Token): void {
    const max = this.options.maxClauses
    if (max === undefined || ++this.clauses <= max) return
    throw new FilterLimitError(
      `the filter has more than ${max} comparisons (the one at position ${opToken.pos} is one too many); at most ${max} are accepted: split it into several requests`,
      opToken.pos,
      this.scimType,
      'clauses',
    )
  }

  private enter(open: Token): void {
    const max = Math.min(this.options.maxDepth ?? MAX_FILTER_DEPTH, MAX_FILTER_DEPTH)
    if (++this.depth > max) {
      throw new FilterLimitError(
        `the filter nests deeper than ${max} levels at position ${open.pos}`,
        open.pos,
        this.scimType,
        'depth',
      )
    }
  }

  /** `after` overrides the previous token; `null` leaves the "after …" part out. */
  expected(what: string, found: Token, after?: Token | null, hint = ''): FilterSyntaxError {
    const prev = after === undefined ? this.previous : after
    const context = prev === null || prev === undefined ? '' : ` after ${describeToken(prev)}`
    return this.error(
      `expected ${what}${context} at position ${found.pos}, found ${describeToken(found)}${hint}`,
      found.pos,
    )
  }

  error(message: string, position: number): FilterSyntaxError {
    return new FilterSyntaxError(message, position, this.scimType)
  }
}

/** RFC 7644 §3.4.2.2: ordering on booleans is invalidFilter; substring operators need strings. */
function checkOperand(
  op: CompareOp,
  value: Literal,
  opToken: Token,
  valueToken: Token,
  scimType: FilterErrorScimType,
): void {
  const kind = value === null ? 'null' : typeof value
  const bad =
    (ORDERING_OPS.has(op) && kind !== 'string' && kind !== 'number') ||
    (SUBSTRING_OPS.has(op) && kind !== 'string')
  if (!bad) return
  const allowed = ORDERING_OPS.has(op) ? 'a string, number or dateTime' : 'a string'
  throw new FilterSyntaxError(
    `the operator "${opToken.text}" needs ${allowed} value at position ${valueToken.pos}, found ${kind === 'null' ? 'null' : `${kind} ${valueToken.text}`}`,
    valueToken.pos,
    scimType,
  )
}
