/**
 * Generators of hostile SCIM input for property and fuzz tests: filter strings (grammar pieces and
 * noise) and PATCH bodies (plausible operations on every catalogue attribute, and arbitrary JSON).
 * One set, so the in-process properties and the fuzz over a socket send the same kinds of input.
 */
import fc from 'fast-check'
import { CLEARID_USER_EXTENSION, EXTENSION_ATTRIBUTES } from '../model/attributes.ts'
import { SCIM_PATCH_SCHEMA } from '../model/scim-protocol.ts'

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
export const filterString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(filterPiece, { maxLength: 10 }).map((parts) => parts.join(' ')),
)

export const attributeName = fc.oneof(
  fc.constantFrom(
    'userName',
    'displayName',
    'active',
    'externalId',
    '__proto__',
    'constructor',
    'name.givenName',
    'emails[type eq "work"].value',
    ...EXTENSION_ATTRIBUTES.map((a) => `${CLEARID_USER_EXTENSION}:${a.name}`),
    ...EXTENSION_ATTRIBUTES.map((a) => a.name),
  ),
  fc.string({ maxLength: 12 }),
)
const jsonValue = fc.oneof(
  fc.constantFrom(
    '',
    'True',
    'False',
    'x@example.com',
    'US',
    'USA',
    null,
    true,
    false,
    0,
    -1,
    1e308,
  ),
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
export const patchBody = fc.oneof(
  fc.record({
    schemas: fc.constant([SCIM_PATCH_SCHEMA]),
    Operations: fc.array(operation, { maxLength: 4 }),
  }),
  fc.jsonValue({ maxDepth: 3 }),
)
