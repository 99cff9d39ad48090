/**
 * Every known disagreement between the mock and another oracle, with the reason. The oracle tests
 * fail on a disagreement missing from these tables and on an entry that no longer happens (or now
 * answers something else), so the tables always describe the packages as they behave today.
 *
 * `got` is what the other side answers (see `FilterOutcome` and `PatchOutcome`). For the engine
 * `expected` the other side is the answer worked out by hand from the RFC in the corpus, so an
 * entry there is a place where the mock itself deviates.
 *
 * @module
 */
import type { FilterEngineName } from './filter-engines.ts'
import type { PatchEngineName } from './patch-engines.ts'

export interface ExpectedDisagreement<Engine extends string> {
  readonly caseId: string
  readonly engine: Engine
  readonly got: string
  readonly reason: string
}

interface Group<Engine extends string> {
  readonly engine: Engine
  readonly reasons: readonly string[]
  readonly cases: Readonly<Record<string, string>>
}

function flatten<Engine extends string>(
  groups: readonly Group<Engine>[],
): ExpectedDisagreement<Engine>[] {
  return groups.flatMap(({ engine, reasons, cases }) =>
    Object.entries(cases).map(([caseId, got]) => ({
      caseId,
      engine,
      got,
      reason: reasons.join('; '),
    })),
  )
}

// --- Filters --------------------------------------------------------------------------------------

export type FilterOracle = FilterEngineName | 'expected'

const CASE_SENSITIVE =
  'compares strings case-sensitively; RFC 7643 §2.1 and §7 make userName, displayName, name.*, emails.value/type and the ClearID strings other than externalId caseExact=false, so every operator must ignore case'
const NO_ESCAPES =
  'does not decode the JSON escape \\u0040 in the comparison value (RFC 7644 §3.4.2.2: compValue is a JSON string)'
const PR_TOO_WIDE =
  'pr is true for any value that exists: "" (u5), null (u8) and [] (u4) count as present; RFC 7644 §3.4.2.2 pr needs a non-empty value and RFC 7643 §2.5 makes null and [] unassigned'
const EQ_NULL_LITERAL =
  'eq null matches only a literal null, not u5 which has no name at all (RFC 7643 §2.5: unassigned and null are the same state)'
const NE_ABSENT =
  'ne does not match users without the attribute; the mock documents ne as the negation of eq (evaluate.ts), where RFC 7644 is silent'
const STRING_BOOLEAN =
  'compares the string "True" with a boolean strictly; the mock accepts Entra\'s string booleans on purpose (EvaluateOptions.lenientBooleanStrings)'
const ORDERS_BOOLEANS =
  'orders booleans instead of refusing the filter; RFC 7644 §3.4.2.2: gt/ge/lt/le on a boolean SHALL fail with 400 invalidFilter'
const NO_IMPLICIT_VALUE =
  'does not read a multi-valued attribute named without a sub-attribute as its .value (RFC 7644 §3.4.2.2 example `emails co "example.com"`)'
const WHOLE_ARRAY_VALUE_FILTER =
  'evaluates each part of a value filter against the whole array instead of one element: `not` negates over all elements and and-ed conditions can be met by different elements (RFC 7644 §3.4.2.2 valuePath)'
const NE_PER_ELEMENT =
  'reads ne on a multi-valued attribute per element ("some type is not work"), as RFC 7644 §3.4.2.2 and the hand-worked answer do; the mock reads it as not(eq), see the `expected` entry of F43'
const ENTRA_VALUE_PATH_SPLIT =
  'reads Entra\'s non-RFC `emails[type eq "work"].value co "x"` as two independent conditions on emails (the mock accepts the form on purpose and binds both to one element)'
const CORE_URN_AS_KEY =
  'looks the core schema URN up as a property of the resource instead of reading the core attribute (RFC 7644 §3.10: urn:…:core:2.0:User:userName is userName)'
const NO_EXTENSION_FALLBACK =
  'does not resolve an un-prefixed name from the ClearID extension; the mock does on purpose (resolve.ts, SPEC §2.2: ClearID keeps externalId there), which RFC 7644 §3.10 allows'
