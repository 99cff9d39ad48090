/**
 * The shared PATCH corpus: Entra-shaped and RFC-shaped PatchOp bodies applied to one provisioned
 * ClearID user (`baseUser`, the user of the mock's own PATCH tests, patch-fixtures.ts). Each case carries the stored result worked out by hand from RFC 7644 §3.5.2 and
 * SPEC §2 (in the `PatchOutcome` notation of patch-engines.ts), naming the rule in `basis` where it
 * is not obvious.
 *
 * The answers are the PATCH engine's, not the route's: ClearID's cross-field invariants (required
 * attributes, e-mail format) are checked by the route after the engine, so removing displayName is
 * a blank here and a 400 over HTTP.
 *
 * @module
 */
import { CLEARID, CORE } from './users.ts'
import { SCIM_PATCH_SCHEMA } from '../../model/scim-protocol.ts'
import { patchBody } from '../../mock-server/scim/patch/patch-fixtures.ts'
import { ENTERPRISE_USER_EXTENSION } from '../../model/attributes.ts'

const X = CLEARID

export interface PatchCase {
  readonly id: string
  readonly title: string
  readonly body: unknown
  readonly expected: string
  readonly basis?: string
}

export const PATCH_CASES: readonly PatchCase[] = [
  // --- RFC 7644 §3.5.2 basics ---
  {
    id: 'P01',
    title: 'replace a core attribute',
    body: patchBody({ op: 'replace', path: 'displayName', value: 'Ada King' }),
    expected: 'displayName="Ada King"',
  },
  {
    id: 'P02',
    title: 'replace userName',
    body: patchBody({ op: 'replace', path: 'userName', value: 'ada.king@contoso.com' }),
    expected: 'userName="ada.king@contoso.com"',
  },
  {
    id: 'P03',
    title: 'replace active with a JSON boolean',
    body: patchBody({ op: 'replace', path: 'active', value: false }),
    expected: 'active=false',
  },
  {
    id: 'P04',
    title: 'add an extension attribute by URN path',
    body: patchBody({ op: 'add', path: `${X}:countryCode`, value: 'GBR' }),
    expected: 'x:countryCode="GBR"',
  },
  {
    id: 'P05',
    title: 'replace an extension boolean with a JSON boolean',
    body: patchBody({ op: 'replace', path: `${X}:isAdmin`, value: true }),
    expected: 'x:isAdmin=true',
  },
  {
    id: 'P06',
    title: 'remove an extension attribute',
    body: patchBody({ op: 'remove', path: `${X}:jobTitle` }),
    expected: '-x:jobTitle',
  },
  {
    id: 'P07',
    title: 'several operations apply in order',
    body: patchBody(
      { op: 'add', path: `${X}:jobTitle`, value: 'Countess' },
      { op: 'replace', path: `${X}:jobTitle`, value: 'Mathematician' },
      { op: 'replace', path: 'displayName', value: 'Ada King' },
      { op: 'remove', path: `${X}:email` },
    ),
    expected: 'displayName="Ada King", -x:email, x:jobTitle="Mathematician"',
    basis: 'RFC 7644 §3.5.2: operations are applied sequentially',
  },
  {
    id: 'P08',
    title: 'a failing operation discards the whole request',
    body: patchBody(
      { op: 'replace', path: 'displayName', value: 'Ada King' },
      { op: 'replace', path: `${X}:noSuchAttribute`, value: 'x' },
    ),
    expected: 'error',
    basis: 'RFC 7644 §3.5.2: PATCH is atomic; an unknown path is 400 invalidPath',
  },
  {
    id: 'P09',
    title: 'remove a required core attribute (engine level)',
    body: patchBody({ op: 'remove', path: 'displayName' }),
    expected: 'displayName=""',
    basis:
      'mock engine choice (apply-operation.ts): a removed required core attribute becomes "", which the route then refuses with 400',
  },
  {
    id: 'P10',
    title: 'remove active',
    body: patchBody({ op: 'remove', path: 'active' }),
    expected: 'unchanged',
    basis: "mock choice (apply-operation.ts): an unassigned active is ClearID's default, true",
  },
  {
    id: 'P11',
    title: 'remove an attribute that is not set',
    body: patchBody({ op: 'remove', path: `${X}:middleName` }),
    expected: 'unchanged',
    basis: 'RFC 7644 §3.5.2.2 does not make this an error; the result is the same state',
  },
  {
    id: 'P12',
    title: 'replace the whole extension object by its URN',
    body: patchBody({ op: 'replace', path: X, value: { firstName: 'Augusta', lastName: 'King' } }),
    expected: 'x:firstName="Augusta", x:lastName="King"',
    basis:
      'RFC 7644 §3.5.2.3: replacing a complex attribute replaces the sub-attributes the value names',
  },
  {
    id: 'P13',
    title: 'remove the whole extension object',
    body: patchBody({ op: 'remove', path: X }),
    expected: '-x:email, -x:externalId, -x:firstName, -x:hasExtendedTime, -x:jobTitle, -x:lastName',
  },
  {
    id: 'P14',
    title: 'a null value unassigns (RFC 7643 §2.5)',
    body: patchBody({ op: 'replace', path: `${X}:firstName`, value: null }),
    expected: '-x:firstName',
  },

  // --- Entra default dialect (entra.md §2.4): capitalised ops, URN paths, string booleans ---
  {
    id: 'P15',
    title: 'capitalised "Replace"',
    body: patchBody({ op: 'Replace', path: 'displayName', value: 'Ada King' }),
    expected: 'displayName="Ada King"',
    basis: "SPEC §2.3: Entra's default dialect sends capitalised ops; the mock accepts any case",
  },
  {
    id: 'P16',
    title: 'capitalised "Add" on an extension URN path',
    body: patchBody({ op: 'Add', path: `${X}:countryCode`, value: 'GBR' }),
    expected: 'x:countryCode="GBR"',
  },
  {
    id: 'P17',
    title: 'capitalised "Remove"',
    body: patchBody({ op: 'Remove', path: `${X}:jobTitle` }),
    expected: '-x:jobTitle',
  },
  {
    id: 'P18',
    title: 'active as the string "False"',
    body: patchBody({ op: 'Replace', path: 'active', value: 'False' }),
    expected: 'active=false',
    basis: 'SPEC §2.2: active accepts "True"/"False" in any case and is stored as a boolean',
  },
  {
    id: 'P19',
    title: 'an extension boolean as the string "True"',
    body: patchBody({ op: 'Replace', path: `${X}:isAdmin`, value: 'True' }),
    expected: 'error',
    basis:
      'SPEC §2.2 (choice): extension booleans sent as strings are 400 invalidValue naming aadOptscim062020',
  },
  {
    id: 'P20',
    title: 'an extension boolean as the string "false"',
    body: patchBody({ op: 'add', path: `${X}:hasExtendedTime`, value: 'false' }),
    expected: 'error',
  },
  {
    id: 'P21',
    title: 'core URN-qualified path',
    body: patchBody({ op: 'Replace', path: `${CORE}:displayName`, value: 'Ada King' }),
    expected: 'displayName="Ada King"',
  },
  {
    id: 'P22',
    title: 'path with other letter case',
    body: patchBody({ op: 'replace', path: 'DISPLAYNAME', value: 'Ada King' }),
    expected: 'displayName="Ada King"',
    basis: 'RFC 7643 §2.1: attribute names are case-insensitive; stored with the schema spelling',
  },
  {
    id: 'P23',
    title: 'URN and attribute name in lower case',
    body: patchBody({ op: 'replace', path: `${X.toLowerCase()}:firstname`, value: 'Augusta' }),
    expected: 'x:firstName="Augusta"',
  },
  {
    id: 'P24',
    title: 'PatchOp member names in other letter case',
    body: {
      schemas: [SCIM_PATCH_SCHEMA],
      Operations: [{ OP: 'replace', Path: 'displayName', Value: 'X' }],
    },
    expected: 'displayName="X"',
    basis:
      'RFC 7643 §2.1 applies to message members too; entra.md Q15: the Microsoft validator varies their case',
  },

  // --- Entra aadOptscim062020 dialect: path-less values with dotted and URN keys ---
  {
    id: 'P25',
    title: 'path-less replace of core attributes',
    body: patchBody({ op: 'replace', value: { displayName: 'Ada King', active: false } }),
    expected: 'active=false, displayName="Ada King"',
  },
  {
    id: 'P26',
    title: 'path-less replace with a URN-qualified key',
    body: patchBody({ op: 'replace', value: { [`${X}:firstName`]: 'Augusta' } }),
    expected: 'x:firstName="Augusta"',
    basis: 'RFC 7644 §3.5.2.1/§3.10: a key of a path-less value is an attribute path',
  },
  {
    id: 'P27',
    title: 'path-less add with the extension URN as an object key',
    body: patchBody({ op: 'add', value: { [X]: { countryCode: 'GBR', isAdmin: true } } }),
    expected: 'x:countryCode="GBR", x:isAdmin=true',
  },
  {
    id: 'P28',
    title: 'path-less replace of two extension booleans',
    body: patchBody({
      op: 'replace',
      value: { [`${X}:isAdmin`]: true, [`${X}:hasExtendedTime`]: true },
    }),
    expected: 'x:hasExtendedTime=true, x:isAdmin=true',
  },
  {
    id: 'P29',
    title: 'path-less add mixing core and URN keys',
    body: patchBody({
      op: 'add',
      value: { displayName: 'Ada King', [`${X}:jobTitle`]: 'Countess' },
    }),
    expected: 'displayName="Ada King", x:jobTitle="Countess"',
  },
  {
    id: 'P30',
    title: 'path-less replace with a dotted core key ClearID does not store',
    body: patchBody({ op: 'replace', value: { 'name.givenName': 'Augusta' } }),
    expected: 'unchanged',
    basis:
      'SPEC §2.2: core attributes other than userName, displayName and active are ignored with a warning',
  },
  {
    id: 'P31',
    title: 'path-less value with an unknown extension key',
    body: patchBody({
      op: 'replace',
      value: { displayName: 'Ada King', [`${X}:noSuchAttribute`]: 'x' },
    }),
    expected: 'displayName="Ada King"',
    basis: 'SPEC §2.2: unknown attributes in a value object are ignored with a warning',
  },
  {
    id: 'P32',
    title: 'path-less remove',
    body: patchBody({ op: 'remove' }),
    expected: 'error',
    basis: 'RFC 7644 §3.5.2.2: remove without a path is 400 noTarget',
  },

  // --- What ClearID does not store, and what it refuses ---
  {
    id: 'P33',
    title: 'a core attribute ClearID does not use',
    body: patchBody({ op: 'replace', path: 'title', value: 'Countess' }),
    expected: 'unchanged',
    basis: 'SPEC §2.2: ignored with a warning (strict option: 400)',
  },
  {
    id: 'P34',
    title: 'a filtered path on a multi-valued core attribute ClearID does not store',
    body: patchBody({
      op: 'Replace',
      path: 'emails[type eq "work"].value',
      value: 'ada@king.example',
    }),
    expected: 'unchanged',
    basis: 'SPEC §2.2: emails is not a ClearID attribute (ClearID uses the extension email)',
  },
  {
    id: 'P35',
    title: 'an enterprise extension attribute',
    body: patchBody({
      op: 'Add',
      path: `${ENTERPRISE_USER_EXTENSION}:department`,
      value: 'Engineering',
    }),
    expected: 'unchanged',
    basis: "SPEC §2.2: not part of ClearID's schema, ignored with a warning",
  },
  {
    id: 'P36',
    title: 'a ClearID attribute the seed lists as unsupported',
    body: patchBody({ op: 'replace', path: `${X}:birthday`, value: '1815-12-10' }),
    expected: 'unchanged',
    basis: 'SPEC §2.2: date fields are not supported and are ignored with a warning',
  },
  {
    id: 'P37',
    title: 'an unknown extension attribute by path',
    body: patchBody({ op: 'replace', path: `${X}:noSuchAttribute`, value: 'x' }),
    expected: 'error',
    basis: 'SPEC §2.3: an unknown path is 400 invalidPath',
  },
  {
    id: 'P38',
    title: 'core externalId instead of the extension one',
    body: patchBody({ op: 'replace', path: 'externalId', value: 'NEW-ID' }),
    expected: 'unchanged',
    basis: "SPEC §2.2: core externalId is not ClearID's sync key; ignored and reported",
  },
  {
    id: 'P39',
    title: 'an extension attribute named without its URN',
    body: patchBody({ op: 'replace', path: 'firstName', value: 'Augusta' }),
    expected: 'x:firstName="Augusta"',
    basis:
      'mock leniency (resolve-path.ts): no core attribute has the name, so it is the extension one',
  },
  {
    id: 'P40',
    title: 'a number for a string attribute',
    body: patchBody({ op: 'replace', path: `${X}:countryCode`, value: 42 }),
    expected: 'error',
    basis: 'RFC 7644 §3.12: a value of the wrong type is 400 invalidValue',
  },
  {
    id: 'P41',
    title: 'a string that is not a boolean for active',
    body: patchBody({ op: 'replace', path: 'active', value: 'yes' }),
    expected: 'error',
  },

  {
    id: 'P42',
    title: 'active as the upper-case string "FALSE"',
    body: patchBody({ op: 'Replace', path: 'active', value: 'FALSE' }),
    expected: 'active=false',
    basis: 'SPEC §2.2: "True"/"False" in any case',
  },
  {
    id: 'P43',
    title: 'a dotted path to a core attribute ClearID does not store',
    body: patchBody({ op: 'replace', path: 'name.givenName', value: 'Augusta' }),
    expected: 'unchanged',
    basis: 'SPEC §2.2: ignored with a warning; ClearID keeps the first name in its extension',
  },

  // --- The envelope ---
  {
    id: 'P44',
    title: 'empty Operations',
    body: patchBody(),
    expected: 'unchanged',
    basis:
      'SPEC §2.3 / entra.md: the Microsoft validator sends it; the mock answers a no-op with a warning',
  },
  {
    id: 'P45',
    title: 'no schemas member',
    body: { Operations: [{ op: 'replace', path: 'displayName', value: 'X' }] },
    expected: 'error',
    basis: 'RFC 7644 §3.5.2: the body MUST carry the PatchOp schema',
  },
  {
    id: 'P46',
    title: 'an unknown op',
    body: patchBody({ op: 'delete', path: 'displayName' }),
    expected: 'error',
  },
  {
    id: 'P47',
    title: 'add without a value',
    body: patchBody({ op: 'add', path: 'displayName' }),
    expected: 'error',
    basis: 'RFC 7644 §3.5.2.1: add MUST carry a value',
  },
]
