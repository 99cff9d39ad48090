/**
 * Graph's `$filter` on the common properties: `eq`, `ne`, `ge`, `le`, `in (…)`, `startswith()`,
 * `endswith()`, `not`, `and`, `or` and parentheses; string literals in single quotes (`''` escapes
 * one), `true`, `false`, `null`, numbers and unquoted date-times. Which property takes which
 * operator comes from the property catalogue, and operators Graph only allows as an advanced query
 * (`ConsistencyLevel: eventual` with `$count=true`) are refused without it, with Graph's message.
 * String comparisons ignore case, as in the directory. Pure: parse once, then test each object.
 *
 * @module
 */
import type { ApiError } from '../errors/api-error.ts'
import { graphError, unsupportedQuery } from './graph-errors.ts'
import type { FilterOperator, PropertySpec } from '../../model/graph/graph-properties.ts'
import type { GraphProps, GraphValue } from './graph-values.ts'

type Literal = string | number | boolean | null

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | {
      readonly kind: 'compare'
      readonly op: FilterOperator
      readonly property: readonly string[]
      readonly values: readonly Literal[]
    }

export interface FilterContext {
  /** `User`, `Group`: the resource named in Graph's error message. */
  readonly resource: string
  /** The spec of a property name (its canonical spelling), or undefined when unknown. */
  readonly property: (
    name: string,
  ) => { readonly name: string; readonly spec: PropertySpec } | undefined
  /** `ConsistencyLevel: eventual` and `$count=true` were sent. */
  readonly advanced: boolean
}

/** Graph limits the values of one `in` clause. */
export const MAX_IN_VALUES = 15
const MAX_CLAUSES = 50
const MAX_LENGTH = 4096

type Token =
  | { readonly t: 'word'; readonly v: string }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'punct'; readonly v: '(' | ')' | ',' }

function syntax(detail: string): ApiError {
  return graphError(400, 'BadRequest', `Invalid filter clause: ${detail}`)
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (/\s/.test(ch)) {
      i++
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ t: 'punct', v: ch })
      i++
    } else if (ch === "'") {
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) throw syntax('a string literal is not closed.')
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'"
            i += 2
            continue
          }
          i++
          break
        }
        value += text[i]
        i++
      }
      tokens.push({ t: 'string', v: value })
    } else {
      const match = /^[A-Za-z0-9_.:+\-/]+/.exec(text.slice(i))
      if (!match) throw syntax(`unexpected character '${ch}'.`)
      tokens.push({ t: 'word', v: match[0] })
      i += match[0].length
    }
  }
  return tokens
}

class Parser {
  #i = 0
  #clauses = 0
  constructor(
    private readonly tokens: Token[],
    private readonly ctx: FilterContext,
  ) {}

  parse(): FilterNode {
    const node = this.#or()
    if (this.#i < this.tokens.length) throw syntax(`unexpected '${this.#peek()?.v}'.`)
    return node
  }

  #peek(): Token | undefined {
    return this.tokens[this.#i]
  }

  #word(value: string): boolean {
    const token = this.#peek()
    if (token?.t === 'word' && token.v.toLowerCase() === value) {
      this.#i++
      return true
    }
    return false
  }

