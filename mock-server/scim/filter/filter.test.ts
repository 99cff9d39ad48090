import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AttrPath, CompareOp, FilterNode, Literal, ParseOptions } from './index.ts'
import {
  countClauses,
  FilterLimitError,
  FilterSyntaxError,
  formatFilter,
  indexableEquality,
  MAX_FILTER_DEPTH,
  MAX_LOGICAL_OPERATORS,
  parseFilter,
} from './index.ts'

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User'
const CLEARID = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

function path(name: string, subAttr?: string, uri?: string): AttrPath {
  return { ...(uri !== undefined && { uri }), name, ...(subAttr !== undefined && { subAttr }) }
}
function cmp(p: AttrPath | string, op: CompareOp, value: Literal): FilterNode {
  return { kind: 'compare', path: typeof p === 'string' ? path(p) : p, op, value }
}
function pr(p: AttrPath | string): FilterNode {
  return { kind: 'present', path: typeof p === 'string' ? path(p) : p }
}
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'and', left, right })
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'or', left, right })
const not = (expr: FilterNode): FilterNode => ({ kind: 'not', expr })
function vp(p: AttrPath | string, filter: FilterNode): FilterNode {
  return { kind: 'valuePath', path: typeof p === 'string' ? path(p) : p, filter }
}

