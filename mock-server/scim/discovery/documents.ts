/**
 * Discovery documents (RFC 7643 §5–§7), generated from the attribute catalogue so the `/Schemas`
 * document and validation cannot disagree. ServiceProviderConfig states only what is implemented.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_ATTRIBUTES,
  CORE_USER_SCHEMA,
  EXTENSION_ATTRIBUTES,
  type AttributeDefinition,
} from '../../../model/attributes.ts'
import type { Behaviour } from '../../behaviour.ts'
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SPC_SCHEMA } from '../../../model/scim-protocol.ts'

const DOCS = 'https://help.clearid.io/EN/AboutMicrosoftEntraIDAttributeFields.html'

export function serviceProviderConfig(
  scimBase: string,
  behaviour: Behaviour,
): Record<string, unknown> {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: DOCS,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: behaviour.maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'SCIM key',
        description:
          'The account SCIM key generated in ClearID (Administration > SCIM Integration), sent as a Bearer token.',
        documentationUri: 'https://help.clearid.io/EN/GeneratingSCIMKey.html',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${scimBase}/ServiceProviderConfig` },
  }
}

export function userResourceType(scimBase: string): Record<string, unknown> {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'ClearID identity',
    schema: CORE_USER_SCHEMA,
    schemaExtensions: [{ schema: CLEARID_USER_EXTENSION, required: true }],
    meta: { resourceType: 'ResourceType', location: `${scimBase}/ResourceTypes/User` },
  }
}

function attributeDocument(definition: AttributeDefinition): Record<string, unknown> {
  return {
    name: definition.name,
    type: definition.type,
    multiValued: false,
    description: definition.description,
    required: definition.required,
    caseExact: definition.caseExact,
    mutability: definition.mutability,
    returned: definition.returned,
    uniqueness: definition.uniqueness,
  }
}

export function schemaDocuments(scimBase: string): Record<string, unknown>[] {
  return [
    {
      schemas: [SCHEMA_SCHEMA],
      id: CORE_USER_SCHEMA,
      name: 'User',
      description: 'Core User attributes ClearID uses (only userName, displayName and active).',
      attributes: CORE_ATTRIBUTES.map(attributeDocument),
      meta: { resourceType: 'Schema', location: `${scimBase}/Schemas/${CORE_USER_SCHEMA}` },
    },
    {
      schemas: [SCHEMA_SCHEMA],
      id: CLEARID_USER_EXTENSION,
      name: 'ClearIDUser',
      description: 'ClearID identity attributes synchronized through SCIM.',
      attributes: EXTENSION_ATTRIBUTES.map(attributeDocument),
      meta: { resourceType: 'Schema', location: `${scimBase}/Schemas/${CLEARID_USER_EXTENSION}` },
    },
  ]
}