  #punct(value: '(' | ')' | ','): void {
    const token = this.#peek()
    if (token?.t !== 'punct' || token.v !== value) {
      throw syntax(`expected '${value}'${token ? ` before '${token.v}'` : ' at the end'}.`)
    }
    this.#i++
  }

  #or(): FilterNode {
    let left = this.#and()
    while (this.#word('or')) left = { kind: 'or', left, right: this.#and() }
    return left
  }

  #and(): FilterNode {
    let left = this.#unary()
    while (this.#word('and')) left = { kind: 'and', left, right: this.#unary() }
    return left
  }

  #unary(): FilterNode {
    if (this.#word('not')) {
      if (!this.ctx.advanced) {
        throw unsupportedQuery(
          "The 'not' operator needs an advanced query: send the ConsistencyLevel: eventual header and $count=true.",
        )
      }
      return { kind: 'not', operand: this.#unary() }
    }
    const token = this.#peek()
    if (token?.t === 'punct' && token.v === '(') {
      this.#i++
      const inner = this.#or()
      this.#punct(')')
      return inner
    }
    return this.#comparison()
  }

  #comparison(): FilterNode {
    if (++this.#clauses > MAX_CLAUSES) {
      throw unsupportedQuery(`The filter has more than ${MAX_CLAUSES} clauses.`)
    }
    const token = this.#peek()
    if (token?.t !== 'word')
      throw syntax(`expected a property or function${token ? ` before '${token.v}'` : ''}.`)
    const name = token.v.toLowerCase()
    if ((name === 'startswith' || name === 'endswith') && this.tokens[this.#i + 1]?.v === '(') {
      this.#i += 2
      const property = this.#property()
      this.#punct(',')
      const value = this.#literal()
      this.#punct(')')
      return this.#checked(name, property, [value])
    }
    const property = this.#property()
    const opToken = this.#peek()
    const op = opToken?.t === 'word' ? opToken.v.toLowerCase() : ''
    this.#i++
    if (op === 'in') {
      this.#punct('(')
      const values = [this.#literal()]
      while (this.#peek()?.v === ',') {
        this.#i++
        values.push(this.#literal())
      }
      this.#punct(')')
      if (values.length > MAX_IN_VALUES) {
        throw unsupportedQuery(`An 'in' clause takes at most ${MAX_IN_VALUES} values.`)
      }
      return this.#checked('in', property, values)
    }
    if (!['eq', 'ne', 'ge', 'le', 'gt', 'lt'].includes(op)) {
      throw syntax(`expected an operator (eq, ne, ge, le, in) after '${property.join('/')}'.`)
    }
    return this.#checked(op as FilterOperator, property, [this.#literal()])
  }

  #property(): string[] {
    const token = this.#peek()
    if (
      token?.t !== 'word' ||
      !/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)?$/.test(token.v)
    ) {
      throw syntax(`expected a property name${token ? ` instead of '${token.v}'` : ''}.`)
    }
    this.#i++
    return token.v.split('/')
  }

  #literal(): Literal {
    const token = this.#peek()
    this.#i++
    if (token?.t === 'string') return token.v
    if (token?.t !== 'word') throw syntax('expected a value.')
    const lower = token.v.toLowerCase()
    if (lower === 'true' || lower === 'false') return lower === 'true'
    if (lower === 'null') return null
    if (/^-?\d+(\.\d+)?$/.test(token.v)) return Number(token.v)
    if (
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(token.v) &&
      !Number.isNaN(Date.parse(token.v))
    ) {
      return `${new Date(Date.parse(token.v)).toISOString().slice(0, 19)}Z`
    }
    throw syntax(
      `'${token.v.slice(0, 40)}' is not a value; quote strings: '${token.v.slice(0, 40)}'.`,
    )
  }

  /** The property exists and takes the operator (as an advanced query when it must be one). */
  #checked(
    op: FilterOperator | 'gt' | 'lt',
    path: readonly string[],
    values: Literal[],
  ): FilterNode {
    const [head, member] = path
    const found = this.ctx.property(head as string)
    const unsupported = unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property '${path.join('/')}' of resource '${this.ctx.resource}'.`,
    )
    if (!found) throw unsupported
    const { spec, name } = found
    if (spec.kind === 'object' ? member === undefined : member !== undefined) throw unsupported
    const allowed = spec.filter.includes(op as FilterOperator)
    const advanced = spec.advanced.includes(op as FilterOperator)
    if (!allowed && !advanced) throw unsupported
    if (!allowed && !this.ctx.advanced) {
      throw unsupportedQuery(
        `Filtering '${path.join('/')}' with '${op}' is an advanced query: send the ConsistencyLevel: eventual header and $count=true.`,
      )
    }
    return {
      kind: 'compare',
      op: op as FilterOperator,
      property: member ? [name, member] : [name],
      values,
    }
  }
}

export function parseFilter(text: string, ctx: FilterContext): FilterNode {
  if (text.length > MAX_LENGTH)
    throw unsupportedQuery(`The filter is longer than ${MAX_LENGTH} characters.`)
  if (text.trim() === '') throw syntax('the filter is empty.')
  return new Parser(tokenize(text), ctx).parse()
}

/** Every property a filter reads (top-level names). */
export function filterProperties(node: FilterNode): string[] {
  if (node.kind === 'compare') return [node.property[0] as string]
  if (node.kind === 'not') return filterProperties(node.operand)
  return [...filterProperties(node.left), ...filterProperties(node.right)]
}

const fold = (value: Literal | GraphValue | undefined): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value

function valueAt(props: GraphProps, path: readonly string[]): GraphValue | undefined {
  const top = props[path[0] as string]
  if (path.length === 1) return top
  if (typeof top !== 'object' || top === null || Array.isArray(top)) return undefined
  return (top as Readonly<Record<string, string | null>>)[path[1] as string]
}

export function matchesFilter(node: FilterNode, props: GraphProps): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, props) && matchesFilter(node.right, props)
    case 'or':
      return matchesFilter(node.left, props) || matchesFilter(node.right, props)
    case 'not':
      return !matchesFilter(node.operand, props)
    case 'compare':
      return compare(node.op, valueAt(props, node.property) ?? null, node.values)
  }
}

function compare(op: FilterOperator, actual: GraphValue, values: readonly Literal[]): boolean {
  const have = fold(actual as Literal)
  const want = fold(values[0] ?? null)
  switch (op) {
    case 'eq':
      return have === want
    case 'ne':
      return have !== want
    case 'in':
      return values.some((value) => fold(value) === have)
    case 'startswith':
      return typeof have === 'string' && typeof want === 'string' && have.startsWith(want)
    case 'endswith':
      return typeof have === 'string' && typeof want === 'string' && have.endsWith(want)
    case 'ge':
      return have !== null && want !== null && (have as string) >= (want as string)
    case 'le':
      return have !== null && want !== null && (have as string) <= (want as string)
  }
}
