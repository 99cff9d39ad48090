/**
 * JSON Schema of the REST identity, generated from the catalogue (`rest-model.ts`) like the identity
 * itself. Used by the webhook event schemas and the OpenAPI document.
 *
 * @module
 */
import { REST_OUTPUT_MEMBERS } from '../../model/rest-members.ts'
import { membersOf, NESTED_GROUPS, type NestedGroup, type RestMember } from './rest-model.ts'

type Schema = Record<string, unknown>

const nullable = (type: string): Schema => ({ type: [type, 'null'] })

function listOf(items: Record<string, Schema>, required: readonly string[]): Schema {
  return {
    type: ['array', 'null'],
    items: { type: 'object', additionalProperties: false, required, properties: items },
  }
}

function valueSchema(member: RestMember): Schema {
  if (member.kind === 'attribute') {
    return nullable(member.definition.type === 'boolean' ? 'boolean' : 'string')
  }
  switch (member.member.kind) {
    case 'string':
    case 'date':
    case 'dateTime':
      return nullable('string')
    case 'approvers':
      return listOf({ approverId: { type: 'string' } }, ['approverId'])
    case 'provisioningAttributes':
      return listOf({ name: { type: 'string' } }, ['name'])
    case 'customFields':
      return listOf(
        {
          customFieldType: nullable('string'),
          customFieldName: { type: 'string' },
          customFieldValue: nullable('string'),
        },
        ['customFieldType', 'customFieldName', 'customFieldValue'],
      )
    case 'opaqueObject':
      return nullable('object')
    case 'opaque':
      return {}
  }
}

function property(member: RestMember): Schema {
  const description =
    member.kind === 'attribute' ? member.definition.description : member.member.description
  return { ...valueSchema(member), description }
}

function groupSchema(group: NestedGroup): Schema {
  const properties: Schema = {}
  for (const member of membersOf(group)) properties[member.name] = property(member)
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  }
}

const isOnRequest = (member: RestMember): boolean =>
  member.kind === 'restOnly' && member.member.include !== undefined

const described = (name: string): string =>
  REST_OUTPUT_MEMBERS.find((m) => m.name === name)?.description ?? ''

/**
 * The identity as the REST API renders it. `everything`: every nested object and on-request member
 * is present (write responses, search results, webhook payloads); otherwise they appear only when
 * included.
 */
export function identityJsonSchema(everything: boolean): Schema {
  const top = membersOf('top')
  const properties: Schema = {
    identityId: { type: 'string', description: described('identityId') },
    accountId: { type: 'string', description: described('accountId') },
    displayName: { type: 'string' },
  }
  for (const member of top) properties[member.name] = property(member)
  properties.status = { enum: ['Active', 'Inactive'] }
  properties.ordinal = { type: ['integer', 'null'], description: described('ordinal') }
  for (const group of NESTED_GROUPS) properties[group] = groupSchema(group)
  properties.eTag = { type: 'string', description: described('eTag') }
  properties.creationDateUtc = { type: 'string', format: 'date-time' }
  properties.lastModificationDateUtc = { type: 'string', format: 'date-time' }
  properties.isDeleted = { type: 'boolean', description: described('isDeleted') }
  const onRequest = ['ordinal', ...NESTED_GROUPS, ...top.filter(isOnRequest).map((m) => m.name)]
  const required = [
    'identityId',
    'accountId',
    'displayName',
    ...top.filter((m) => !isOnRequest(m)).map((m) => m.name),
    'status',
    'eTag',
    'creationDateUtc',
    'lastModificationDateUtc',
    'isDeleted',
    ...(everything ? onRequest : []),
  ]
  return { type: 'object', additionalProperties: false, required, properties }
}
