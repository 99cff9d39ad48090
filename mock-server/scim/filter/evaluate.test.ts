import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AttrPath, EvaluateOptions, FilterNode } from './index.ts'
import {
  compileFilter,
  defaultAttributeType,
  defaultCaseExact,
  evaluateFilter,
  FilterSyntaxError,
  parseDateTime,
  parseFilter,
} from './index.ts'

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User'
const CLEARID = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

const alice = {
  schemas: [CORE, CLEARID],
  id: '2819c223-7f76-453a-919d-413861904646',
  userName: 'Alice@Contoso.com',
  displayName: 'Alice Young',
  active: true,
  title: '',
  nickNames: [],
  emails: [
    { type: 'work', value: 'alice@contoso.com', primary: true },
    { type: 'home', value: 'alice@home.example' },
  ],
  roles: [{ value: 'admin', primary: true }],
  name: { givenName: 'Alice', familyName: "O'Young" },
  loginCount: 10,
  score: 2.5,
  [CLEARID]: {
    externalId: '9c1f8a52-AB',
    firstName: 'Alice',
    employeeNumber: '42',
    hasExtendedTime: false,
  },
  [ENTERPRISE]: { manager: { value: 'mgr-1' } },
  meta: {
    resourceType: 'User',
    created: '2024-01-10T08:00:00Z',
    lastModified: '2024-03-01T12:30:00.000Z',
    version: 'W/"3"',
  },
}

const bob = {
  schemas: [CORE],
  id: 'b0b',
  userName: 'bob',
  active: false,
  externalId: 'core-ext',
  flag: 'True',
  [CLEARID.toUpperCase()]: { EXTERNALID: 'ext-ext', FirstName: 'Bob' },
}

const group = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g1',
  displayName: 'Admins',
  members: [{ value: 'u1' }, { value: 'u2', display: 'Bob' }],
}

