import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormQuery } from './form-query.ts'

const NAMES = ['filter', 'count', 'startIndex', 'attributes', 'a', 'a b', 'é', '']

describe('FormQuery', () => {
  it.each([
    ['filter=userName+eq+%22a%40b.c%22', 'filter', 'userName eq "a@b.c"'],
    ['count=1&count=2', 'count', '1'],
    ['a=1=2', 'a', '1=2'],
    ['a', 'a', ''],
    ['&&a=%E2%82%AC&', 'a', '€'],
    ['a=%', 'a', '%'],
    ['a=%zz%41', 'a', '%zzA'],
    ['a=%FF', 'a', '\uFFFD'],
    ['a%20b=1', 'a b', '1'],
    ['filter=x', 'count', null],
  ])('reads %s', (query, name, expected) => {
    expect(new FormQuery(query).get(name)).toBe(expected)
    expect(new URLSearchParams(query).get(name)).toBe(expected)
  })

  it('answers as URLSearchParams does', () => {
    const piece = fc.constantFrom(
      ...NAMES,
      '=',
      '&',
      '+',
      '%',
      '%2',
      '%20',
      '%41',
      '%C3%A9',
      '%E2%82',
      '%FF',
      '%zz',
      'x',
      '"',
      'é',
    )
    const query = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(query, (text) => {
        const ours = new FormQuery(text)
        const theirs = new URLSearchParams(text)
        for (const name of NAMES) expect(ours.get(name)).toBe(theirs.get(name))
      }),
      { numRuns: 3000 },
    )
  })
})
