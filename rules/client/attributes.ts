/**
 * Client rules about attribute values, judged on POST/PUT bodies and PATCH operations alike: types
 * (booleans above all, Entra's SCIM 2.0 flag), formats (countryCode, e-mail), the sync key, and
 * mappings of attributes ClearID does not store.
 *
 * @module
 */
import {
  ENTRA_SCIM2_FLAG,
  findCoreAttribute,
  findExtensionAttribute,
  type AttributeDefinition,
} from '../../model/attributes.ts'
import { isIsoAlpha3, isThreeLetterCode, isValidEmail } from '../../model/validate.ts'
import { defineClientRule, type ClientFinding, type TrafficRecord } from './client-rule.ts'
import { assignmentsOf, sameName, type Assignment } from './inspect/assignments.ts'
import { describeRequest, isCreate, isReplace } from './inspect/requests.ts'
import { entraCompat, rfc7643, seed, spec } from './sources.ts'

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function definitionOf(a: Assignment): AttributeDefinition | undefined {
  if (a.filtered) return undefined
  if (a.schema === 'extension') return findExtensionAttribute(a.name)
  return a.schema === 'core' ? findCoreAttribute(a.name) : undefined
}

/** Findings for each assignment (with a value) of a catalogue attribute that `test` flags. */
function perAttribute(
  exchange: TrafficRecord,
  test: (a: Assignment, d: AttributeDefinition) => ClientFinding | undefined,
): ClientFinding[] {
  const out: ClientFinding[] = []
  for (const a of assignmentsOf(exchange)) {
    const definition = definitionOf(a)
    if (!definition || a.value === null || a.value === undefined) continue
    const finding = test(a, definition)
    if (finding) out.push(finding)
  }
  return out
}

const anyAssignment = (session: readonly TrafficRecord[]) =>
  session.some((r) => assignmentsOf(r).length > 0) ? undefined : 'No request set attribute values.'

export const extensionBooleans = defineClientRule({
  id: 'CLI-ATTR-001',
  level: 'MUST',
  title: "Extension booleans are JSON booleans (Entra's SCIM 2.0 flag is on)",
  profile: 'clearid',
  area: 'attributes',
  tags: ['attributes', 'booleans', 'entra-flag'],
  sources: [
    seed('boolean fields only work with the SCIM 2.0 feature flag'),
    entraCompat(ENTRA_SCIM2_FLAG),
    spec('2.2', 'extension booleans sent as strings: 400'),
  ],
  fix: `Send hasExtendedTime, hasWebPortalAccess and isAdmin as true/false. In Entra, append ?${ENTRA_SCIM2_FLAG} to the Tenant URL so booleans are sent as JSON booleans.`,
  notApplicable: anyAssignment,
  check: (exchange) =>
    perAttribute(exchange, (a, d) =>
      d.group !== 'core' && d.type === 'boolean' && typeof a.value === 'string'
        ? {
            key: d.name,
            message: `${describeRequest(exchange)} sent ${d.name} as the string ${show(a.value)}; ClearID takes only JSON booleans for it (Entra's SCIM 2.0 flag is off).`,
            expected: 'true or false',
            actual: a.value,
          }
        : undefined,
    ),
})

export const activeBoolean = defineClientRule({
  id: 'CLI-ATTR-002',
  level: 'SHOULD',
  title: 'active is sent as a JSON boolean',
  profile: 'rfc',
  area: 'attributes',
  tags: ['attributes', 'booleans', 'leniency'],
  sources: [
    rfc7643('4.1.1'),
    entraCompat('booleans sent as "True"/"False" strings without the flag'),
  ],
  fix: `Send active as true/false. In Entra, append ?${ENTRA_SCIM2_FLAG} to the Tenant URL; the strings "True"/"False" only work because the mock (like ClearID) is lenient for active.`,
  notApplicable: anyAssignment,
  check: (exchange) =>
    perAttribute(exchange, (a, d) =>
      d.name === 'active' && typeof a.value === 'string'
        ? {
            key: 'active',
            message: `${describeRequest(exchange)} sent active as the string ${show(a.value)}, accepted only by leniency.`,
            expected: 'true or false',
            actual: a.value,
          }
        : undefined,
    ),
})

