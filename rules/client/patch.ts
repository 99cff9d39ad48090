/**
 * Client rules about PATCH: well-formed PatchOp messages, and the shapes that only work because the
 * mock (like ClearID) is lenient: capitalised ops, empty Operations, filtered paths on multi-valued
 * attributes ClearID does not have, and repeat cycles that change nothing.
 *
 * @module
 */
import { ENTRA_SCIM2_FLAG } from '../../model/attributes.ts'
import { defineClientRule, type TrafficRecord } from './client-rule.ts'
import { assignmentsOf, operationsOf } from './inspect/assignments.ts'
import { describeRequest, isObject, isUserPatch, statusOf, userIdOf } from './inspect/requests.ts'
import { lastSeen, userState } from './inspect/resources.ts'
import { entraCompat, entraTutorial, rfc7644, spec } from './sources.ts'
import { SCIM_PATCH_SCHEMA } from '../../model/scim-protocol.ts'

const noPatches = (session: readonly TrafficRecord[]) =>
  session.some(isUserPatch) ? undefined : 'No PATCH was sent to a User.'

const MALFORMED = new Set(['invalidSyntax', 'invalidPath', 'noTarget', 'tooMany'])
const DROPPED = new Set([
  'unknown-attribute',
  'unsupported-attribute',
  'unused-core-attribute',
  'unknown-schema',
  'core-external-id',
])

const detailOf = (record: TrafficRecord): string => {
  const body = record.response?.body
  return isObject(body) && typeof body.detail === 'string' ? body.detail : ''
}

export const wellFormedPatch = defineClientRule({
  id: 'CLI-PATCH-001',
  level: 'MUST',
  title: 'PATCH requests are well-formed PatchOp messages',
  profile: 'rfc',
  area: 'patch',
  tags: ['patch'],
  sources: [
    rfc7644('3.5.2'),
    spec('2.3', 'unknown path: 400 invalidPath; malformed: 400 invalidSyntax'),
  ],
  fix: `Send {"schemas":["${SCIM_PATCH_SCHEMA}"],"Operations":[…]} where each operation has op add/replace/remove and a path naming a ClearID attribute (or a value object).`,
  notApplicable: noPatches,
  check: (exchange) => {
    if (!isUserPatch(exchange) || statusOf(exchange) !== 400 || !isObject(exchange.request.body))
      return []
    const scimType = exchange.rejection?.scimType
    if (scimType === undefined || !MALFORMED.has(scimType)) return []
    return [
      {
        key: scimType,
        message: `${describeRequest(exchange)} was refused (400 ${scimType}): ${detailOf(exchange).slice(0, 240)}`,
      },
    ]
  },
})

export const lowerCaseOps = defineClientRule({
  id: 'CLI-PATCH-002',
  level: 'SHOULD',
  title: 'PATCH op names are lower-case (add, replace, remove)',
  profile: 'rfc',
  area: 'patch',
  tags: ['patch', 'leniency', 'entra-flag'],
  sources: [rfc7644('3.5.2'), entraCompat('capitalised ops (Add/Replace/Remove) without the flag')],
  fix: `Send "op": "add" | "replace" | "remove" in lower case. In Entra, append ?${ENTRA_SCIM2_FLAG} to the Tenant URL.`,
  notApplicable: noPatches,
  check: (exchange) => {
    if (!isUserPatch(exchange)) return []
    return operationsOf(exchange.request.body)
      .map((operation) => operation.op)
      .filter((op): op is string => typeof op === 'string' && op !== op.toLowerCase())
      .map((op) => ({
        key: op,
        message: `${describeRequest(exchange)} used op "${op}"; only the mock's case-insensitive matching accepts it.`,
        expected: op.toLowerCase(),
        actual: op,
      }))
  },
})

export const nonEmptyOperations = defineClientRule({
  id: 'CLI-PATCH-003',
  level: 'SHOULD',
  title: 'PATCH requests carry at least one operation',
  profile: 'entra',
  area: 'patch',
  tags: ['patch', 'leniency'],
  sources: [rfc7644('3.5.2'), spec('2.3', 'empty Operations are accepted with a warning')],
  fix: 'Skip the PATCH when there is nothing to change instead of sending an empty "Operations" array.',
  notApplicable: noPatches,
  check: (exchange) => {
    if (!isUserPatch(exchange) || !isObject(exchange.request.body)) return []
    const body = exchange.request.body
    const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations')
    const list = key === undefined ? undefined : body[key]
    if (!Array.isArray(list) || list.length > 0) return []
    return [
      { key: 'empty', message: `${describeRequest(exchange)} had an empty "Operations" array.` },
    ]
  },
})

export const noFilteredPaths = defineClientRule({
  id: 'CLI-PATCH-004',
  level: 'SHOULD',
  title: 'PATCH paths do not filter multi-valued attributes ClearID does not have',
  profile: 'clearid',
  area: 'patch',
  tags: ['patch', 'mapping', 'leniency'],
  sources: [
    spec('2.2', 'core attributes other than userName, displayName and active are ignored'),
    entraCompat('filtered paths such as emails[type eq "work"].value'),
  ],
  fix: 'ClearID has no multi-valued attributes: map e-mail and phone numbers to the extension attributes email, secondaryEmail, phoneNumberPrimary and phoneNumberSecondary instead of emails[…] or phoneNumbers[…].',
  notApplicable: noPatches,
  check: (exchange) =>
    assignmentsOf(exchange)
      .filter((a) => a.op !== undefined && a.filtered)
      .map((a) => {
        const attribute = a.path.slice(0, a.path.indexOf('['))
        return {
          key: attribute.toLowerCase(),
          message: `${describeRequest(exchange)} targeted ${a.path.slice(0, 120)}; ClearID has no ${attribute} attribute, so the value was dropped.`,
          actual: a.path,
        }
      }),
})

export const changesSomething = defineClientRule({
  id: 'CLI-PATCH-005',
  level: 'SHOULD',
  title: 'PATCH requests change something',
  profile: 'entra',
  area: 'patch',
  tags: ['patch', 'cycles'],
  sources: [
    entraTutorial('values are compared with the target and only differences are sent'),
    spec('2.2', 'values are stored and returned exactly as sent'),
  ],
  fix: 'Compare the values you would send with the user ClearID returned and send only differences; re-sending unchanged values on every cycle means a value does not round-trip (compare exactly what you send with what comes back).',
  notApplicable: noPatches,
  check: (exchange, history) => {
    const id = userIdOf(exchange)
    const after = exchange.response?.body
    if (
      !isUserPatch(exchange) ||
      id === undefined ||
      statusOf(exchange) !== 200 ||
      !isObject(after)
    )
      return []
    if (operationsOf(exchange.request.body).length === 0) return []
    // Nothing changed because values were dropped: CLI-PATCH-004 and CLI-ATTR-007 say why.
    if (exchange.warnings.some((w) => DROPPED.has(w.code))) return []
    const before = lastSeen(history, id)
    if (!before || userState(before) !== userState(after)) return []
    return [
      {
        key: 'no-op',
        message: `${describeRequest(exchange)} changed nothing: the user was already in that state (a repeat cycle re-sent unchanged values).`,
      },
    ]
  },
})