const DATES_AS_TEXT =
  'compares dateTimes as text, so fractions of a second and zone offsets order wrongly (RFC 7643 §2.3.5: xsd:dateTime, compared chronologically)'
const NON_DATE_LITERAL =
  'accepts a comparison value that is not a dateTime for a dateTime attribute instead of 400 invalidFilter'
const NESTED_VALUE_PATH =
  'accepts a value path nested inside a value filter; RFC 7644 errata 4690 forbids it (400 invalidFilter)'

const SCIMMY_NO_NAME =
  'crashes ("Cannot convert undefined or null to object") on u5, which has no `name`, whenever the filter names name.<sub-attribute>'
const SCIMMY_NO_EMAILS =
  'crashes ("Cannot convert undefined or null to object") on u8, which has no `emails`, whenever the filter names emails.<sub-attribute> or emails[…]'
const SCIMMY_BARE_MULTI_VALUED =
  'throws ("Cannot read properties of undefined (reading \'toLowerCase\')") on every user that has emails when a multi-valued complex attribute is used without a sub-attribute (`emails eq`, `emails co`, `emails pr`)'
const SCIMMY_NESTED_GROUPS =
  'cannot parse a group that closes right after another group (`((…))`, `(… not (…))`): "Unexpected token \')\' in filter"'
const SCIMMY_NO_URNS =
  'does not resolve URN-qualified attribute paths on JSON resources, so they match nothing (and `not (…)` of one matches everyone)'
const SCIMMY_CORE_URN_SUB =
  'keeps a URN-qualified complex path as a literal property name ("urn:…:User:name") and crashes on every user, which lacks it'
const SCIMMY_DATE_EQ_TEXT =
  'orders dateTimes chronologically but tests eq on the text, so the same instant written with another offset does not match (RFC 7643 §2.3.5)'
const SCIMMY_INCOMPLETE =
  'accepts an incomplete filter (`userName eq`, a trailing `and`) instead of 400 invalidFilter (RFC 7644 §3.4.2.2 ABNF)'

const QP_SUBSTRING_CASE =
  'eq ignores case but co, sw, ew, gt, ge, lt and le compare case-sensitively; RFC 7643 §2.1 caseExact=false applies to every operator'
const QP_EMPTY_ARRAY =
  'crashes ("Reduce of empty array with no initial value") on u4, whose emails is an empty array, a valid unassigned state (RFC 7643 §2.5)'
const QP_NO_NOT =
  'cannot parse `not` ("Failed to parse!"), although RFC 7644 Figure 1 has "not" "(" valFilter ")"'
const QP_NO_URNS = 'cannot parse URN-qualified attribute paths ("Failed to parse!"; RFC 7644 §3.10)'
const QP_ENTRA_VALUE_PATH =
  'refuses Entra\'s non-RFC `emails[type eq "work"].value co "x"` form, which the mock accepts on purpose (parser.ts)'
const QP_IGNORES_CASE_EXACT =
  'eq ignores case even on caseExact=true attributes: id and meta.resourceType (RFC 7643 §3.1)'