const VALID: readonly (readonly [string, FilterNode])[] = [
  // Entra's real traffic
  ['userName eq "alice@contoso.com"', cmp('userName', 'eq', 'alice@contoso.com')],
  [
    'externalId eq "9c1f8a52-4b6e-4d2e-9f1a-0c3b5d7e9f11"',
    cmp('externalId', 'eq', '9c1f8a52-4b6e-4d2e-9f1a-0c3b5d7e9f11'),
  ],
  [`${CLEARID}:externalId eq "x"`, cmp(path('externalId', undefined, CLEARID), 'eq', 'x')],
  [`${CORE}:userName eq "bjensen"`, cmp(path('userName', undefined, CORE), 'eq', 'bjensen')],
  [
    'id eq "a" and members[value eq "b"]',
    and(cmp('id', 'eq', 'a'), vp('members', cmp('value', 'eq', 'b'))),
  ],
  [
    'emails[type eq "work"].value eq "x"',
    {
      kind: 'valuePath',
      path: path('emails'),
      filter: cmp('type', 'eq', 'work'),
      subAttr: 'value',
      op: 'eq',
      value: 'x',
    },
  ],
  [
    'emails[type eq "work"].value co "@contoso.com"',
    {
      kind: 'valuePath',
      path: path('emails'),
      filter: cmp('type', 'eq', 'work'),
      subAttr: 'value',
      op: 'co',
      value: '@contoso.com',
    },
  ],
  ['displayName eq "cf4d78e8-1a2b"', cmp('displayName', 'eq', 'cf4d78e8-1a2b')],
  ['id eq "u1" and manager eq "m1"', and(cmp('id', 'eq', 'u1'), cmp('manager', 'eq', 'm1'))],
  ['roles[primary eq "True"]', vp('roles', cmp('primary', 'eq', 'True'))],
  [`${ENTERPRISE}:manager.value eq "m"`, cmp(path('manager', 'value', ENTERPRISE), 'eq', 'm')],
  [
    `${CLEARID}:externalId eq "x" or userName eq "y"`,
    or(cmp(path('externalId', undefined, CLEARID), 'eq', 'x'), cmp('userName', 'eq', 'y')),
  ],
  // RFC 7644 §3.4.2.2 examples
  ['name.familyName co "O\'Malley"', cmp(path('name', 'familyName'), 'co', "O'Malley")],
  ['userName sw "J"', cmp('userName', 'sw', 'J')],
  ['title pr', pr('title')],
  [
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    cmp(path('meta', 'lastModified'), 'gt', '2011-05-13T04:42:34Z'),
  ],
  [
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    cmp(path('meta', 'lastModified'), 'ge', '2011-05-13T04:42:34Z'),
  ],
  [
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    cmp(path('meta', 'lastModified'), 'lt', '2011-05-13T04:42:34Z'),
  ],
  [
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    cmp(path('meta', 'lastModified'), 'le', '2011-05-13T04:42:34Z'),
  ],
  ['title pr and userType eq "Employee"', and(pr('title'), cmp('userType', 'eq', 'Employee'))],
  ['title pr or userType eq "Intern"', or(pr('title'), cmp('userType', 'eq', 'Intern'))],
  [`schemas eq "${ENTERPRISE}"`, cmp('schemas', 'eq', ENTERPRISE)],
  [
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    and(
      cmp('userType', 'eq', 'Employee'),
      or(cmp('emails', 'co', 'example.com'), cmp(path('emails', 'value'), 'co', 'example.org')),
    ),
  ],
  [
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    and(
      cmp('userType', 'ne', 'Employee'),
      not(
        or(cmp('emails', 'co', 'example.com'), cmp(path('emails', 'value'), 'co', 'example.org')),
      ),
    ),
  ],
  [
    'userType eq "Employee" and (emails.type eq "work")',
    and(cmp('userType', 'eq', 'Employee'), cmp(path('emails', 'type'), 'eq', 'work')),
  ],
  [
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    and(
      cmp('userType', 'eq', 'Employee'),
      vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
    ),
  ],
  [
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    or(
      vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
      vp('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
    ),
  ],
  // precedence and grouping
  ['a eq 1 or b eq 2 and c eq 3', or(cmp('a', 'eq', 1), and(cmp('b', 'eq', 2), cmp('c', 'eq', 3)))],
  ['a eq 1 and b eq 2 or c eq 3', or(and(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3))],
  [
    'a eq 1 and b eq 2 and c eq 3',
    and(and(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3)),
  ],
  [
    '(a eq 1 or b eq 2) and c eq 3',
    and(or(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3)),
  ],
  ['a pr and not (b pr) or c pr', or(and(pr('a'), not(pr('b'))), pr('c'))],
  ['((a pr))', pr('a')],
  ['not (a pr)', not(pr('a'))],
  ['not(a pr)', not(pr('a'))],
  ['NOT (a pr)', not(pr('a'))],
  ['not (not (a pr))', not(not(pr('a')))],
  ['(a pr)and(b pr)', and(pr('a'), pr('b'))],
  // case-insensitive keywords, odd whitespace
  ['userName Eq "x"', cmp('userName', 'eq', 'x')],
  ['userName EQ "x" AND displayName Pr', and(cmp('userName', 'eq', 'x'), pr('displayName'))],
  ['a GT 1 oR b lE 2', or(cmp('a', 'gt', 1), cmp('b', 'le', 2))],
  ['  userName \t eq   "x"  ', cmp('userName', 'eq', 'x')],
  // literals
  ['a eq true', cmp('a', 'eq', true)],
  ['a eq false', cmp('a', 'eq', false)],
  ['a eq null', cmp('a', 'eq', null)],
  ['a ne null', cmp('a', 'ne', null)],
  ['a gt 10', cmp('a', 'gt', 10)],
  ['a ge -1.5', cmp('a', 'ge', -1.5)],
  ['a lt 1e3', cmp('a', 'lt', 1000)],
  ['a le 2.5E-2', cmp('a', 'le', 0.025)],
  ['a eq 0', cmp('a', 'eq', 0)],
  ['a eq "\\"quoted\\" \\\\ back\\/slash"', cmp('a', 'eq', '"quoted" \\ back/slash')],
  ['a eq "caf\\u00e9 \\uD83D\\uDE00"', cmp('a', 'eq', 'café 😀')],
  ['a eq "tab\\there\\nnewline"', cmp('a', 'eq', 'tab\there\nnewline')],
  ['a eq ""', cmp('a', 'eq', '')],
  ['a eq "with ) and ] and (brackets["', cmp('a', 'eq', 'with ) and ] and (brackets[')],
  // names
  ['x-attr_1 eq "y"', cmp('x-attr_1', 'eq', 'y')],
  ['members[$ref eq "https://x/Users/1"]', vp('members', cmp('$ref', 'eq', 'https://x/Users/1'))],
  ['members.$ref pr', pr(path('members', '$ref'))],
  ['not eq "x"', cmp('not', 'eq', 'x')],
  ['and eq "x" and or pr', and(cmp('and', 'eq', 'x'), pr('or'))],
  ['pr pr', pr('pr')],
  [`${CORE}:name.givenName eq "B"`, cmp(path('name', 'givenName', CORE), 'eq', 'B')],
  ['urn:acme:x.y:attr eq 1', cmp(path('attr', undefined, 'urn:acme:x.y'), 'eq', 1)],
  // value filters (errata 4690/7322)
  ['emails[type eq "work"]', vp('emails', cmp('type', 'eq', 'work'))],
  ['emails[not (type eq "work")]', vp('emails', not(cmp('type', 'eq', 'work')))],
  [
    'emails[type eq "work" or (type eq "home" and value ew "@x.com")]',
    vp(
      'emails',
      or(cmp('type', 'eq', 'work'), and(cmp('type', 'eq', 'home'), cmp('value', 'ew', '@x.com'))),
    ),
  ],
  ['emails[primary eq true]', vp('emails', cmp('primary', 'eq', true))],
]

const LENIENT: readonly (readonly [string, FilterNode])[] = [
  ['externalId eq jyoung', cmp('externalId', 'eq', 'jyoung')],
  ['externalId eq 9c1f8a52-4b6e', cmp('externalId', 'eq', '9c1f8a52-4b6e')],
  ['userName eq alice@contoso.com', cmp('userName', 'eq', 'alice@contoso.com')],
  ['a eq 42', cmp('a', 'eq', 42)],
  ['active eq True', cmp('active', 'eq', true)],
  ['emails[type eq work]', vp('emails', cmp('type', 'eq', 'work'))],
  [
    '(externalId eq jyoung) and active eq "true"',
    and(cmp('externalId', 'eq', 'jyoung'), cmp('active', 'eq', 'true')),
  ],
]

const INVALID: readonly (readonly [string, number, string])[] = [
  ['', 0, 'expected an attribute path, "(" or "not" at position 0, found end of input'],
  ['   ', 3, 'found end of input'],
  [
    'userName equals "x"',
    9,
    'expected a comparison operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le) after "userName" at position 9, found "equals"',
  ],
  ['userName "x"', 9, 'expected a comparison operator'],
  ['a and b', 2, 'after "a" at position 2, found "and"'],
  ['userName eq', 11, 'expected a value'],
  ['userName eq "abc', 12, 'unterminated string starting at position 12'],
  ['(userName eq "x"', 16, 'expected ")" to match the "(" at position 0'],
  ['((a pr)', 7, 'expected ")"'],
  ['a eq "x" and (b eq "y"', 22, 'to match the "(" at position 13'],
  ['userName eq "x")', 15, 'unexpected ")" at position 15: it has no matching "("'],
  ['userName eq "x"]', 15, 'no matching "["'],
  ['()', 1, 'found ")"'],
  ['not ()', 5, 'found ")"'],
  ['userName eq "x" foo', 16, 'expected "and", "or" or the end of the filter after the string "x"'],
  ['a eq "x" && b eq "y"', 9, 'found "&&"'],
  ['a eq "x" not (b pr)', 9, 'found "not"'],
  ['userName eq "x" and', 19, 'after "and" at position 19, found end of input'],
  ['userName eq "x" or or b pr', 22, 'found "b"'],
  ['title pr "x"', 9, 'the "pr" operator takes no value'],
  ['not userName eq "x"', 4, 'expected "(" (a negation is written "not (filter)") after "not"'],
  ['emails[value[type eq "x"] eq "y"]', 12, 'cannot be nested inside another value filter'],
  ['emails[type eq "work"].value', 28, 'expected a comparison operator'],
  ['emails[type eq "work"].value pr', 29, 'found "pr"'],
  ['emails[type eq "work"].', 23, 'expected a sub-attribute name'],
  ['emails[type eq "work"', 21, 'expected "]" to close the value filter'],
  ['emails[]', 7, 'found "]"'],
  ['name.givenName[value eq "x"]', 14, 'cannot follow the sub-attribute "name.givenName"'],
  ['externalId eq jyoung', 14, 'found "jyoung"; put string values in double quotes'],
  ["a eq 'x'", 5, 'found "\'x\'"'],
  ['a eq 1.', 5, 'found "1."'],
  ['a eq -', 5, 'found "-"'],
  ['active eq True', 10, 'found "True"'],
  ['a gt true', 5, 'the operator "gt" needs a string, number or dateTime value'],
  ['a lt null', 5, 'found null'],
  ['a co 5', 5, 'the operator "co" needs a string value'],
  ['a sw false', 5, 'needs a string value'],
  ['a eq "\\x"', 6, 'invalid escape'],
  ['a eq "\\u12G4"', 6, 'expected four hex digits'],
  ['a eq "line\nbreak"', 10, 'expected an escaped control character'],
  ['1abc eq "x"', 0, 'found "1abc"'],
  [':a eq 1', 0, 'found ":a"'],
  ['name.9 eq "x"', 5, 'expected a sub-attribute name after "name."'],
  ['name.given.x eq "x"', 10, 'at most one sub-attribute'],
  ['urn:foo: eq "x"', 8, 'expected an attribute name after "urn:foo:"'],
  ['urn:foo:2.0 eq "x"', 8, 'expected an attribute name'],
  ['urn:foo.:a eq "x"', 0, 'expected a schema URN before "a" at position 0, found "urn:foo."'],
  [
    `${'('.repeat(MAX_FILTER_DEPTH + 1)}a pr${')'.repeat(MAX_FILTER_DEPTH + 1)}`,
    MAX_FILTER_DEPTH,
    'nests deeper',
  ],
]

describe('parseFilter: valid filters', () => {
  it.each(VALID)('%s', (input, expected) => {
    expect(parseFilter(input)).toEqual(expected)
  })

  it.each(LENIENT)('lenient: %s', (input, expected) => {
    expect(parseFilter(input, { lenientBareValues: true })).toEqual(expected)
  })

  it.each(VALID)('format round trip: %s', (input, expected) => {
    expect(parseFilter(formatFilter(parseFilter(input)))).toEqual(expected)
  })
})

describe('parseFilter: invalid filters', () => {
  it.each(INVALID)('%j fails at %i', (input, position, fragment) => {
    let error: unknown
    try {
      parseFilter(input)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(FilterSyntaxError)
    const syntaxError = error as FilterSyntaxError
    expect(syntaxError.message).toContain(fragment)
    expect(syntaxError.position).toBe(position)
    expect(syntaxError.scimType).toBe('invalidFilter')
  })

  it('bounds the number of and/or operators', () => {
    const terms = (n: number): string =>
      Array.from({ length: n }, (_, i) => `a${i} pr`).join(' and ')
    expect(() => parseFilter(terms(MAX_LOGICAL_OPERATORS + 1))).not.toThrow()
    expect(() => parseFilter(terms(MAX_LOGICAL_OPERATORS + 2))).toThrow('"and"/"or" operators')
  })

  it('bounds length, comparisons and nesting when asked, saying which bound', () => {
    const limitOf = (input: string, options: ParseOptions): string | undefined => {
      try {
        parseFilter(input, options)
        return undefined
      } catch (error) {
        return error instanceof FilterLimitError ? error.limit : 'syntax'
      }
    }
    const valuePath = 'emails[type eq "work" and primary eq true].value co "@x"'
    expect(countClauses(parseFilter(valuePath))).toBe(3)
    expect(limitOf(valuePath, { maxClauses: 3 })).toBeUndefined()
    expect(limitOf(valuePath, { maxClauses: 2 })).toBe('clauses')
    expect(limitOf('a pr', { maxLength: 4 })).toBeUndefined()
    expect(limitOf('a pr ', { maxLength: 4 })).toBe('length')
    expect(limitOf('((a pr))', { maxDepth: 2 })).toBeUndefined()
    expect(limitOf('(((a pr)))', { maxDepth: 2 })).toBe('depth')
    expect(limitOf('a[(b pr)]', { maxDepth: 1 })).toBe('depth')
  })

  it('rejects deep nesting without overflowing the stack', () => {
    expect(() => parseFilter(`${'not ('.repeat(10_000)}a pr`)).toThrow(FilterSyntaxError)
    expect(() => parseFilter(`${'a['.repeat(10_000)}`)).toThrow(FilterSyntaxError)
  })
})

describe('formatFilter', () => {
  it.each([
    [and(pr('a'), and(pr('b'), pr('c'))), 'a pr and (b pr and c pr)'],
    [and(or(pr('a'), pr('b')), pr('c')), '(a pr or b pr) and c pr'],
    [or(pr('a'), and(pr('b'), pr('c'))), 'a pr or b pr and c pr'],
    [or(pr('a'), or(pr('b'), pr('c'))), 'a pr or (b pr or c pr)'],
    [cmp('a', 'eq', -0), 'a eq -0'],
    [cmp(path('x', 'y', CLEARID), 'ne', 'q"'), `${CLEARID}:x.y ne "q\\""`],
    [not(vp('emails', cmp('type', 'eq', 'work'))), 'not (emails[type eq "work"])'],
  ])('%j prints as %s', (node, text) => {
    expect(formatFilter(node)).toBe(text)
  })
})

describe('indexableEquality', () => {
  it.each([
    ['userName eq "alice@contoso.com"', { attribute: 'userName', value: 'alice@contoso.com' }],
    ['USERNAME eq "A"', { attribute: 'userName', value: 'A' }],
    ['id eq "123"', { attribute: 'id', value: '123' }],
    ['externalId eq "9c1f"', { attribute: 'externalId', value: '9c1f' }],
    [`${CLEARID}:externalId eq "x"`, { attribute: 'externalId', value: 'x' }],
    [`${CLEARID.toUpperCase()}:EXTERNALID eq "x"`, { attribute: 'externalId', value: 'x' }],
    [`${CORE}:userName eq "x"`, { attribute: 'userName', value: 'x' }],
    [`${CLEARID}:userName eq "x"`, undefined],
    [`${ENTERPRISE}:externalId eq "x"`, undefined],
    ['userName ne "x"', undefined],
    ['userName eq 5', undefined],
    ['userName co "x"', undefined],
    ['displayName eq "x"', undefined],
    ['name.userName eq "x"', undefined],
    ['userName eq "x" and active eq true', undefined],
    ['emails[value eq "x"]', undefined],
  ])('%s', (input, expected) => {
    expect(indexableEquality(parseFilter(input))).toEqual(expected)
  })
})

// ---- property tests -------------------------------------------------------------------------

function parsesOrThrowsSyntaxError(input: string, lenient: boolean): void {
  try {
    parseFilter(input, { lenientBareValues: lenient })
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error
    if (!Number.isInteger(error.position) || error.position < 0 || error.position > input.length) {
      throw new Error(`position ${error.position} out of range for ${JSON.stringify(input)}`)
    }
  }
}

const PIECES = [
  'userName',
  'emails',
  'value',
  'name.givenName',
  `${CLEARID}:externalId`,
  '$ref',
  'not',
  'and',
  'or',
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'pr',
  'gt',
  'ge',
  'lt',
  'le',
  '"x"',
  '"a\\"b"',
  '"\\u00e9"',
  '"open',
  '42',
  '-1.5e3',
  'true',
  'false',
  'null',
  '(',
  ')',
  '[',
  ']',
  '.',
  ':',
  '\\',
  '"',
  ' ',
  '\t',
  '&&',
  '1.',
]

const attrName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/),
  fc.constantFrom('not', 'and', 'or', 'pr', 'eq', 'true', 'null', '$ref', 'value'),
)
const uri = fc.oneof(
  fc.constantFrom(CORE, CLEARID, ENTERPRISE),
  fc.stringMatching(/^urn:[a-z]{1,4}(:[a-z0-9]{1,3}(\.[a-z0-9]{1,3})?){0,3}$/),
)
const attrPath: fc.Arbitrary<AttrPath> = fc
  .record({ uri, name: attrName, subAttr: attrName }, { requiredKeys: ['name'] })
  .map((p) => path(p.name, p.subAttr, p.uri))
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
const anyString = fc.string({ unit: 'binary', maxLength: 12 })
const comparison: fc.Arbitrary<{ op: CompareOp; value: Literal }> = fc.oneof(
  fc.record({
    op: fc.constantFrom<CompareOp>('eq', 'ne'),
    value: fc.oneof(anyString, number, fc.boolean(), fc.constant(null)),
  }),
  fc.record({ op: fc.constantFrom<CompareOp>('co', 'sw', 'ew'), value: anyString }),
  fc.record({
    op: fc.constantFrom<CompareOp>('gt', 'ge', 'lt', 'le'),
    value: fc.oneof(anyString, number),
  }),
)
const attrExp: fc.Arbitrary<FilterNode> = fc.oneof(
  attrPath.map(pr),
  fc.tuple(attrPath, comparison).map(([p, c]) => cmp(p, c.op, c.value)),
)

