import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { indexableEquality, quickEquality } from './indexable.ts'
import { parseFilter } from './parser.ts'

/** What the parser's road answers, or `invalid` when the filter does not parse. */
function slowRoad(filter: string) {
  try {
    return indexableEquality(parseFilter(filter))
  } catch {
    return 'invalid'
  }
}

describe('quickEquality', () => {
  it.each([
    ['externalId eq "bench-00000001"', { attribute: 'externalId', value: 'bench-00000001' }],
    ['userName eq "Alice@Contoso.com"', { attribute: 'userName', value: 'Alice@Contoso.com' }],
    ['USERNAME EQ "a b"', { attribute: 'userName', value: 'a b' }],
    ['  id   eq "9c1f"  ', { attribute: 'id', value: '9c1f' }],
    ['externalId eq ""', { attribute: 'externalId', value: '' }],
  ])('reads %s', (filter, expected) => {
    expect(quickEquality(filter)).toEqual(expected)
    expect(slowRoad(filter)).toEqual(expected)
  })

  it.each([
    'externalId eq "a\\"b"', // escapes: the lexer decodes them
    'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"', // URN prefix
    'displayName eq "a"', // not indexed
    'externalId ne "a"',
    'externalId eq "a" and active eq true',
    'externalId eq "a',
    'externalId eq a',
    'externalId eq "tab\there"', // a raw control character is a syntax error
    'externalIdeq "a"',
  ])('leaves %s to the parser', (filter) => {
    expect(quickEquality(filter)).toBeUndefined()
  })

  it('never disagrees with the parser', () => {
    const piece = fc.constantFrom(
      'externalId',
      'EXTERNALID',
      'userName',
      'username',
      'id',
      'Id',
      'displayName',
      'urn:ietf:params:scim:schemas:core:2.0:User:userName',
      ' ',
      '  ',
      '\t',
      '\n',
      'eq',
      'EQ',
      'ne',
      'and',
      '"',
      '\\',
      '\\"',
      '\u0001',
      'a',
      'bench-1',
      '@',
      '(',
      ')',
      '[',
      '.',
    )
    const filter = fc.array(piece, { maxLength: 9 }).map((parts) => parts.join(''))
    const shaped = fc
      .tuple(
        fc.constantFrom('', ' ', '\t'),
        fc.constantFrom('externalId', 'userName', 'ID', 'title'),
        fc.constantFrom(' ', '  ', '\n'),
        fc.constantFrom('eq', 'Eq', 'co'),
        fc.constantFrom(' ', '\r'),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 12 }),
          fc
            .array(fc.constantFrom('a', '\\', 'n', 'u0041', '\\n', '\\"', '"', ' ', '\u0001'), {
              maxLength: 6,
            })
            .map((parts) => parts.join('')),
        ),
        fc.constantFrom('', ' ', ')'),
      )
      .map(([a, name, b, op, c, value, end]) => `${a}${name}${b}${op}${c}"${value}"${end}`)
    fc.assert(
      fc.property(fc.oneof(filter, shaped), (text) => {
        const quick = quickEquality(text)
        if (quick !== undefined) expect(slowRoad(text)).toEqual(quick)
      }),
      { numRuns: 3000 },
    )
  })
})