const FILTER_GROUPS: readonly Group<FilterOracle>[] = [
  // scim2-parse-filter 0.2.10
  {
    engine: 'scim2-parse-filter',
    reasons: [CASE_SENSITIVE],
    cases: {
      F02: '[]',
      F03: '[]',
      F05: '[]',
      F06: '[u3]',
      F07: '[]',
      F10: '[u3]',
      F15: '[]',
      F16: '[]',
      F22: '[]',
      F23: '[]',
      F32: '[]',
      F35: '[u1 u2 u5 u7]',
      F36: '[u1 u2 u5 u7]',
      F37: '[u2]',
      F45: '[]',
      F51: '[u2 u3 u4 u5 u6 u7 u8]',
      F52: '[u2 u3 u4 u5 u6 u7 u8]',
      F53: '[u3 u6]',
      F60: '[u3]',
      F68: '[]',
      F71: '[u2]',
      F94: '[u1 u3 u5 u6]',
    },
  },
  { engine: 'scim2-parse-filter', reasons: [NO_ESCAPES], cases: { F14: '[]' } },
  {
    engine: 'scim2-parse-filter',
    reasons: [PR_TOO_WIDE],
    cases: {
      F17: '[u1 u2 u3 u4 u5 u6 u7 u8]',
      F42: '[u1 u2 u3 u4 u5 u6 u7]',
      F54: '[u1 u2 u4 u7 u8]',
    },
  },
  { engine: 'scim2-parse-filter', reasons: [EQ_NULL_LITERAL], cases: { F18: '[u8]' } },
  { engine: 'scim2-parse-filter', reasons: [NE_ABSENT], cases: { F25: '[u2 u4 u6 u7 u8]' } },
  { engine: 'scim2-parse-filter', reasons: [STRING_BOOLEAN], cases: { F29: '[]' } },
  {
    engine: 'scim2-parse-filter',
    reasons: [ORDERS_BOOLEANS],
    cases: { F31: '[u1 u2 u4 u5 u7 u8]', F88: '[]' },
  },
  {
    engine: 'scim2-parse-filter',
    reasons: [NO_IMPLICIT_VALUE],
    cases: { F33: '[]', F34: '[]' },
  },
  {
    engine: 'scim2-parse-filter',
    reasons: [WHOLE_ARRAY_VALUE_FILTER],
    cases: { F39: '[u3 u4 u6]', F89: '[u1]' },
  },
  {
    engine: 'scim2-parse-filter',
    reasons: [NE_PER_ELEMENT, CASE_SENSITIVE],
    cases: { F43: '[u1 u3 u5 u6]' },
  },
  {
    engine: 'scim2-parse-filter',
    reasons: [ENTRA_VALUE_PATH_SPLIT, CASE_SENSITIVE],
    cases: { F44: '[u2]' },
  },
  { engine: 'scim2-parse-filter', reasons: [CORE_URN_AS_KEY], cases: { F57: '[]', F58: '[]' } },
  {
    engine: 'scim2-parse-filter',
    reasons: [NO_EXTENSION_FALLBACK],
    cases: { F72: '[]', F73: '[]' },
  },
  {
    engine: 'scim2-parse-filter',
    reasons: [DATES_AS_TEXT],
    cases: {
      F74: '[u6 u7 u8]',
      F75: '[u3 u6 u7 u8]',
      F77: '[]',
      F78: '[u1 u4]',
      F79: '[u1 u2 u3 u4 u5 u7 u8]',
    },
  },
  { engine: 'scim2-parse-filter', reasons: [NON_DATE_LITERAL], cases: { F81: '[]' } },
  { engine: 'scim2-parse-filter', reasons: [NESTED_VALUE_PATH], cases: { F86: '[]' } },

  // scim-query-filter-parser 2.0.4
  {
    engine: 'scim-query-filter-parser',
    reasons: [QP_SUBSTRING_CASE],
    cases: {
      F05: '[]',
      F06: '[u3]',
      F07: '[]',
      F10: '[u3]',
      F15: '[]',
      F16: '[]',
      F23: '[]',
      F34: '[u6]',
      F37: '[u2]',
    },
  },
  {
    engine: 'scim-query-filter-parser',
    reasons: [PR_TOO_WIDE],
    cases: { F17: '[u1 u2 u3 u4 u5 u6 u7 u8]', F54: '[u1 u2 u4 u7 u8]' },
  },
  { engine: 'scim-query-filter-parser', reasons: [EQ_NULL_LITERAL], cases: { F18: '[u8]' } },
  { engine: 'scim-query-filter-parser', reasons: [NE_ABSENT], cases: { F25: '[u2 u4 u6 u7 u8]' } },
  { engine: 'scim-query-filter-parser', reasons: [STRING_BOOLEAN], cases: { F29: '[]' } },
  {
    engine: 'scim-query-filter-parser',
    reasons: [ORDERS_BOOLEANS],
    cases: { F31: '[u1 u2 u4 u5 u7 u8]', F88: '[]' },
  },
  {
    engine: 'scim-query-filter-parser',
    reasons: [QP_EMPTY_ARRAY],
    cases: {
      F32: '[u1] threw on [u4]',
      F35: '[u1 u2 u5 u6 u7] threw on [u4]',
      F41: '[u5] threw on [u4]',
      F50: '[u3] threw on [u4]',
    },
  },
  {
    engine: 'scim-query-filter-parser',
    reasons: [QP_EMPTY_ARRAY, NE_PER_ELEMENT],
    cases: { F43: '[u1 u3 u5] threw on [u4]' },
  },
  {
    engine: 'scim-query-filter-parser',
    reasons: [QP_NO_NOT],
    cases: {
      F24: 'error',
      F39: 'error',
      F51: 'error',
      F52: 'error',
      F53: 'error',
      F56: 'error',
    },
  },
  { engine: 'scim-query-filter-parser', reasons: [QP_ENTRA_VALUE_PATH], cases: { F44: 'error' } },
  {
    engine: 'scim-query-filter-parser',
    reasons: [QP_NO_URNS],
    cases: {
      F57: 'error',
      F58: 'error',
      F59: 'error',
      F60: 'error',
      F61: 'error',
      F62: 'error',
      F63: 'error',
      F64: 'error',
      F65: 'error',
      F66: 'error',
      F67: 'error',
      F68: 'error',
      F69: 'error',
      F70: 'error',
      F71: 'error',
    },
  },
  {
    engine: 'scim-query-filter-parser',
    reasons: [NO_EXTENSION_FALLBACK],
    cases: { F72: '[]', F73: '[]' },
  },
  {
    engine: 'scim-query-filter-parser',
    reasons: [DATES_AS_TEXT],
    cases: {
      F74: '[u6 u7 u8]',
      F75: '[u3 u6 u7 u8]',
      F77: '[]',
      F78: '[u1 u4]',
      F79: '[u1 u2 u3 u4 u5 u7 u8]',
    },
  },
  { engine: 'scim-query-filter-parser', reasons: [NON_DATE_LITERAL], cases: { F81: '[]' } },
  { engine: 'scim-query-filter-parser', reasons: [NESTED_VALUE_PATH], cases: { F86: '[]' } },
  {
    engine: 'scim-query-filter-parser',
    reasons: [QP_IGNORES_CASE_EXACT],
    cases: { F92: '[u1]', F93: '[u1 u2 u3 u4 u5 u6 u7 u8]' },
  },

  // SCIMMY 1.3.5 (Types.Filter#match)
  {
    engine: 'scimmy',
    reasons: [CASE_SENSITIVE],
    cases: {
      F02: '[]',
      F03: '[]',
      F05: '[]',
      F06: '[u3]',
      F07: '[]',
      F10: '[u3]',
      F15: '[]',
      F16: '[]',
      F51: '[u2 u3 u4 u5 u6 u7 u8]',
      F52: '[u2 u3 u4 u5 u6 u7 u8]',
      F53: '[u3 u6]',
    },
  },
  { engine: 'scimmy', reasons: [NO_ESCAPES], cases: { F14: '[]' } },
  { engine: 'scimmy', reasons: [PR_TOO_WIDE], cases: { F17: '[u1 u2 u3 u4 u5 u6 u7 u8]' } },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_NAME],
    cases: {
      F19: '[u1 u2 u3 u4 u6 u7 u8] threw on [u5]',
      F20: '[u1 u2 u4 u6 u7 u8] threw on [u5]',
      F24: '[u3] threw on [u5]',
      F25: '[u2 u3 u4 u6 u7 u8] threw on [u5]',
      F48: '[u1 u2 u4 u7 u8] threw on [u5]',
    },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_NAME, EQ_NULL_LITERAL],
    cases: { F18: '[] threw on [u5]' },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_NAME, CASE_SENSITIVE],
    cases: { F22: '[] threw on [u5]', F23: '[] threw on [u5]' },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_NAME, PR_TOO_WIDE],
    cases: { F54: '[u1 u2 u4 u7 u8] threw on [u5]' },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_EMAILS],
    cases: {
      F38: '[u1 u3 u7] threw on [u8]',
      F40: '[u1 u7] threw on [u8]',
      F41: '[u5] threw on [u8]',
      F46: '[u1 u3 u5] threw on [u8]',
      F50: '[u3] threw on [u8]',
      F89: '[] threw on [u8]',
    },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_EMAILS, CASE_SENSITIVE],
    cases: {
      F32: '[] threw on [u8]',
      F35: '[u1 u2 u5 u7] threw on [u8]',
      F36: '[u1 u2 u5 u7] threw on [u8]',
      F37: '[u2] threw on [u8]',
      F39: '[u1 u3 u5 u6] threw on [u8]',
      F44: '[u2] threw on [u8]',
      F45: '[] threw on [u8]',
      F94: '[u1 u3 u5 u6] threw on [u8]',
    },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_EMAILS, NE_PER_ELEMENT, CASE_SENSITIVE],
    cases: { F43: '[u1 u3 u5 u6] threw on [u8]' },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_EMAILS, SCIMMY_NO_URNS],
    cases: { F71: '[] threw on [u8]' },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_BARE_MULTI_VALUED],
    cases: {
      F33: '[] threw on [u1 u2 u3 u4 u5 u6 u7]',
      F34: '[] threw on [u1 u2 u3 u4 u5 u6 u7]',
      F42: '[] threw on [u1 u2 u3 u4 u5 u6 u7]',
    },
  },
  {
    engine: 'scimmy',
    reasons: [ORDERS_BOOLEANS],
    cases: { F31: '[u1 u2 u4 u5 u7 u8]', F88: '[]' },
  },
  { engine: 'scimmy', reasons: [SCIMMY_NESTED_GROUPS], cases: { F55: 'error', F56: 'error' } },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_NO_URNS],
    cases: {
      F57: '[]',
      F59: '[]',
      F60: '[]',
      F61: '[]',
      F63: '[]',
      F64: '[]',
      F65: '[]',
      F66: '[]',
      F67: '[]',
      F68: '[]',
      F69: '[]',
      F70: '[u1 u2 u3 u4 u5 u6 u7 u8]',
    },
  },
  { engine: 'scimmy', reasons: [SCIMMY_CORE_URN_SUB], cases: { F58: 'error' } },
  { engine: 'scimmy', reasons: [NO_EXTENSION_FALLBACK], cases: { F72: '[]', F73: '[]' } },
  { engine: 'scimmy', reasons: [SCIMMY_DATE_EQ_TEXT], cases: { F77: '[]' } },
  { engine: 'scimmy', reasons: [NON_DATE_LITERAL], cases: { F81: '[]' } },
  { engine: 'scimmy', reasons: [SCIMMY_INCOMPLETE], cases: { F83: '[]', F85: '[]' } },
]