const CASES: readonly (readonly [string, object, boolean])[] = [
  // Entra look-ups
  ['userName eq "alice@contoso.com"', alice, true],
  ['USERNAME eq "ALICE@CONTOSO.COM"', alice, true],
  ['externalId eq "9c1f8a52-AB"', alice, true],
  ['externalId eq "9c1f8a52-ab"', alice, false],
  [`${CLEARID}:externalId eq "9c1f8a52-AB"`, alice, true],
  [`${CLEARID.toUpperCase()}:EXTERNALID eq "9c1f8a52-AB"`, alice, true],
  [`${CORE}:userName eq "alice@contoso.com"`, alice, true],
  [`${CORE}:externalId eq "9c1f8a52-AB"`, alice, false],
  ['urn:acme:unknown:1.0:userName eq "alice@contoso.com"', alice, false],
  ['id eq "2819c223-7f76-453a-919d-413861904646"', alice, true],
  ['id eq "2819C223-7F76-453A-919D-413861904646"', alice, false],
  ['userName eq "cf4d78e8-0000"', alice, false],
  ['firstName eq "ALICE"', alice, true],
  ['userName eq "bob" and active eq false', bob, true],
  // core before extension, extension keys in any case
  ['externalId eq "core-ext"', bob, true],
  ['externalId eq "ext-ext"', bob, false],
  [`${CLEARID}:externalId eq "ext-ext"`, bob, true],
  ['firstName eq "bob"', bob, true],
  // groups
  ['id eq "g1" and members[value eq "u2"]', group, true],
  ['id eq "g1" and members[value eq "u3"]', group, false],
  ['id eq "g2" and members[value eq "u2"]', group, false],
  ['members eq "u1"', group, true],
  ['members.display eq "bob"', group, true],
  ['displayName eq "admins"', group, true],
  // string operators
  ['displayName co "young"', alice, true],
  ['displayName sw "alice"', alice, true],
  ['displayName ew "YOUNG"', alice, true],
  ['displayName co "bob"', alice, false],
  ['name.familyName co "\'"', alice, true],
  ['displayName gt "Alice"', alice, true],
  ['displayName lt "Alice"', alice, false],
  ['employeeNumber gt "100"', alice, true],
  ['employeeNumber gt 41', alice, false],
  // numbers
  ['loginCount gt 9', alice, true],
  ['loginCount ge 10 and loginCount le 10', alice, true],
  ['loginCount lt 10', alice, false],
  ['score le 2.5', alice, true],
  ['loginCount eq "10"', alice, false],
  // booleans and Entra's string booleans
  ['active eq true', alice, true],
  ['active eq false', alice, false],
  ['active eq "True"', alice, true],
  ['active ne "true"', alice, false],
  ['hasExtendedTime eq false', alice, true],
  ['roles[primary eq "True"]', alice, true],
  ['flag eq true', bob, true],
  // presence and null
  ['displayName pr', alice, true],
  ['title pr', alice, false],
  ['nickNames pr', alice, false],
  ['missing pr', alice, false],
  ['emails pr', alice, true],
  ['name pr', alice, true],
  ['name.middleName pr', alice, false],
  ['emails.type pr', alice, true],
  ['missing eq null', alice, true],
  ['nickNames eq null', alice, true],
  ['displayName eq null', alice, false],
  ['displayName ne null', alice, true],
  // ne
  ['missing ne "x"', alice, true],
  ['userName ne "alice@contoso.com"', alice, false],
  ['emails.type ne "work"', alice, true],
  ['emails.type ne "other"', alice, true],
  // multi-valued and value paths
  ['emails co "contoso"', alice, true],
  ['emails.value ew "@home.example"', alice, true],
  ['emails[type eq "work"].value eq "alice@contoso.com"', alice, true],
  ['emails[type eq "home"].value eq "alice@contoso.com"', alice, false],
  ['emails[type eq "home"].value ne "alice@contoso.com"', alice, true],
  ['emails[type eq "work"].display eq null', alice, true],
  ['emails[type eq "work" and value co "@contoso"]', alice, true],
  ['emails[type eq "WORK"]', alice, true],
  ['emails[not (type eq "work")]', alice, true],
  ['emails[type eq "other" or (primary eq true and value sw "alice")]', alice, true],
  ['emails[type eq "other"]', alice, false],
  [`schemas[value eq "${CLEARID}"]`, alice, true],
  ['missing[value eq "x"]', alice, false],
  // single complex values stand for their value (legacy manager check)
  [`${ENTERPRISE}:manager eq "mgr-1"`, alice, true],
  [`${ENTERPRISE}:manager.value eq "mgr-1"`, alice, true],
  ['id eq "2819c223-7f76-453a-919d-413861904646" and manager eq "mgr-1"', alice, true],
  ['manager[value eq "mgr-1"]', alice, true],
  // dateTime
  ['meta.lastModified gt "2024-02-01T00:00:00Z"', alice, true],
  ['meta.lastModified lt "2024-02-01T00:00:00Z"', alice, false],
  ['meta.lastModified eq "2024-03-01T12:30:00Z"', alice, true],
  ['meta.lastModified ge "2024-03-01T14:30:00+02:00"', alice, true],
  ['meta.lastModified gt "2024-03-01T14:30:00+02:00"', alice, false],
  ['meta.created lt "2024-01-11"', alice, true],
  ['meta.created sw "2024-01"', alice, true],
  ['meta.version eq "w/\\"3\\""', alice, false],
  // logic
  ['not (userName eq "x")', alice, true],
  ['userName eq "x" or displayName pr', alice, true],
  ['userName eq "x" or displayName pr and active eq false', alice, false],
  ['(userName eq "x" or displayName pr) and active eq true', alice, true],
]

describe('evaluateFilter', () => {
  it.each(CASES)('%s → %s', (filter, resource, expected) => {
    expect(evaluateFilter(parseFilter(filter), resource)).toBe(expected)
  })

  it('respects lenientBooleanStrings: false', () => {
    const options = { lenientBooleanStrings: false }
    expect(evaluateFilter(parseFilter('active eq "True"'), alice, options)).toBe(false)
    expect(evaluateFilter(parseFilter('flag eq true'), bob, options)).toBe(false)
  })

  it('uses the caseExact and attributeType callbacks', () => {
    const options: EvaluateOptions = {
      caseExact: () => true,
      attributeType: (path) => (path.name === 'birthday' ? 'dateTime' : undefined),
    }
    expect(evaluateFilter(parseFilter('userName eq "alice@contoso.com"'), alice, options)).toBe(
      false,
    )
    const person = { birthday: '1990-05-01T00:00:00+02:00' }
    expect(evaluateFilter(parseFilter('birthday lt "1990-05-01"'), person, options)).toBe(true)
  })

  it('recompiles when options change and reuses the compiled form otherwise', () => {
    const node = parseFilter('userName eq "alice@contoso.com"')
    expect(evaluateFilter(node, alice)).toBe(true)
    expect(evaluateFilter(node, alice, { caseExact: () => true })).toBe(false)
    expect(evaluateFilter(node, alice, {})).toBe(true)
  })

  it('compileFilter returns a reusable predicate', () => {
    const matches = compileFilter(parseFilter('active eq false'))
    expect([alice, bob, group].map(matches)).toEqual([false, true, false])
  })

  it('ignores resources that are not objects', () => {
    const matches = compileFilter(parseFilter('userName eq "x" or not (a pr)'))
    expect([null, 'text', 3, []].map(matches)).toEqual([true, true, true, true])
  })

  it('does not read inherited properties', () => {
    expect(evaluateFilter(parseFilter('constructor pr or toString pr'), {})).toBe(false)
  })
})

