import { describe, expect, it } from 'vitest'
import type { AttributeValue } from '../../../model/identity.ts'
import type { Behaviour } from '../../behaviour.ts'
import type { WarningCode } from '../warnings.ts'
import type { UserState } from './apply-patch.ts'
import { baseUser, CORE, ENT, EXT, PATCH_OP, patchBody, runPatch } from './patch-fixtures.ts'

interface Changes {
  readonly userName?: string
  readonly displayName?: string
  readonly active?: boolean
  /** `undefined` means the key must be gone. */
  readonly attributes?: Record<string, AttributeValue | undefined>
}

interface SuccessCase {
  readonly name: string
  readonly body: unknown
  readonly behaviour?: Partial<Behaviour>
  readonly state?: UserState
  readonly expected: Changes
  readonly warnings?: readonly WarningCode[]
}

function expectedState(start: UserState, changes: Changes): UserState {
  const attributes: Record<string, AttributeValue> = { ...start.attributes }
  for (const [name, value] of Object.entries(changes.attributes ?? {})) {
    if (value === undefined) delete attributes[name]
    else attributes[name] = value
  }
  const { attributes: _ignored, ...core } = changes
  return { ...start, ...core, attributes }
}

const inactive = (): UserState => ({ ...baseUser(), active: false })