function logic(leaf: fc.Arbitrary<FilterNode>): fc.Arbitrary<FilterNode> {
  return fc.letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'logic' },
      leaf,
      fc.tuple(tie('node'), tie('node')).map(([l, r]) => and(l, r)),
      fc.tuple(tie('node'), tie('node')).map(([l, r]) => or(l, r)),
      tie('node').map(not),
    ),
  })).node
}

const valuePathNode: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.tuple(attrPath, logic(attrExp)).map(([p, f]) => vp({ ...p, subAttr: undefined }, f)),
  fc.tuple(attrPath, logic(attrExp), attrName, comparison).map(([p, f, sub, c]): FilterNode => ({
    kind: 'valuePath',
    path: path(p.name, undefined, p.uri),
    filter: f,
    subAttr: sub,
    op: c.op,
    value: c.value,
  })),
)
const filterNode = logic(fc.oneof(attrExp, valuePathNode))

function withoutUndefined(node: FilterNode): FilterNode {
  return JSON.parse(
    JSON.stringify(node, (_k, v: unknown) => (Object.is(v, -0) ? '__-0__' : v)),
    (_k, v: unknown) => (v === '__-0__' ? -0 : v),
  ) as FilterNode
}

describe('parseFilter: properties', () => {
  it('any string parses or throws FilterSyntaxError with an in-range position', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.boolean(), (input, lenient) =>
        parsesOrThrowsSyntaxError(input, lenient),
      ),
      { numRuns: 2000 },
    )
  })

  it('token soup from grammar pieces parses or throws FilterSyntaxError', () => {
    const soup = fc.tuple(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }),
      fc.constantFrom(' ', ''),
    )
    fc.assert(
      fc.property(soup, fc.boolean(), ([pieces, glue], lenient) =>
        parsesOrThrowsSyntaxError(pieces.join(glue), lenient),
      ),
      { numRuns: 3000 },
    )
  })

  it('parse(format(ast)) returns the AST, and format is a fixed point', () => {
    fc.assert(
      fc.property(filterNode, (node) => {
        const clean = withoutUndefined(node)
        const text = formatFilter(clean)
        const parsed = parseFilter(text)
        expect(parsed).toEqual(clean)
        expect(formatFilter(parsed)).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })
})
