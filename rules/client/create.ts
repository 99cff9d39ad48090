/**
 * Client rules about what a create (POST) or replace (PUT) must carry: the attributes ClearID
 * requires, and a `schemas` list naming the core User schema.
 *
 * @module
 */
import { CORE_USER_SCHEMA, sameUrn } from '../../model/attributes.ts'
import { defineClientRule, type ClientFinding, type TrafficRecord } from './client-rule.ts'
import { assignmentsOf, sameName, type AssignmentSchema } from './inspect/assignments.ts'
import { describeRequest, isCreate, isObject, isReplace } from './inspect/requests.ts'
import { entraTutorial, rfc7643, seed, spec } from './sources.ts'

const userWrite = (record: TrafficRecord): boolean =>
  (isCreate(record) || isReplace(record)) && isObject(record.request.body)

const noUserWrites = (session: readonly TrafficRecord[]) =>
  session.some(userWrite) ? undefined : 'No User was created or replaced.'

/** True when the body sets the attribute to something other than null or blank. */
function sends(record: TrafficRecord, schema: AssignmentSchema, name: string): boolean {
  return assignmentsOf(record).some(
    (a) =>
      a.schema === schema &&
      sameName(a.name, name) &&
      a.value !== null &&
      a.value !== undefined &&
      !(typeof a.value === 'string' && a.value.trim() === ''),
  )
}

function missing(record: TrafficRecord, what: string, why: string): ClientFinding[] {
  return [{ key: what, message: `${describeRequest(record)} did not send ${what}: ${why}` }]
}

const required =
  (schema: AssignmentSchema, name: string, label: string, why: string) =>
  (exchange: TrafficRecord) =>
    userWrite(exchange) && !sends(exchange, schema, name) ? missing(exchange, label, why) : []

export const sendsUserName = defineClientRule({
  id: 'CLI-CREATE-001',
  level: 'MUST',
  title: 'Creates and replaces send userName',
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'required'],
  sources: [rfc7643('4.1.1'), spec('2.2', 'Required: userName')],
  fix: 'Map a unique value (Entra: userPrincipalName) to userName.',
  notApplicable: noUserWrites,
  check: required('core', 'userName', 'userName', 'it is required and unique per account.'),
})

export const sendsDisplayName = defineClientRule({
  id: 'CLI-CREATE-002',
  level: 'MUST',
  title: 'Creates and replaces send displayName',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'required'],
  sources: [seed('displayName is required'), spec('2.2', 'Required: displayName')],
  fix: 'Map a source attribute with a value for every user (Entra: displayName) to displayName.',
  notApplicable: noUserWrites,
  check: required('core', 'displayName', 'displayName', 'ClearID requires it.'),
})

export const sendsExternalId = defineClientRule({
  id: 'CLI-CREATE-003',
  level: 'MUST',
  title: 'Creates and replaces send the ClearID extension externalId',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'required', 'sync-key'],
  sources: [
    seed('SystemData externalId: required and unique'),
    spec('2.2', 'Required: extension externalId'),
  ],
  fix: 'Map the source object id (Entra: objectId) to urn:ietf:params:scim:schemas:extension:clearid:2.0:User:externalId.',
  notApplicable: noUserWrites,
  check: (exchange) => {
    if (!userWrite(exchange) || sends(exchange, 'extension', 'externalId')) return []
    // Core externalId in its place is CLI-ATTR-006's finding.
    if (sends(exchange, 'core', 'externalId')) return []
    return missing(
      exchange,
      'the ClearID extension externalId',
      'it is the synchronization key and required.',
    )
  },
})

export const sendsName = defineClientRule({
  id: 'CLI-CREATE-004',
  level: 'MUST',
  title: 'Creates and replaces send firstName or lastName',
  profile: 'clearid',
  area: 'create',
  tags: ['create', 'required'],
  sources: [
    seed('firstName or lastName is required'),
    spec('2.2', 'Required: firstName or lastName'),
  ],
  fix: 'Map givenName to the extension firstName and surname to lastName; at least one must have a value for every user.',
  notApplicable: noUserWrites,
  check: (exchange) => {
    if (!userWrite(exchange)) return []
    if (sends(exchange, 'extension', 'firstName') || sends(exchange, 'extension', 'lastName'))
      return []
    return missing(
      exchange,
      'firstName or lastName',
      'ClearID needs at least one of them (extension attributes).',
    )
  },
})

export const declaresUserSchema = defineClientRule({
  id: 'CLI-CREATE-005',
  level: 'MUST',
  title: 'User bodies list the core User schema in "schemas"',
  profile: 'rfc',
  area: 'create',
  tags: ['create', 'schemas'],
  sources: [rfc7643('3'), entraTutorial('requests carry schemas')],
  fix: `Send "schemas": ["${CORE_USER_SCHEMA}"] (the ClearID extension URN may follow).`,
  notApplicable: noUserWrites,
  check: (exchange) => {
    if (!userWrite(exchange)) return []
    const body = exchange.request.body as Readonly<Record<string, unknown>>
    const key = Object.keys(body).find((k) => k.toLowerCase() === 'schemas')
    const schemas = key === undefined ? undefined : body[key]
    if (
      Array.isArray(schemas) &&
      schemas.some((s) => typeof s === 'string' && sameUrn(s, CORE_USER_SCHEMA))
    ) {
      return []
    }
    const what =
      schemas === undefined ? 'has no "schemas"' : '"schemas" does not list the core User schema'
    return [
      { key: what, message: `The body of ${describeRequest(exchange)} ${what}.`, actual: schemas },
    ]
  },
})
