/**
 * The shared filter corpus. Each case carries the answer worked out by hand from RFC 7643/7644 (and,
 * where the RFC leaves room, the choice SPEC §2 or the mock documents, named in `basis`), so the
 * corpus is an oracle of its own and not only a diff between implementations.
 *
 * Schema facts the answers rely on (RFC 7643 §4.1, §8.7.1; model/attributes.ts): `userName`,
 * `displayName`, `name.*`, `emails.value` and `emails.type` are caseExact=false; the ClearID
 * extension's `externalId` is caseExact=true, its other strings false; `meta.created` is a dateTime.
 *
 * @module
 */
import { allBut, CLEARID, CORE, type UserId } from './users.ts'

export type FilterExpectation = readonly UserId[] | 'error'

export interface FilterCase {
  readonly id: string
  readonly filter: string
  readonly expected: FilterExpectation
  /** Why `expected` is right, when it is not obvious from the filter. */
  readonly basis?: string
}

const X = CLEARID

export const FILTER_CASES: readonly FilterCase[] = [
  // --- Every operator on a caseExact=false string (userName) ---
  { id: 'F01', filter: 'userName eq "ada@contoso.com"', expected: ['u1'] },
  {
    id: 'F02',
    filter: 'userName eq "ADA@CONTOSO.COM"',
    expected: ['u1'],
    basis: 'RFC 7643 §4.1.1: userName caseExact=false; RFC 7644 §3.4.2.2 compares accordingly',
  },
  { id: 'F03', filter: 'userName eq "aturing@contoso.com"', expected: ['u3'] },
  { id: 'F04', filter: 'userName ne "ada@contoso.com"', expected: allBut('u1') },
  { id: 'F05', filter: 'userName co "CONTOSO"', expected: ['u1', 'u2', 'u3', 'u6', 'u8'] },
  { id: 'F06', filter: 'userName sw "A"', expected: ['u1', 'u3'] },
  { id: 'F07', filter: 'userName ew ".EXAMPLE"', expected: ['u4', 'u5'] },
  {
    id: 'F08',
    filter: 'userName gt "l"',
    expected: ['u5', 'u6', 'u8'],
    basis: 'RFC 7644 §3.4.2.2: gt on a caseExact=false string orders case-insensitively',
  },
  { id: 'F09', filter: 'userName ge "linus@kernel.example"', expected: ['u5', 'u6', 'u8'] },
  {
    id: 'F10',
    filter: 'userName lt "B"',
    expected: ['u1', 'u3'],
    basis:
      'case-insensitive order puts "ATuring@…" before "b"; a case-sensitive one also "bjensen"',
  },
  { id: 'F11', filter: 'userName le "bjensen"', expected: ['u1', 'u3', 'u7'] },
  {
    id: 'F12',
    filter: 'USERNAME eq "bjensen"',
    expected: ['u7'],
    basis: 'RFC 7644 §3.4.2.2: attribute names in filters are case-insensitive',
  },
  {
    id: 'F13',
    filter: 'userName Eq "bjensen"',
    expected: ['u7'],
    basis: 'RFC 7644 §3.4.2.2: operators are case-insensitive',
  },
  {
    id: 'F14',
    filter: 'userName eq "ada\\u0040contoso.com"',
    expected: ['u1'],
    basis: 'RFC 7644 §3.4.2.2: compValue is a JSON string, so \\u escapes decode',
  },

  // --- displayName and name.* (simple and sub-attributes, pr, null) ---
  { id: 'F15', filter: 'displayName co "ER"', expected: ['u2', 'u4'] },
  { id: 'F16', filter: 'displayName sw "grace"', expected: ['u2'] },
  {
    id: 'F17',
    filter: 'displayName pr',
    expected: ['u1', 'u2', 'u3', 'u4', 'u6', 'u7'],
    basis: 'RFC 7644 §3.4.2.2 pr: "" (u5) is not a non-empty value; null (u8) is unassigned',
  },
  {
    id: 'F18',
    filter: 'name.givenName eq null',
    expected: ['u5', 'u8'],
    basis: 'RFC 7643 §2.5: null and unassigned are the same state; u5 has no name, u8 a null one',
  },
  { id: 'F19', filter: 'name.givenName ne null', expected: ['u1', 'u2', 'u3', 'u4', 'u6', 'u7'] },
  { id: 'F20', filter: 'name.familyName pr', expected: ['u1', 'u2', 'u4', 'u6', 'u7', 'u8'] },
  {
    id: 'F21',
    filter: 'name pr',
    expected: allBut('u5'),
    basis: 'RFC 7644 §3.4.2.2 pr: a complex value with a non-empty sub-attribute is present',
  },
  { id: 'F22', filter: 'name.givenName eq "ADA"', expected: ['u1'] },
  { id: 'F23', filter: 'name.GIVENNAME sw "mar"', expected: ['u6'] },
  { id: 'F24', filter: 'not (name.familyName pr)', expected: ['u3', 'u5'] },
  {
    id: 'F25',
    filter: 'name.familyName ne "Lovelace"',
    expected: allBut('u1'),
    basis: 'mock choice (evaluate.ts): ne is the negation of eq, so an absent value matches',
  },

  // --- Booleans ---
  { id: 'F26', filter: 'active eq true', expected: ['u1', 'u2', 'u4', 'u5', 'u7', 'u8'] },
  { id: 'F27', filter: 'active eq false', expected: ['u3', 'u6'] },
  { id: 'F28', filter: 'active ne true', expected: ['u3', 'u6'] },
  {
    id: 'F29',
    filter: 'active eq "True"',
    expected: ['u1', 'u2', 'u4', 'u5', 'u7', 'u8'],
    basis:
      'mock choice for Entra (EvaluateOptions.lenientBooleanStrings, on by default): "True" equals true',
  },
  { id: 'F30', filter: 'active pr', expected: allBut() },
  {
    id: 'F31',
    filter: 'active gt false',
    expected: 'error',
    basis: 'RFC 7644 §3.4.2.2: gt/ge/lt/le on a boolean SHALL fail with 400 invalidFilter',
  },

  // --- Multi-valued complex: emails ---
  {
    id: 'F32',
    filter: 'emails.value eq "ada@contoso.com"',
    expected: ['u1'],
    basis: 'RFC 7643 §4.1.2: emails.value caseExact=false; stored as "Ada@Contoso.com"',
  },
  {
    id: 'F33',
    filter: 'emails eq "bjensen@example.com"',
    expected: ['u7'],
    basis: 'RFC 7644 §3.4.2.2 example `emails co "example.com"`: a multi-valued name means .value',
  },
  { id: 'F34', filter: 'emails co "CONTOSO"', expected: ['u1', 'u2', 'u6'] },
  {
    id: 'F35',
    filter: 'emails.type eq "work"',
    expected: ['u1', 'u2', 'u5', 'u6', 'u7'],
    basis: 'RFC 7643 §4.1.2: emails.type caseExact=false, so u6\'s "Work" matches',
  },
  { id: 'F36', filter: 'emails[type eq "work"]', expected: ['u1', 'u2', 'u5', 'u6', 'u7'] },
  {
    id: 'F37',
    filter: 'emails[type eq "work" and value co "@contoso"]',
    expected: ['u1', 'u2', 'u6'],
  },
  { id: 'F38', filter: 'emails[type eq "home" or primary eq true]', expected: ['u1', 'u3', 'u7'] },
  { id: 'F39', filter: 'emails[not (type eq "work")]', expected: ['u1', 'u3', 'u5'] },
  { id: 'F40', filter: 'emails[primary eq true]', expected: ['u1', 'u7'] },
  { id: 'F41', filter: 'emails.primary eq false', expected: ['u5'] },
  {
    id: 'F42',
    filter: 'emails pr',
    expected: ['u1', 'u2', 'u3', 'u5', 'u6', 'u7'],
    basis: 'RFC 7643 §2.5: an empty array (u4) is unassigned',
  },
  {
    id: 'F43',
    filter: 'emails.type ne "work"',
    expected: ['u1', 'u3', 'u5'],
    basis:
      'RFC 7644 §3.4.2.2: a filter on a multi-valued attribute "matches if any of the values … match the specified criterion"; u1 has a home, u5 an other',
  },
  {
    id: 'F44',
    filter: 'emails[type eq "work"].value co "contoso"',
    expected: ['u1', 'u2', 'u6'],
    basis:
      'not RFC grammar (a subAttr after "]" is only allowed in PATCH paths); the mock accepts it on purpose because Entra sends it (parser.ts)',
  },
  { id: 'F45', filter: 'emails[type eq "work"] and active eq false', expected: ['u6'] },
  { id: 'F46', filter: 'emails[value ew ".example"]', expected: ['u1', 'u3', 'u5'] },

  // --- and / or / not, precedence, grouping ---
  {
    id: 'F47',
    filter: 'userName eq "bjensen" or userName eq "ada@contoso.com"',
    expected: ['u1', 'u7'],
  },
  {
    id: 'F48',
    filter: 'active eq true and name.familyName pr',
    expected: ['u1', 'u2', 'u4', 'u7', 'u8'],
  },
  {
    id: 'F49',
    filter: 'displayName sw "K" or active eq false and emails.type eq "home"',
    expected: ['u3', 'u4'],
    basis: 'RFC 7644 §3.4.2.2: "and" binds tighter than "or"',
  },
  {
    id: 'F50',
    filter: '(displayName sw "K" or active eq false) and emails.type eq "home"',
    expected: ['u3'],
  },
  { id: 'F51', filter: 'not (userName sw "a")', expected: allBut('u1', 'u3') },
  {
    id: 'F52',
    filter: 'not(userName sw "a")',
    expected: allBut('u1', 'u3'),
    basis: 'RFC 7644 Figure 1 ABNF: "not" "(" valFilter ")" has no mandatory space',
  },
  { id: 'F53', filter: 'not (active eq true) and not (emails.type eq "work")', expected: ['u3'] },
  {
    id: 'F54',
    filter: 'userName eq "a" or (active eq true and name.givenName pr)',
    expected: ['u1', 'u2', 'u4', 'u7'],
  },
  { id: 'F55', filter: '((userName sw "g"))', expected: ['u2'] },
  {
    id: 'F56',
    filter: 'userName eq "bjensen" and (displayName co "x" or not (active eq true))',
    expected: [],
  },

  // --- URN-qualified paths, core and the ClearID extension ---
  { id: 'F57', filter: `${CORE}:userName eq "bjensen"`, expected: ['u7'] },
  { id: 'F58', filter: `${CORE}:name.givenName sw "A"`, expected: ['u1', 'u3'] },
  { id: 'F59', filter: `${X}:countryCode eq "USA"`, expected: ['u2', 'u4', 'u6'] },
  {
    id: 'F60',
    filter: `${X}:countryCode eq "gbr"`,
    expected: ['u1', 'u3'],
    basis: 'the ClearID catalogue declares countryCode caseExact=false',
  },
  { id: 'F61', filter: `${X}:externalId eq "EXT-001"`, expected: ['u1'] },
  {
    id: 'F62',
    filter: `${X}:externalId eq "ext-001"`,
    expected: [],
    basis: 'the ClearID catalogue declares externalId caseExact=true (SPEC §2.2: unique, exact)',
  },
  {
    id: 'F63',
    filter: `${X}:externalId sw "EXT"`,
    expected: ['u1', 'u3', 'u4', 'u5', 'u8'],
  },
  {
    id: 'F64',
    filter: `${X}:externalId gt "EXT-003"`,
    expected: ['u2', 'u4', 'u5', 'u6', 'u8'],
    basis: 'caseExact=true orders by code point: "ext-002" and "Ext-006" sort after "EXT-003"',
  },
  { id: 'F65', filter: `${X}:isAdmin eq true`, expected: ['u1', 'u5'] },
  { id: 'F66', filter: `${X}:isAdmin eq false`, expected: ['u2', 'u3', 'u6'] },
  {
    id: 'F67',
    filter: `${X}:firstName pr`,
    expected: ['u1', 'u2', 'u3', 'u4', 'u6', 'u8'],
  },
  {
    id: 'F68',
    filter: `${X.toUpperCase()}:firstName eq "ada"`,
    expected: ['u1'],
    basis: 'RFC 7643 §2.1: schema URNs and attribute names are case-insensitive',
  },
  { id: 'F69', filter: `${X}:countryCode eq "USA" and active eq true`, expected: ['u2', 'u4'] },
  {
    id: 'F70',
    filter: `not (${X}:isAdmin eq true)`,
    expected: ['u2', 'u3', 'u4', 'u6', 'u7', 'u8'],
  },
  {
    id: 'F71',
    filter: `emails[type eq "work"] and ${X}:countryCode eq "USA"`,
    expected: ['u2', 'u6'],
  },

  // --- Un-prefixed extension names (RFC 7644 §3.10 lets a server resolve them) ---
  {
    id: 'F72',
    filter: 'externalId eq "EXT-001"',
    expected: ['u1'],
    basis:
      'mock choice (resolve.ts, SPEC §2.2): an un-prefixed name missing from the core object is read from the ClearID extension, where ClearID keeps externalId',
  },
  { id: 'F73', filter: 'countryCode eq "fin"', expected: ['u5'] },

  // --- dateTime (RFC 7643 §2.3.5): chronological, not textual ---
  {
    id: 'F74',
    filter: 'meta.created gt "2024-03-01T09:00:00Z"',
    expected: ['u5', 'u6', 'u7', 'u8'],
  },
  {
    id: 'F75',
    filter: 'meta.created ge "2024-03-01T09:00:00Z"',
    expected: ['u3', 'u5', 'u6', 'u7', 'u8'],
  },
  { id: 'F76', filter: 'meta.created lt "2024-01-01T00:00:00Z"', expected: ['u4'] },
  {
    id: 'F77',
    filter: 'meta.created eq "2024-03-01T10:00:00+01:00"',
    expected: ['u3'],
    basis: 'the same instant as u3\'s "2024-03-01T09:00:00Z" (RFC 7643 §2.3.5 xsd:dateTime)',
  },
  {
    id: 'F78',
    filter: 'meta.created le "2024-02-20T12:30:00.000Z"',
    expected: ['u1', 'u2', 'u4'],
  },
  {
    id: 'F79',
    filter: 'meta.created lt "2024-06-30T17:00:00Z"',
    expected: allBut(),
    basis: 'u6 was created 2024-06-30T18:00:00+02:00, i.e. 16:00Z, before 17:00Z',
  },
  { id: 'F80', filter: 'meta.created sw "2024-03"', expected: ['u3', 'u5'] },
  {
    id: 'F81',
    filter: 'meta.created gt "yesterday"',
    expected: 'error',
    basis: 'not a dateTime: 400 invalidFilter is the only useful answer (RFC 7644 §3.4.2.2)',
  },

  // --- Invalid filters: 400 invalidFilter (RFC 7644 §3.4.2.2, §3.12) ---
  { id: 'F82', filter: 'userName zz "x"', expected: 'error' },
  { id: 'F83', filter: 'userName eq', expected: 'error' },
  { id: 'F84', filter: 'emails[type eq "work"', expected: 'error' },
  { id: 'F85', filter: 'userName eq "a" and', expected: 'error' },
  {
    id: 'F86',
    filter: 'emails[type eq "work" and value[type eq "x"]]',
    expected: 'error',
    basis: 'RFC 7644 errata 4690: a value filter may not nest another value path',
  },
  { id: 'F87', filter: "userName eq 'ada@contoso.com'", expected: 'error' },
  { id: 'F88', filter: 'active gt true', expected: 'error' },

  // --- Late additions: element binding, keyword case, caseExact common attributes ---
  {
    id: 'F89',
    filter: 'emails[type eq "home" and value co "Contoso"]',
    expected: [],
    basis:
      "RFC 7644 §3.4.2.2: both conditions must hold for the same element; u1's Contoso address is its work one",
  },
  {
    id: 'F90',
    filter: 'userName eq "bjensen" OR active eq false',
    expected: ['u3', 'u6', 'u7'],
    basis: 'RFC 7644 §3.4.2.2: operators, logical ones included, are case-insensitive',
  },
  { id: 'F91', filter: 'id eq "u1"', expected: ['u1'] },
  {
    id: 'F92',
    filter: 'id eq "U1"',
    expected: [],
    basis: 'RFC 7643 §3.1: id is caseExact=true',
  },
  {
    id: 'F93',
    filter: 'meta.resourceType eq "user"',
    expected: [],
    basis: 'RFC 7643 §3.1: meta.resourceType is caseExact=true',
  },
  {
    id: 'F94',
    filter: 'emails[type ne "work"]',
    expected: ['u1', 'u3', 'u5'],
    basis: 'per element: some email whose type is not "work"; must agree with F43',
  },
]