export const FILTER_DISAGREEMENTS: readonly ExpectedDisagreement<FilterOracle>[] =
  flatten(FILTER_GROUPS)

// --- PATCH ----------------------------------------------------------------------------------------

export type PatchOracle = PatchEngineName | 'expected'

const CLEARID_IGNORES =
  'stores an attribute ClearID does not keep; the mock ignores it with an audit warning (SPEC §2.2: only userName, displayName, active and the ClearID extension are stored)'
const ENGINE_BLANKS_REQUIRED =
  'removes displayName; the mock\'s engine blanks it to "" so that the route answers 400 for a required attribute (SPEC §2.2), the same outcome over HTTP'
const ACTIVE_DEFAULT =
  "removes active; the mock resets it to true, ClearID's default status, as for a POST without active (apply-operation.ts)"
const SCHEMA_LESS =
  'knows no schema, so it accepts any path or key and stores it: an unknown attribute is written instead of 400 invalidPath (RFC 7644 §3.5.2), and a failing request is not refused as a whole'
const SPLITS_URN_AT_DOT =
  'splits a schema URN at the dot of "2.0" when the URN is the whole path or key (or differs in case from `schemas`), writing `urn:…:clearid:2.0` → {User: …} instead of the extension object (RFC 7644 §3.10)'
