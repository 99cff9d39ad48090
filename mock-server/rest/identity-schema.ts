/**
 * JSON Schema of the REST identity, generated from the attribute catalogue like the identity
 * itself. Used by the webhook event schemas and the OpenAPI document.
 *
 * @module
 */
import type { AttributeDefinition } from '../../model/attributes.ts'
import { attributesOf, REST_GROUPS } from './identity-shape.ts'

function property(definition: AttributeDefinition): Record<string, unknown> {
  return {
    type: [definition.type === 'boolean' ? 'boolean' : 'string', 'null'],
    description: definition.description,
  }
}

function groupSchema(group: (typeof REST_GROUPS)[number]): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const definition of attributesOf(group)) properties[definition.name] = property(definition)
  return { type: 'object', additionalProperties: false, properties }
}

/**
 * The identity as the REST API renders it. `allGroups`: every nested object is present (write
 * responses, search results, webhook payloads); otherwise they appear only when included.
 */
export function identityJsonSchema(allGroups: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    identityId: { type: 'string', description: 'ClearID identity id (GUID); the SCIM id.' },
    userName: {
      type: 'string',
      description: 'Mock extension: the SCIM userName (ClearID publishes no REST field for it).',
    },
    displayName: { type: 'string' },
  }
  for (const definition of attributesOf('basic')) properties[definition.name] = property(definition)
  properties.status = { enum: ['Active', 'Inactive'] }
  for (const group of REST_GROUPS) properties[group] = groupSchema(group)
  properties.eTag = {
    type: 'string',
    description: 'Opaque version; send it back with PATCH and PUT.',
  }
  properties.creationDateUtc = { type: 'string', format: 'date-time' }
  properties.lastModificationDateUtc = { type: 'string', format: 'date-time' }
  properties.isDeleted = { type: 'boolean' }
  const always = ['identityId', 'userName', 'displayName', 'status', 'eTag', 'creationDateUtc']
  const required = [
    ...always,
    ...attributesOf('basic').map((a) => a.name),
    'lastModificationDateUtc',
    'isDeleted',
    ...(allGroups ? REST_GROUPS : []),
  ]
  return { type: 'object', additionalProperties: false, required, properties }
}