export const countryCodeLetters = defineClientRule({
  id: 'CLI-ATTR-003',
  level: 'MUST',
  title: 'countryCode is exactly three letters',
  profile: 'clearid',
  area: 'attributes',
  tags: ['attributes', 'format'],
  sources: [
    seed('countryCode: three letters'),
    spec('2.2', 'countryCode ^[A-Za-z]{3}$, else 400 invalidValue'),
  ],
  fix: 'Map an ISO 3166-1 alpha-3 country code (e.g. "USA", "DEU") to countryCode; in Entra, transform a two-letter usageLocation with a Switch() expression.',
  notApplicable: anyAssignment,
  check: (exchange) =>
    perAttribute(exchange, (a, d) =>
      d.format === 'countryCode' &&
      typeof a.value === 'string' &&
      a.value !== '' &&
      !isThreeLetterCode(a.value)
        ? {
            key: 'countryCode',
            message: `${describeRequest(exchange)} sent countryCode ${show(a.value)}; ClearID requires exactly three letters.`,
            expected: 'three letters',
            actual: a.value,
          }
        : undefined,
    ),
})

export const countryCodeIso = defineClientRule({
  id: 'CLI-ATTR-004',
  level: 'SHOULD',
  title: 'countryCode is an upper-case ISO 3166-1 alpha-3 code',
  profile: 'clearid',
  area: 'attributes',
  tags: ['attributes', 'format'],
  sources: [
    spec(
      '2.2',
      'a 3-letter value that is not an upper-case ISO 3166-1 alpha-3 code is accepted with an audit warning',
    ),
  ],
  fix: 'Send upper-case ISO 3166-1 alpha-3 codes ("DEU", not "deu" or "GER").',
  notApplicable: anyAssignment,
  check: (exchange) =>
    perAttribute(exchange, (a, d) =>
      d.format === 'countryCode' &&
      typeof a.value === 'string' &&
      isThreeLetterCode(a.value) &&
      !isIsoAlpha3(a.value)
        ? {
            key: a.value,
            message: `${describeRequest(exchange)} sent countryCode ${show(a.value)}, three letters but not an upper-case ISO 3166-1 alpha-3 code.`,
            actual: a.value,
          }
        : undefined,
    ),
})

export const emailFormat = defineClientRule({
  id: 'CLI-ATTR-005',
  level: 'MUST',
  title: 'email and secondaryEmail are valid addresses',
  profile: 'clearid',
  area: 'attributes',
  tags: ['attributes', 'format'],
  sources: [
    seed('email and secondaryEmail must be valid e-mail addresses'),
    spec('2.2', 'invalid e-mail: 400 invalidValue'),
  ],
  fix: 'Map only attributes that hold a full address (local@domain.tld) to email and secondaryEmail, or leave them unmapped.',
  notApplicable: anyAssignment,
  check: (exchange) =>
    perAttribute(exchange, (a, d) =>
      d.format === 'email' &&
      typeof a.value === 'string' &&
      a.value !== '' &&
      !isValidEmail(a.value)
        ? {
            key: d.name,
            message: `${describeRequest(exchange)} sent ${d.name} ${show(a.value)}, which is not an e-mail address.`,
            expected: 'local@domain.tld',
            actual: a.value,
          }
        : undefined,
    ),
})

export const extensionSyncKey = defineClientRule({
  id: 'CLI-ATTR-006',
  level: 'MUST',
  title: 'The sync key is the ClearID extension externalId, not core externalId',
  profile: 'clearid',
  area: 'attributes',
  tags: ['attributes', 'sync-key'],
  sources: [
    seed('externalId is a SystemData field of the ClearID extension'),
    spec('2.2', 'Core externalId sent instead of the extension one: not accepted as the sync key'),
  ],
  fix: 'Map the source object id to urn:ietf:params:scim:schemas:extension:clearid:2.0:User:externalId instead of the core externalId.',
  notApplicable: anyAssignment,
  check: (exchange) => {
    const all = assignmentsOf(exchange)
    const core = all.find(
      (a) => a.schema === 'core' && sameName(a.name, 'externalId') && a.value !== null,
    )
    if (!core) return []
    const body = isCreate(exchange) || isReplace(exchange)
    if (body && all.some((a) => a.schema === 'extension' && sameName(a.name, 'externalId')))
      return []
    const effect = body
      ? 'so the identity has no sync key'
      : 'which ClearID ignores; the sync key did not change'
    return [
      {
        key: 'core',
        message: `${describeRequest(exchange)} sent core externalId ${show(core.value)} and no ClearID extension externalId, ${effect}.`,
      },
    ]
  },
})