const dialects: SuccessCase[] = [
  {
    name: 'entra-default: capitalised ops, each with a path, "False" for active, URN paths',
    body: patchBody(
      { op: 'Replace', path: 'displayName', value: 'Ada King' },
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Add', path: `${EXT}:middleName`, value: 'Augusta' },
      { op: 'Replace', path: `${EXT}:jobTitle`, value: 'Countess' },
      { op: 'Replace', path: `${EXT}:countryCode`, value: 'GBR' },
      { op: 'Replace', path: 'name.givenName', value: 'Ada' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada@contoso.com' },
      { op: 'Add', path: `${ENT}:department`, value: 'Analytical Engines' },
      { op: 'Replace', path: 'externalId', value: '9c1f6a55' },
    ),
    expected: {
      displayName: 'Ada King',
      active: false,
      attributes: { middleName: 'Augusta', jobTitle: 'Countess', countryCode: 'GBR' },
    },
    warnings: [
      'coerced-boolean-string',
      'unused-core-attribute',
      'unused-core-attribute',
      'unknown-schema',
      'core-external-id',
    ],
  },
  {
    name: 'entra-flag: one path-less lower-case replace with dotted and URN-qualified keys',
    body: patchBody({
      op: 'replace',
      value: {
        displayName: 'Ada King',
        active: false,
        [`${EXT}:firstName`]: 'Augusta Ada',
        [`${EXT}:hasWebPortalAccess`]: true,
        'name.givenName': 'Augusta Ada',
        'name.familyName': 'King',
        [`${ENT}:employeeNumber`]: '1815',
      },
    }),
    expected: {
      displayName: 'Ada King',
      active: false,
      attributes: { firstName: 'Augusta Ada', hasWebPortalAccess: true },
    },
    warnings: ['unused-core-attribute', 'unused-core-attribute', 'unknown-schema'],
  },
  {
    name: 'entra-flag: filtered multi-valued paths stay separate ops next to the path-less one',
    body: patchBody(
      { op: 'replace', value: { [`${EXT}:lastName`]: 'King' } },
      { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+44 20 7946 0000' },
    ),
    expected: { attributes: { lastName: 'King' } },
    warnings: ['unused-core-attribute', 'unused-core-attribute'],
  },
  {
    name: 'Validator: userName rename in the flag-on form',
    body: patchBody({ op: 'replace', value: { userName: 'ada.king@contoso.com' } }),
    expected: { userName: 'ada.king@contoso.com' },
  },
  {
    name: 'default dialect: userName rename with a path',
    body: patchBody({ op: 'Replace', path: 'userName', value: 'ada.king@contoso.com' }),
    expected: { userName: 'ada.king@contoso.com' },
  },
  {
    name: 'flag on: disable with a JSON boolean',
    body: patchBody({ op: 'replace', path: 'active', value: false }),
    expected: { active: false },
  },
]

const quirks: SuccessCase[] = [
  {
    name: 'Q1: "Add" on an unset attribute adds it',
    body: patchBody({ op: 'Add', path: `${EXT}:departmentName`, value: 'Research' }),
    expected: { attributes: { departmentName: 'Research' } },
  },
  {
    name: 'Q1: "REPLACE" in upper case',
    body: patchBody({ op: 'REPLACE', path: 'displayName', value: 'Ada' }),
    expected: { displayName: 'Ada' },
  },
  {
    name: 'Q1: "rEmOvE" in mixed case',
    body: patchBody({ op: 'rEmOvE', path: `${EXT}:jobTitle` }),
    expected: { attributes: { jobTitle: undefined } },
  },
  {
    name: 'Q2: active "True" re-enables',
    state: inactive(),
    body: patchBody({ op: 'Replace', path: 'active', value: 'True' }),
    expected: { active: true },
    warnings: ['coerced-boolean-string'],
  },
  {
    name: 'Q2: active "FALSE" in upper case',
    body: patchBody({ op: 'Replace', path: 'active', value: 'FALSE' }),
    expected: { active: false },
    warnings: ['coerced-boolean-string'],
  },
  {
    name: 'Q2: extension boolean "True" is coerced when the option says so',
    behaviour: { extensionBooleanStrings: 'coerce' },
    body: patchBody({ op: 'Replace', path: `${EXT}:isAdmin`, value: 'True' }),
    expected: { attributes: { isAdmin: true } },
    warnings: ['coerced-boolean-string'],
  },
  {
    name: 'Q2: extension boolean as a JSON boolean is stored as a boolean',
    body: patchBody({ op: 'replace', path: `${EXT}:hasExtendedTime`, value: true }),
    expected: { attributes: { hasExtendedTime: true } },
  },
  {
    name: 'Q4: dotted key name.givenName is an ignored core attribute, not a junk key',
    body: patchBody({ op: 'replace', value: { 'name.givenName': 'Ada' } }),
    expected: {},
    warnings: ['unused-core-attribute'],
  },
  {
    name: 'Q4: RFC form: the extension URN key holding an object',
    body: patchBody({ op: 'add', value: { [EXT]: { firstName: 'Augusta', zipCode: 'W1' } } }),
    expected: { attributes: { firstName: 'Augusta', zipCode: 'W1' } },
  },
  {
    name: 'Q4: the core URN key holding an object',
    body: patchBody({
      op: 'replace',
      value: { [CORE]: { displayName: 'Ada King', 'name.familyName': 'King' } },
    }),
    expected: { displayName: 'Ada King' },
    warnings: ['unused-core-attribute'],
  },
  {
    name: 'Q4: URN-prefixed core key in a value object',
    body: patchBody({ op: 'replace', value: { [`${CORE}:displayName`]: 'Ada King' } }),
    expected: { displayName: 'Ada King' },
  },
  {
    name: 'Q4: enterprise key holding an object is ignored as a whole',
    body: patchBody({ op: 'replace', value: { [ENT]: { department: 'R&D' } } }),
    expected: {},
    warnings: ['unknown-schema'],
  },
  {
    name: 'Q6: manager sent as a plain string is ignored (enterprise)',
    body: patchBody({ op: 'Add', path: `${ENT}:manager`, value: 'b5f1c8d2' }),
    expected: {},
    warnings: ['unknown-schema'],
  },
  {
    name: 'Q6: remove manager[value eq "id"] is tolerated although manager is single-valued',
    body: patchBody({ op: 'remove', path: `${ENT}:manager[value eq "b5f1c8d2"]` }),
    expected: {},
    warnings: ['unknown-schema'],
  },
  {
    name: 'Q7: filtered add on a missing multi-valued element is ignored, never noTarget',
    body: patchBody({ op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' }),
    expected: {},
    warnings: ['unused-core-attribute'],
  },
  {
    name: 'Q7: Validator roles[primary eq "True"].display',
    body: patchBody({ op: 'add', path: 'roles[primary eq "True"].display', value: 'Admin' }),
    expected: {},
    warnings: ['unused-core-attribute'],
  },
  {
    name: 'Q7: addresses[type eq "work"].country with a URN prefix',
    body: patchBody({
      op: 'Replace',
      path: `${CORE}:addresses[type eq "work"].country`,
      value: 'GB',
    }),
    expected: {},
    warnings: ['unused-core-attribute'],
  },
  {
    name: 'Q10: null value with a path removes the attribute',
    body: patchBody({ op: 'replace', path: `${EXT}:jobTitle`, value: null }),
    expected: { attributes: { jobTitle: undefined } },
    warnings: ['null-value'],
  },
  {
    name: 'Q10: null key in a path-less value object removes that attribute only',
    body: patchBody({ op: 'replace', value: { [`${EXT}:email`]: null, displayName: 'Ada' } }),
    expected: { displayName: 'Ada', attributes: { email: undefined } },
    warnings: ['null-value'],
  },
  {
    name: 'Q10: null inside the extension object removes that attribute',
    body: patchBody({ op: 'add', value: { [EXT]: { jobTitle: null, zipCode: 'W1' } } }),
    expected: { attributes: { jobTitle: undefined, zipCode: 'W1' } },
    warnings: ['null-value'],
  },
  {
    name: 'Q10: null under the extension URN key unassigns the whole extension',
    body: patchBody({ op: 'replace', value: { [EXT]: null } }),
    expected: {
      attributes: {
        externalId: undefined,
        firstName: undefined,
        lastName: undefined,
        email: undefined,
        jobTitle: undefined,
        hasExtendedTime: undefined,
      },
    },
    warnings: ['null-value'],
  },
  {
    name: 'Q10: null under the core URN key changes nothing',
    body: patchBody({ op: 'replace', value: { [CORE]: null } }),
    expected: {},
    warnings: ['null-value'],
  },
  {
    name: 'Q10: "path": null is the same as no path',
    body: patchBody({ op: 'replace', path: null, value: { displayName: 'Ada' } }),
    expected: { displayName: 'Ada' },
  },
  {
    name: 'Q15: odd-case attribute name DisplayName',
    body: patchBody({ op: 'replace', path: 'DisplayName', value: 'Ada' }),
    expected: { displayName: 'Ada' },
  },
  {
    name: 'Q15: URN and attribute in upper case',
    body: patchBody({ op: 'replace', path: `${EXT}:FIRSTNAME`.toUpperCase(), value: 'ADA' }),
    expected: { attributes: { firstName: 'ADA' } },
  },
  {
    name: 'Q15: member names Op, Path, Value and "operations", schema URN in upper case',
    body: {
      SCHEMAS: [PATCH_OP.toUpperCase()],
      operations: [{ Op: 'Replace', Path: 'displayName', Value: 'Ada' }],
    },
    expected: { displayName: 'Ada' },
  },
  {
    name: 'Q15: odd-case keys in a value object',
    body: patchBody({ op: 'replace', value: { USERNAME: 'ADA@contoso.com', Active: false } }),
    expected: { userName: 'ADA@contoso.com', active: false },
  },
  {
    name: 'Validator: empty Operations is a no-op with a warning',
    body: patchBody(),
    expected: {},
    warnings: ['empty-operations'],
  },
]

const semantics: SuccessCase[] = [
  {
    name: 'add on a single-valued attribute replaces the value (RFC 7644 §3.5.2.1)',
    body: patchBody({ op: 'add', path: 'displayName', value: 'Countess of Lovelace' }),
    expected: { displayName: 'Countess of Lovelace' },
  },
  {
    name: 'values are stored exactly as sent',
    body: patchBody({ op: 'replace', path: `${EXT}:description`, value: '  Née Byron  ' }),
    expected: { attributes: { description: '  Née Byron  ' } },
  },
  {
    name: 'ops apply in order: replace then remove of the same attribute ends removed',
    body: patchBody(
      { op: 'replace', path: `${EXT}:jobTitle`, value: 'Countess' },
      { op: 'remove', path: `${EXT}:jobTitle` },
    ),
    expected: { attributes: { jobTitle: undefined } },
  },
  {
    name: 'ops apply in order: remove then add of displayName ends set',
    body: patchBody(
      { op: 'remove', path: 'displayName' },
      { op: 'add', path: 'displayName', value: 'Ada' },
    ),
    expected: { displayName: 'Ada' },
  },
  {
    name: 'ops apply in order: the last write wins',
    body: patchBody(
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', value: { active: true } },
    ),
    expected: { active: true },
  },
  {
    name: 'removing an attribute that is not set is a no-op',
    body: patchBody({ op: 'remove', path: `${EXT}:middleName` }),
    expected: {},
  },
  {
    name: 'remove displayName leaves "" for the route to refuse',
    body: patchBody({ op: 'remove', path: 'displayName' }),
    expected: { displayName: '' },
  },
  {
    name: 'remove userName leaves "" for the route to refuse',
    body: patchBody({ op: 'Remove', path: `${CORE}:userName` }),
    expected: { userName: '' },
  },
  {
    name: 'remove active falls back to true (ClearID status defaults to Active)',
    state: inactive(),
    body: patchBody({ op: 'remove', path: 'active' }),
    expected: { active: true },
  },
  {
    name: 'remove ignores a value (only Groups use value on remove)',
    body: patchBody({ op: 'remove', path: `${EXT}:email`, value: 'other@contoso.com' }),
    expected: { attributes: { email: undefined } },
  },
  {
    name: 'remove of the bare extension URN unassigns every extension attribute',
    body: patchBody({ op: 'remove', path: EXT }),
    expected: {
      attributes: {
        externalId: undefined,
        firstName: undefined,
        lastName: undefined,
        email: undefined,
        jobTitle: undefined,
        hasExtendedTime: undefined,
      },
    },
  },
  {
    name: 'replace with the bare extension URN path merges and keeps the others',
    body: patchBody({
      op: 'Replace',
      path: EXT,
      value: { lastName: 'King', cityOfResidence: 'London' },
    }),
    expected: { attributes: { lastName: 'King', cityOfResidence: 'London' } },
  },
  {
    name: 'leniency: an extension attribute without its URN',
    body: patchBody({ op: 'replace', path: 'firstName', value: 'Augusta' }),
    expected: { attributes: { firstName: 'Augusta' } },
  },
  {
    name: 'leniency: "path": "" is the same as no path',
    body: patchBody({ op: 'replace', path: '', value: { displayName: 'Ada' } }),
    expected: { displayName: 'Ada' },
  },
  {
    name: 'unsupported ClearID attribute with a path is ignored',
    body: patchBody({ op: 'replace', path: `${EXT}:birthday`, value: '1815-12-10' }),
    expected: {},
    warnings: ['unsupported-attribute'],
  },
  {
    name: 'unsupported ClearID attribute without its URN is ignored',
    body: patchBody({ op: 'remove', path: 'expirationDateUtc' }),
    expected: {},
    warnings: ['unsupported-attribute'],
  },
  {
    name: 'unused core attributes title and preferredLanguage are ignored',
    body: patchBody(
      { op: 'Replace', path: 'title', value: 'Countess' },
      { op: 'Replace', path: 'preferredLanguage', value: 'en-GB' },
    ),
    expected: {},
    warnings: ['unused-core-attribute', 'unused-core-attribute'],
  },
  {
    name: 'read-only id, meta.created and groups are ignored',
    body: patchBody(
      { op: 'replace', path: 'id', value: 'x' },
      { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' },
      { op: 'add', path: 'groups', value: [{ value: 'g1' }] },
    ),
    expected: {},
    warnings: ['read-only-ignored', 'read-only-ignored', 'read-only-ignored'],
  },
  {
    name: 'core externalId is ignored with its own warning, also in strict mode',
    behaviour: { unknownAttributes: 'reject' },
    body: patchBody({ op: 'replace', path: 'externalId', value: 'abc' }),
    expected: {},
    warnings: ['core-external-id'],
  },
  {
    name: 'path-less value object: unknown keys are ignored like in a POST body',
    body: patchBody({ op: 'replace', value: { shoeSize: '42', displayName: 'Ada', members: [] } }),
    expected: { displayName: 'Ada' },
    warnings: ['unknown-attribute', 'unknown-attribute'],
  },
  {
    name: 'path-less value object: an unknown schema URN key is ignored',
    body: patchBody({ op: 'replace', value: { 'urn:acme:params:2.0:User:level': '3' } }),
    expected: {},
    warnings: ['unknown-schema'],
  },
  {
    name: 'path-less value object: a key that is no attribute path is ignored',
    body: patchBody({ op: 'add', value: { 'not a path!': 'x', [`${EXT}:zipCode`]: '1000' } }),
    expected: { attributes: { zipCode: '1000' } },
    warnings: ['unknown-attribute'],
  },
  {
    name: 'path-less value object: an empty object changes nothing',
    body: patchBody({ op: 'replace', value: {} }),
    expected: {},
  },
  {
    name: 'schemas may list other URNs next to PatchOp',
    body: { schemas: [CORE, PATCH_OP], Operations: [{ op: 'add', path: 'active', value: false }] },
    expected: { active: false },
  },
]

describe.each([
  ['Entra dialects', dialects],
  ['Entra quirks (entra.md §4)', quirks],
  ['PATCH semantics', semantics],
])('applyPatch: %s', (_title, cases) => {
  it.each(cases)('$name', ({ body, behaviour, state, expected, warnings }) => {
    const start = state ?? baseUser()
    const result = runPatch(body, behaviour, start)
    expect(result.state).toEqual(expectedState(start, expected))
    expect(result.warnings.map((w) => w.code)).toEqual(warnings ?? [])
  })
})

describe('applyPatch: state handling', () => {
  it('returns a new object and never writes to the (frozen) input', () => {
    const start = baseUser()
    const snapshot = structuredClone(start)
    const result = runPatch(
      patchBody({ op: 'replace', path: `${EXT}:firstName`, value: 'Augusta' }),
      {},
      start,
    )
    expect(start).toEqual(snapshot)
    expect(result.state).not.toBe(start)
    expect(result.state.attributes).not.toBe(start.attributes)
  })

  it('warnings name the attribute and say what happened', () => {
    const { warnings } = runPatch(patchBody({ op: 'Add', path: `${ENT}:department`, value: 'R' }))
    expect(warnings).toEqual([
      {
        code: 'unknown-schema',
        attribute: `${ENT}:department`,
        message: expect.stringContaining("not part of ClearID's schema"),
      },
    ])
  })
})