const NULL_STORED =
  'stores null instead of unassigning the attribute (RFC 7643 §2.5: null means unassigned)'
const NO_COERCION =
  'stores the string as sent; the mock reads "True"/"False" in any case for active (SPEC §2.2, Entra\'s default dialect)'
const NO_TYPE_CHECK =
  'stores a value of the wrong type; RFC 7644 §3.12 invalidValue (the mock refuses extension booleans as strings, SPEC §2.2, naming aadOptscim062020)'
const CASE_SENSITIVE_PATH =
  'writes the attribute under the spelling sent ("DISPLAYNAME", "firstname") instead of the schema\'s; RFC 7643 §2.1: attribute names are case-insensitive'
const CASE_SENSITIVE_MEMBERS =
  'reads PatchOp members (`op`, `path`, `value`) case-sensitively; the mock matches them in any case (RFC 7643 §2.1; entra.md Q15)'
const EMPTY_OPERATIONS =
  'refuses an empty Operations array; the mock answers a no-op with a warning because the Microsoft SCIM Validator and Entra send it (SPEC §2.3; RFC 7644 asks for at least one operation)'
const NO_TARGET_MISSING =
  'refuses a filtered path when the multi-valued attribute is absent (400 noTarget); the mock ignores emails, which ClearID does not store'