describe('evaluateFilter: type errors are FilterSyntaxError (400 invalidFilter)', () => {
  const invalid: readonly (readonly [string | FilterNode, object, string])[] = [
    ['active gt "a"', alice, 'cannot order the boolean attribute "active"'],
    [`${CLEARID}:isAdmin le "x"`, alice, 'cannot order the boolean attribute'],
    ['flagged gt "x"', { flagged: true }, 'cannot order the boolean attribute "flagged"'],
    ['roles[primary gt "a"]', alice, 'cannot order the boolean attribute "roles.primary"'],
    ['meta.created gt "yesterday"', alice, 'expected a dateTime'],
    [
      { kind: 'compare', path: { name: 'a' }, op: 'gt', value: true },
      alice,
      'cannot take the value true',
    ],
    [
      { kind: 'compare', path: { name: 'a' }, op: 'co', value: 5 },
      alice,
      'cannot take the value 5',
    ],
  ]
  it.each(invalid)('%j', (filter, resource, fragment) => {
    const node = typeof filter === 'string' ? parseFilter(filter) : filter
    const run = (): boolean => evaluateFilter(node, resource)
    expect(run).toThrow(FilterSyntaxError)
    expect(run).toThrow(fragment)
  })

  it('reports the operator position', () => {
    try {
      evaluateFilter(parseFilter('userName pr and active gt "a"'), alice)
      expect.unreachable()
    } catch (error) {
      expect((error as FilterSyntaxError).position).toBe(23)
    }
  })
})

describe('catalogue defaults', () => {
  const p = (name: string, subAttr?: string, uri?: string): AttrPath => ({ name, subAttr, uri })
  it.each([
    [p('id'), true],
    [p('externalId'), true],
    [p('externalId', undefined, CLEARID), true],
    [p('userName'), false],
    [p('USERNAME', undefined, CORE), false],
    [p('displayName'), false],
    [p('firstName'), false],
    [p('meta', 'version'), true],
    [p('emails', 'value'), false],
    [p('id', undefined, 'urn:acme:x'), false],
    [p('unknown'), false],
  ])('caseExact %j is %s', (path, expected) => {
    expect(defaultCaseExact(path)).toBe(expected)
  })

  it.each([
    [p('active'), 'boolean'],
    [p('hasExtendedTime', undefined, CLEARID), 'boolean'],
    [p('meta', 'lastModified'), 'dateTime'],
    [p('meta', 'CREATED'), 'dateTime'],
    [p('userName'), 'string'],
    [p('unknown'), undefined],
  ])('type of %j is %s', (path, expected) => {
    expect(defaultAttributeType(path)).toBe(expected)
  })

  it.each([
    ['2024-03-01T12:30:00Z', Date.UTC(2024, 2, 1, 12, 30)],
    ['2024-03-01T12:30:00', Date.UTC(2024, 2, 1, 12, 30)],
    ['2024-03-01T14:30:00.000+02:00', Date.UTC(2024, 2, 1, 12, 30)],
    ['2024-03-01T12:30:00.1234567Z', Date.UTC(2024, 2, 1, 12, 30, 0, 123)],
    ['2024-03-01', Date.UTC(2024, 2, 1)],
    ['yesterday', Number.NaN],
    ['2024-13-01T00:00:00Z', Number.NaN],
  ])('parseDateTime(%s)', (text, expected) => {
    expect(parseDateTime(text)).toBe(expected)
  })
})

describe('evaluateFilter: properties', () => {
  const soup = fc.array(
    fc.constantFrom(
      'userName',
      'emails',
      'emails.value',
      'active',
      'meta.lastModified',
      'members',
      'eq',
      'ne',
      'co',
      'gt',
      'pr',
      'and',
      'or',
      'not',
      '(',
      ')',
      '[',
      ']',
      '"alice@contoso.com"',
      '"True"',
      '10',
      'true',
      'null',
      'type',
      '"work"',
      '.value',
    ),
    { maxLength: 14 },
  )
  it('any parseable filter evaluates to a boolean or throws FilterSyntaxError', () => {
    fc.assert(
      fc.property(soup, (pieces) => {
        let node: FilterNode
        try {
          node = parseFilter(pieces.join(' '))
        } catch {
          return
        }
        for (const resource of [alice, bob, group]) {
          try {
            expect(typeof evaluateFilter(node, resource)).toBe('boolean')
          } catch (error) {
            expect(error).toBeInstanceOf(FilterSyntaxError)
          }
        }
      }),
      { numRuns: 3000 },
    )
  })
})
