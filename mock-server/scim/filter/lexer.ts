/**
 * The tokenizer shared by the filter and PATCH-path parsers. It is pulled by the parser one token at
 * a time, because a comparison value is scanned differently from everything else: a bare value like
 * `9c1f-…` or `alice@contoso.com` must be read as one run, not as a number followed by a word.
 *
 * @module
 */
import { FilterSyntaxError } from './errors.ts'
import type { FilterErrorScimType } from './errors.ts'

export type TokenKind =
  | 'word'
  | 'string'
  | 'bare'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'dot'
  | 'other'
  | 'eof'

export interface Token {
  readonly kind: TokenKind
  /** The raw source text, quotes and escapes included. */
  readonly text: string
  readonly pos: number
  /** The decoded value of a `string` token. */
  readonly value?: string
}

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  '.': 'dot',
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r'
}

function isAlpha(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9'
}

/** Characters of an attribute path word: ATTRNAME chars, the URN's `:` and `.`, and `$` of `$ref`. */
function isWordChar(ch: string): boolean {
  return (
    isAlpha(ch) || isDigit(ch) || ch === '-' || ch === '_' || ch === ':' || ch === '.' || ch === '$'
  )
}

/** Everything that may appear in an unquoted run: stops at space, quotes, brackets and parentheses. */
function isRunChar(ch: string): boolean {
  return !isSpace(ch) && ch !== '"' && ch !== '(' && ch !== ')' && ch !== '[' && ch !== ']'
}

export class Lexer {
  private pos = 0
  private peeked: Token | undefined

  constructor(
    readonly input: string,
    private readonly scimType: FilterErrorScimType,
  ) {}

  peek(): Token {
    this.peeked ??= this.scan()
    return this.peeked
  }

  next(): Token {
    const token = this.peek()
    this.peeked = undefined
    return token
  }

  /**
   * Reads a comparison value: a JSON string, or an unquoted run returned as a `bare` token for the
   * parser to classify (number, true/false/null, or a lenient bare value). Anything else (a
   * parenthesis, the end) comes back as its ordinary token so the parser can report it.
   */
  nextValue(): Token {
    if (this.peeked !== undefined) return this.next()
    this.skipSpace()
    const start = this.pos
    const ch = this.input.charAt(start)
    if (ch === '' || ch === '"' || !isRunChar(ch)) return this.next()
    while (this.pos < this.input.length && isRunChar(this.input.charAt(this.pos))) this.pos++
    return { kind: 'bare', text: this.input.slice(start, this.pos), pos: start }
  }

  private skipSpace(): void {
    while (this.pos < this.input.length && isSpace(this.input.charAt(this.pos))) this.pos++
  }

  private scan(): Token {
    this.skipSpace()
    const start = this.pos
    const ch = this.input.charAt(start)
    if (ch === '') return { kind: 'eof', text: '', pos: start }
    const punctuation = PUNCTUATION[ch]
    if (punctuation !== undefined) {
      this.pos++
      return { kind: punctuation, text: ch, pos: start }
    }
    if (ch === '"') return this.scanString()
    const word = isAlpha(ch) || ch === '$'
    while (this.pos < this.input.length) {
      const c = this.input.charAt(this.pos)
      if (word ? !isWordChar(c) : !isRunChar(c)) break
      this.pos++
    }
    return { kind: word ? 'word' : 'other', text: this.input.slice(start, this.pos), pos: start }
  }

  /** JSON string rules (RFC 8259 §7), which RFC 7644 adopts for `compValue`. */
  private scanString(): Token {
    const start = this.pos
    const input = this.input
    let value = ''
    let chunk = start + 1
    let i = start + 1
    for (;;) {
      if (i >= input.length) {
        throw this.error(
          `unterminated string starting at position ${start}: expected a closing '"', found end of input`,
          start,
        )
      }
      const ch = input.charAt(i)
      if (ch === '"') break
      if (ch < ' ') {
        const code = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
        throw this.error(
          `expected an escaped control character in the string at position ${i}, found U+${code} (write it as \\u${code})`,
          i,
        )
      }
      if (ch !== '\\') {
        i++
        continue
      }
      value += input.slice(chunk, i) + this.decodeEscape(i)
      i += input.charAt(i + 1) === 'u' ? 6 : 2
      chunk = i
    }
    value += input.slice(chunk, i)
    this.pos = i + 1
    return { kind: 'string', text: input.slice(start, this.pos), pos: start, value }
  }

  private decodeEscape(at: number): string {
    const letter = this.input.charAt(at + 1)
    const simple = ESCAPES[letter]
    if (simple !== undefined) return simple
    if (letter === 'u') {
      const hex = this.input.slice(at + 2, at + 6)
      if (/^[0-9a-fA-F]{4}$/.test(hex)) return String.fromCharCode(parseInt(hex, 16))
      throw this.error(
        `invalid escape at position ${at}: expected four hex digits after "\\u", found "${hex}"`,
        at,
      )
    }
    const found = letter === '' ? 'end of input' : `"\\${letter}"`
    throw this.error(
      `invalid escape at position ${at}: expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found ${found}`,
      at,
    )
  }

  private error(message: string, position: number): FilterSyntaxError {
    return new FilterSyntaxError(message, position, this.scimType)
  }
}
