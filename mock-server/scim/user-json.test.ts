import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EXTENSION_ATTRIBUTES } from '../../model/attributes.ts'
import type { AttributeValue, StoredIdentity } from '../../model/identity.ts'
import { SCIM_LIST_SCHEMA } from '../../model/scim-protocol.ts'
import { scimUserJson, userListJson } from './user-json.ts'
import { toScimUser } from './user-resource.ts'

/** Any UTF-16 text: quotes, backslashes, control characters and lone surrogates included. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    fc.constantFrom('"', '\\', '\n', '\u2028', '\ud83d\ude00', 'é'),
  ),
  maxLength: 24,
})

const attributeValue: fc.Arbitrary<AttributeValue> = fc.oneof(anyText, fc.boolean())

/** Catalogue names in any order, sometimes with names outside the catalogue (never rendered). */
const attributes = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...EXTENSION_ATTRIBUTES.map((definition) => definition.name)),
    fc.constantFrom('shoeSize', '__proto__x', 'constructor'),
  ),
  attributeValue,
  { maxKeys: 12 },
)

const identity: fc.Arbitrary<StoredIdentity> = fc.record({
  id: anyText,
  accountId: fc.constant('acme'),
  userName: anyText,
  displayName: anyText,
  active: fc.boolean(),
  attributes,
  created: anyText,
  lastModified: anyText,
  version: fc.nat(),
  deleted: fc.constant(false),
  source: fc.constant('scim' as const),
})

const base = fc.oneof(
  fc.constant('http://127.0.0.1:8080/scim/v2/accounts/acme'),
  anyText.map((text) => `https://h/${text}`),
)

describe('user JSON', () => {
  it('writes a user exactly as JSON.stringify writes toScimUser', () => {
    fc.assert(
      fc.property(identity, base, (user, scimBase) => {
        expect(scimUserJson(user, scimBase)).toBe(JSON.stringify(toScimUser(user, scimBase)))
      }),
      { numRuns: 2000 },
    )
  })

  it('writes a ListResponse exactly as JSON.stringify writes its object', () => {
    fc.assert(
      fc.property(
        fc.array(identity, { maxLength: 4 }),
        base,
        fc.nat(),
        fc.integer({ min: 1, max: 1000 }),
        (users, scimBase, totalResults, startIndex) => {
          const expected = JSON.stringify({
            schemas: [SCIM_LIST_SCHEMA],
            totalResults,
            startIndex,
            itemsPerPage: users.length,
            Resources: users.map((user) => toScimUser(user, scimBase)),
          })
          expect(userListJson(users, scimBase, totalResults, startIndex)).toBe(expected)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('escapes what JSON requires and keeps valid surrogate pairs', () => {
    const user: StoredIdentity = {
      id: 'a"b\\c',
      accountId: 'acme',
      userName: 'tab\there\u0001',
      displayName: 'smile \ud83d\ude00 lone \ud800',
      active: false,
      attributes: { lastName: 'O"Brien', firstName: 'Zoë', isAdmin: true },
      created: 'c',
      lastModified: 'm',
      version: 3,
      deleted: false,
      source: 'scim',
    }
    const text = scimUserJson(user, 'http://h/scim/v2/accounts/acme')
    expect(text).toContain('"id":"a\\"b\\\\c"')
    expect(text).toContain('"userName":"tab\\there\\u0001"')
    expect(text).toContain('smile \ud83d\ude00 lone \\ud800')
    expect(JSON.parse(text)).toEqual(toScimUser(user, 'http://h/scim/v2/accounts/acme'))
  })
})
