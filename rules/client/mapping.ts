/**
 * Client rules about the attribute mapping as a whole: only attributes ClearID stores, each with
 * the catalogue's type. The first reads the warnings the mock recorded while parsing the request
 * (it knows exactly what it dropped); the second reads the values.
 *
 * @module
 */
import { findCoreAttribute, findExtensionAttribute } from '../../model/attributes.ts'
import type { WarningCode } from '../../mock-server/scim/warnings.ts'
import { defineClientRule, type ClientFinding, type TrafficRecord } from './client-rule.ts'
import { assignmentsOf, sameName, type Assignment } from './inspect/assignments.ts'
import { describeRequest, isCreate, isReplace } from './inspect/requests.ts'
import { rfc7643, seed, spec } from './sources.ts'

const DROPPED: ReadonlySet<WarningCode> = new Set([
  'unknown-attribute',
  'unsupported-attribute',
  'unused-core-attribute',
  'unknown-schema',
  'read-only-ignored',
])

function sendsExtensionExternalId(record: TrafficRecord): boolean {
  return assignmentsOf(record).some(
    (a) => a.schema === 'extension' && sameName(a.name, 'externalId'),
  )
}

/** Dropped-attribute warnings this rule owns (filtered paths and a lone core externalId are others'). */
function droppedWarnings(record: TrafficRecord) {
  const body = isCreate(record) || isReplace(record)
  return record.warnings.filter((w) => {
    if (w.attribute?.includes('[')) return false
    if (w.code === 'core-external-id') return body && sendsExtensionExternalId(record)
    return DROPPED.has(w.code)
  })
}

export const mappedAttributesStored = defineClientRule({
  id: 'CLI-ATTR-007',
  level: 'SHOULD',
  title: 'Only attributes ClearID stores are mapped',
  profile: 'clearid',
  area: 'attributes',
  tags: ['attributes', 'mapping'],
  sources: [
    seed(
      'not supported: birthday, activationDateUtc, expirationDateUtc, externalSyncTimeUtc, creationOnBehalf, approvers, siteId, provisioningAttributes, customFields',
    ),
    spec(
      '2.2',
      'unsupported or unknown attributes: ignored, not stored, and reported as a warning in the audit',
    ),
  ],
  fix: 'Remove the listed attributes from the attribute mapping: ClearID uses only userName, displayName and active from the core schema and the attributes of its extension; everything else is dropped.',
  notApplicable: (session) =>
    session.some((r) => assignmentsOf(r).length > 0)
      ? undefined
      : 'No request set attribute values.',
  check: (exchange) =>
    droppedWarnings(exchange).map((w) => {
      const attribute = w.attribute ?? w.code
      return {
        key: `${w.code}:${attribute.toLowerCase()}`,
        message: `${describeRequest(exchange)}: ${w.message}`,
        actual: attribute,
      }
    }),
})

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function wrongType(exchange: TrafficRecord, a: Assignment): ClientFinding | undefined {
  if (a.filtered || a.value === null || a.value === undefined) return undefined
  const definition =
    a.schema === 'extension'
      ? findExtensionAttribute(a.name)
      : a.schema === 'core'
        ? findCoreAttribute(a.name)
        : undefined
  if (!definition) return undefined
  if (definition.type === 'string' && typeof a.value !== 'string') {
    return {
      key: definition.name,
      message: `${describeRequest(exchange)} sent ${definition.name} as ${show(a.value)}; it is a string attribute.`,
      expected: 'a string',
      actual: a.value,
    }
  }
  // Booleans sent as strings are CLI-ATTR-001/002; anything else is a wrong type.
  if (
    definition.type === 'boolean' &&
    typeof a.value !== 'boolean' &&
    typeof a.value !== 'string'
  ) {
    return {
      key: definition.name,
      message: `${describeRequest(exchange)} sent ${definition.name} as ${show(a.value)}; it is a boolean attribute.`,
      expected: 'true or false',
      actual: a.value,
    }
  }
  return undefined
}

export const catalogueTypes = defineClientRule({
  id: 'CLI-ATTR-008',
  level: 'MUST',
  title: "Attribute values have the catalogue's type",
  profile: 'clearid',
  area: 'attributes',
  tags: ['attributes', 'types'],
  sources: [rfc7643('2.3'), spec('2.2', 'any other value for a boolean: 400 invalidValue')],
  fix: 'Send every ClearID attribute as a string, except active, hasExtendedTime, hasWebPortalAccess and isAdmin, which are booleans; do not send arrays or objects for them.',
  notApplicable: (session) =>
    session.some((r) => assignmentsOf(r).length > 0)
      ? undefined
      : 'No request set attribute values.',
  check: (exchange) =>
    assignmentsOf(exchange).flatMap((a) => {
      const finding = wrongType(exchange, a)
      return finding ? [finding] : []
    }),
})