const UNPREFIXED_TOP_LEVEL =
  'writes an un-prefixed name as a new top-level member; the mock resolves a name no core attribute has to the ClearID extension (resolve-path.ts)'
const CORE_EXTERNAL_ID =
  "stores core externalId; SPEC §2.2: ClearID's sync key is the extension externalId, so the mock ignores the core one and reports it"
const SCIMMY_STRICT_BOOLEAN =
  'refuses "False"/"FALSE" for active (400 invalidValue); the mock accepts Entra\'s string booleans for active (SPEC §2.2)'
const SCIMMY_STRICT_UNKNOWN =
  'refuses an attribute its schema does not declare (400 invalidPath); the mock ignores attributes ClearID does not store with a warning (SPEC §2.2)'
const SCIMMY_URN_REMOVE_CRASH =
  'crashes ("Cannot convert undefined or null to object", answered as 400) when the path is the extension\'s schema URN'
const SCIMMY_WRITES_PATH_SPELLING =
  'resolves the attribute, then writes the property with the path as sent (`urn:…:core:2.0:User:displayName`, `DISPLAYNAME`), which its sealed schema instance refuses: 400 invalidPath (RFC 7644 §3.10, RFC 7643 §2.1)'
const SCIMMY_UNPREFIXED =
  'refuses an un-prefixed extension attribute name (400 invalidPath); the mock resolves it leniently (resolve-path.ts; RFC 7644 §3.10 only asks clients to qualify)'

