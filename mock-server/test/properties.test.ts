/**
 * Properties of the SCIM endpoint as a whole: no filter string and no PATCH body makes the mock
 * answer 5xx, and a refused request leaves the stored identity exactly as it was.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CLEARID_USER_EXTENSION, EXTENSION_ATTRIBUTES } from '../../model/attributes.ts'
import { call, testApp, userBody } from './scim-test-client.ts'
import { SCIM_PATCH_SCHEMA } from '../../model/scim-protocol.ts'

const filterPiece = fc.oneof(
  fc.constantFrom(
    'userName',
    'externalId',
    'displayName',
    'active',
    'meta.created',
    'emails',
    'emails[type eq "work"]',
    `${CLEARID_USER_EXTENSION}:firstName`,
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
    'and',
    'or',
    'not',
    '(',
    ')',
    '[',
    ']',
    '"x"',
    '"Ada"',
    'true',
    'false',
    'null',
    '42',
    '.',
    '"',
  ),
  fc.string({ maxLength: 6 }),
)
const filterString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(filterPiece, { maxLength: 10 }).map((parts) => parts.join(' ')),
)

const attributeName = fc.oneof(
  fc.constantFrom(
    'userName',
    'displayName',
    'active',
    'externalId',
    'name.givenName',
    'emails[type eq "work"].value',
    ...EXTENSION_ATTRIBUTES.map((a) => `${CLEARID_USER_EXTENSION}:${a.name}`),
    ...EXTENSION_ATTRIBUTES.map((a) => a.name),
  ),
  fc.string({ maxLength: 12 }),
)
const jsonValue = fc.oneof(
  fc.constantFrom('', 'True', 'False', 'x@example.com', 'US', 'USA', null, true, false, 0),
  fc.jsonValue({ maxDepth: 2 }),
)
const operation = fc.record(
  {
    op: fc.oneof(
      fc.constantFrom('add', 'Replace', 'REMOVE', 'replace', 'remove', 'Add'),
      fc.string({ maxLength: 8 }),
    ),
    path: attributeName,
    value: fc.oneof(jsonValue, fc.dictionary(attributeName, jsonValue, { maxKeys: 4 })),
  },
  { requiredKeys: [] },
)
const patchBody = fc.oneof(
  fc.record({
    schemas: fc.constant([SCIM_PATCH_SCHEMA]),
    Operations: fc.array(operation, { maxLength: 4 }),
  }),
  fc.jsonValue({ maxDepth: 3 }),
)

describe('SCIM endpoint properties', () => {
  it('never answers 5xx to a filter', async () => {
    const app = testApp()
    await call(app, 'POST', 'Users', userBody())
    await fc.assert(
      fc.asyncProperty(filterString, async (filter) => {
        const res = await call(app, 'GET', `Users?filter=${encodeURIComponent(filter)}`)
        expect(res.status).toBeLessThan(500)
        if (res.status !== 200) expect(res.body.scimType).toBe('invalidFilter')
      }),
      { numRuns: 400 },
    )
  })

  it('never answers 5xx to a PATCH, and a refused PATCH changes nothing', async () => {
    const app = testApp()
    const created = await call(app, 'POST', 'Users', userBody())
    const path = `Users/${created.body.id}`
    await fc.assert(
      fc.asyncProperty(patchBody, async (body) => {
        const before = await call(app, 'GET', path)
        const res = await call(app, 'PATCH', path, body)
        expect(res.status).toBeLessThan(500)
        const after = await call(app, 'GET', path)
        if (res.status >= 400) expect(after.body).toEqual(before.body)
      }),
      { numRuns: 300 },
    )
  })
})
