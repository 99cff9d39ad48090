import { describe, expect, it } from 'vitest'
import type { PatchPath } from './index.ts'
import { FilterSyntaxError, formatPatchPath, parseAttributePath } from './index.ts'

const CLEARID = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User'

const VALID: readonly (readonly [string, PatchPath])[] = [
  ['active', { attr: { name: 'active' } }],
  ['name.givenName', { attr: { name: 'name', subAttr: 'givenName' } }],
  [`${CLEARID}:firstName`, { attr: { uri: CLEARID, name: 'firstName' } }],
  [`${CLEARID}:hasExtendedTime`, { attr: { uri: CLEARID, name: 'hasExtendedTime' } }],
  [`${CORE}:name.familyName`, { attr: { uri: CORE, name: 'name', subAttr: 'familyName' } }],
  [`${ENTERPRISE}:manager`, { attr: { uri: ENTERPRISE, name: 'manager' } }],
  [
    'emails[type eq "work"].value',
    {
      attr: { name: 'emails' },
      valueFilter: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' },
      subAttr: 'value',
    },
  ],
  [
    'members[value eq "abc"]',
    {
      attr: { name: 'members' },
      valueFilter: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: 'abc' },
    },
  ],
  [
    'members[value eq "a" or value eq "b"]',
    {
      attr: { name: 'members' },
      valueFilter: {
        kind: 'or',
        left: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: 'a' },
        right: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: 'b' },
      },
    },
  ],
  [
    'addresses[type eq "work"].streetAddress',
    {
      attr: { name: 'addresses' },
      valueFilter: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' },
      subAttr: 'streetAddress',
    },
  ],
  [
    'phoneNumbers[type eq "mobile" and primary eq true].value',
    {
      attr: { name: 'phoneNumbers' },
      valueFilter: {
        kind: 'and',
        left: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'mobile' },
        right: { kind: 'compare', path: { name: 'primary' }, op: 'eq', value: true },
      },
      subAttr: 'value',
    },
  ],
  ['  Active  ', { attr: { name: 'Active' } }],
  ['members.$ref', { attr: { name: 'members', subAttr: '$ref' } }],
]

const INVALID: readonly (readonly [string, number, string])[] = [
  ['', 0, 'expected an attribute path at position 0, found end of input'],
  ['1active', 0, 'found "1active"'],
  ['active eq "x"', 7, 'expected the end of the path after "active" at position 7, found "eq"'],
  ['name.givenName.x', 14, 'at most one sub-attribute'],
  [`${CLEARID}:`, CLEARID.length + 1, 'expected an attribute name'],
  ['emails[type eq "work"]value', 22, 'expected "." and a sub-attribute, or the end of the path'],
  ['emails[type eq "work"].value eq "x"', 29, 'expected the end of the path'],
  ['emails[type eq "work"].value.display', 28, 'found a second "." at position 28'],
  ['emails[type eq "work"].', 23, 'expected a sub-attribute name'],
  ['emails[type eq "work"', 21, 'expected "]"'],
  ['emails[value[type eq "x"]]', 12, 'cannot be nested'],
  ['name.givenName[type eq "x"]', 14, 'cannot follow the sub-attribute'],
  ['emails[type eq work]', 15, 'put string values in double quotes'],
  ['emails[]', 7, 'found "]"'],
  ['emails[type eq "work"]]', 22, 'no matching "["'],
]

describe('parseAttributePath', () => {
  it.each(VALID)('%s', (input, expected) => {
    expect(parseAttributePath(input)).toEqual(expected)
  })

  it.each(VALID)('format round trip: %s', (input, expected) => {
    expect(parseAttributePath(formatPatchPath(expected))).toEqual(expected)
    expect(formatPatchPath(parseAttributePath(input))).toBe(formatPatchPath(expected))
  })

  it('accepts bare values in the value filter when lenient', () => {
    expect(
      parseAttributePath('emails[type eq work]', { lenientBareValues: true }).valueFilter,
    ).toEqual({
      kind: 'compare',
      path: { name: 'type' },
      op: 'eq',
      value: 'work',
    })
  })

  it.each(INVALID)('%j fails at %i', (input, position, fragment) => {
    let error: unknown
    try {
      parseAttributePath(input)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(FilterSyntaxError)
    const syntaxError = error as FilterSyntaxError
    expect(syntaxError.message).toContain(fragment)
    expect(syntaxError.position).toBe(position)
    expect(syntaxError.scimType).toBe('invalidPath')
  })
})