const PATCH_GROUPS: readonly Group<PatchOracle>[] = [
  // scim-patch 0.8.3 (patchBodyValidation + scimPatch, mutateDocument: false)
  {
    engine: 'scim-patch',
    reasons: [SCHEMA_LESS],
    cases: {
      P08: 'displayName="Ada King", x:noSuchAttribute="x"',
      P31: 'displayName="Ada King", x:noSuchAttribute="x"',
      P37: 'x:noSuchAttribute="x"',
    },
  },
  { engine: 'scim-patch', reasons: [ENGINE_BLANKS_REQUIRED], cases: { P09: '-displayName' } },
  { engine: 'scim-patch', reasons: [ACTIVE_DEFAULT], cases: { P10: '-active' } },
  {
    engine: 'scim-patch',
    reasons: [SPLITS_URN_AT_DOT],
    cases: {
      P12: 'urn:ietf:params:scim:schemas:extension:clearid:2.0={"User":{"firstName":"Augusta","lastName":"King"}}',
      P13: 'unchanged',
      P23: 'urn:ietf:params:scim:schemas:extension:clearid:2.0:user={"firstname":"Augusta"}',
      P27: 'urn:ietf:params:scim:schemas:extension:clearid:2.0={"User":{"countryCode":"GBR","isAdmin":true}}',
    },
  },
  { engine: 'scim-patch', reasons: [NULL_STORED], cases: { P14: 'x:firstName=null' } },
  {
    engine: 'scim-patch',
    reasons: [NO_COERCION],
    cases: { P18: 'active="False"', P42: 'active="FALSE"' },
  },
  {
    engine: 'scim-patch',
    reasons: [NO_TYPE_CHECK],
    cases: {
      P19: 'x:isAdmin="True"',
      P20: 'x:hasExtendedTime="false"',
      P40: 'x:countryCode=42',
      P41: 'active="yes"',
    },
  },
  {
    engine: 'scim-patch',
    reasons: [CASE_SENSITIVE_PATH],
    cases: { P22: 'DISPLAYNAME="Ada King"' },
  },
  { engine: 'scim-patch', reasons: [CASE_SENSITIVE_MEMBERS], cases: { P24: 'error' } },
  {
    engine: 'scim-patch',
    reasons: [CLEARID_IGNORES],
    cases: {
      P30: 'name={"givenName":"Augusta"}',
      P33: 'title="Countess"',
      P35: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User={"department":"Engineering"}',
      P36: 'x:birthday="1815-12-10"',
      P43: 'name={"givenName":"Augusta"}',
    },
  },
  { engine: 'scim-patch', reasons: [NO_TARGET_MISSING], cases: { P34: 'error' } },
  { engine: 'scim-patch', reasons: [CORE_EXTERNAL_ID], cases: { P38: 'externalId="NEW-ID"' } },
  { engine: 'scim-patch', reasons: [UNPREFIXED_TOP_LEVEL], cases: { P39: 'firstName="Augusta"' } },
  { engine: 'scim-patch', reasons: [EMPTY_OPERATIONS], cases: { P44: 'error' } },

  // SCIMMY 1.3.5 (Messages.PatchOp#apply on Schemas.User with the ClearID extension declared)
  { engine: 'scimmy', reasons: [ENGINE_BLANKS_REQUIRED], cases: { P09: '-displayName' } },
  { engine: 'scimmy', reasons: [ACTIVE_DEFAULT], cases: { P10: '-active' } },
  { engine: 'scimmy', reasons: [SCIMMY_URN_REMOVE_CRASH], cases: { P13: 'error' } },
  { engine: 'scimmy', reasons: [SCIMMY_STRICT_BOOLEAN], cases: { P18: 'error', P42: 'error' } },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_WRITES_PATH_SPELLING],
    cases: { P21: 'error', P22: 'error' },
  },
  { engine: 'scimmy', reasons: [CASE_SENSITIVE_MEMBERS], cases: { P24: 'error' } },
  {
    engine: 'scimmy',
    reasons: [CLEARID_IGNORES],
    cases: {
      P30: 'name={"givenName":"Augusta"}',
      P33: 'title="Countess"',
      P43: 'name={"givenName":"Augusta"}',
    },
  },
  {
    engine: 'scimmy',
    reasons: [SCIMMY_STRICT_UNKNOWN],
    cases: { P31: 'error', P35: 'error', P36: 'error' },
  },
  { engine: 'scimmy', reasons: [NO_TARGET_MISSING], cases: { P34: 'error' } },
  { engine: 'scimmy', reasons: [CORE_EXTERNAL_ID], cases: { P38: 'externalId="NEW-ID"' } },
  { engine: 'scimmy', reasons: [SCIMMY_UNPREFIXED], cases: { P39: 'error' } },
  { engine: 'scimmy', reasons: [EMPTY_OPERATIONS], cases: { P44: 'error' } },
]

export const PATCH_DISAGREEMENTS: readonly ExpectedDisagreement<PatchOracle>[] =
  flatten(PATCH_GROUPS)
