import { describe, expect, it } from 'vitest'
import { ApiError } from '../errors/api-error.ts'
import { GROUP_CATALOG } from './graph-catalogs.ts'
import { filterProperties, matchesFilter, parseFilter, type FilterContext } from './graph-filter.ts'

const plain: FilterContext = {
  resource: 'Group',
  property: GROUP_CATALOG.property,
  advanced: false,
}
const advanced: FilterContext = { ...plain, advanced: true }

const group = {
  id: '0000beef-0000-4000-8000-0000000000a0',
  displayName: "O'Brien's Guards",
  mail: 'guards@fabrikam.example',
  mailEnabled: true,
  securityEnabled: true,
  createdDateTime: '2024-05-01T00:00:00Z',
}

const matches = (text: string, ctx = plain) => matchesFilter(parseFilter(text, ctx), group)

function refusal(text: string, ctx = plain): ApiError {
  try {
    parseFilter(text, ctx)
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error(`"${text}" was accepted`)
}

describe('$filter', () => {
  it('compares strings ignoring case, with quotes escaped by doubling', () => {
    expect(matches("displayName eq 'o''brien''s guards'")).toBe(true)
    expect(matches("startswith(displayName, 'O''BRIEN')")).toBe(true)
    expect(matches("displayName eq 'Guards'")).toBe(false)
    expect(matches("mail in ('x@y.z', 'GUARDS@fabrikam.example')")).toBe(true)
  })

  it('compares booleans and dates, and combines with and, or, not and parentheses', () => {
    expect(matches('mailEnabled eq true and securityEnabled eq true')).toBe(true)
    expect(
      matches('mailEnabled eq false or (securityEnabled eq true and mailEnabled eq true)'),
    ).toBe(true)
    expect(
      matches('createdDateTime ge 2024-01-01T00:00:00Z and createdDateTime le 2024-12-31'),
    ).toBe(true)
    expect(matches('createdDateTime ge 2025-01-01T00:00:00Z')).toBe(false)
    expect(matches('not (mailEnabled eq true)', advanced)).toBe(false)
  })

  it('names the properties it reads', () => {
    expect(
      filterProperties(parseFilter("id eq 'a' or (mail eq 'b' and mailEnabled eq true)", plain)),
    ).toEqual(['id', 'mail', 'mailEnabled'])
  })

  it('refuses advanced operators without an advanced query, with Graph’s code', () => {
    for (const text of [
      "displayName ne 'x'",
      "endswith(mail,'.example')",
      'not (mailEnabled eq true)',
    ]) {
      const error = refusal(text)
      expect(error.status).toBe(400)
      expect(error.options.graphCode).toBe('Request_UnsupportedQuery')
      expect(error.detail).toMatch(/ConsistencyLevel: eventual/)
    }
    expect(matches("displayName ne 'x'", advanced)).toBe(true)
  })

  it('refuses unknown properties, unsupported operators and too many values', () => {
    expect(refusal("colour eq 'red'").detail).toBe(
      "Unsupported or invalid query filter clause specified for property 'colour' of resource 'Group'.",
    )
    expect(refusal("groupTypes eq 'Unified'").options.graphCode).toBe('Request_UnsupportedQuery')
    expect(refusal("displayName gt 'a'").options.graphCode).toBe('Request_UnsupportedQuery')
    const sixteen = Array.from({ length: 16 }, (_, i) => `'${i}'`).join(',')
    expect(refusal(`id in (${sixteen})`).detail).toMatch(/at most 15 values/)
  })

  it('refuses malformed text with Invalid filter clause', () => {
    for (const text of [
      "displayName eq 'open",
      'displayName eq Guards',
      "(displayName eq 'a'",
      'eq',
      '',
    ]) {
      const error = refusal(text)
      expect(error.status).toBe(400)
      expect(error.detail).toMatch(/^Invalid filter clause: /)
    }
  })
})
