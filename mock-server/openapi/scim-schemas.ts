/**
 * Component schemas of the SCIM endpoint. The User and the ClearID extension are generated from the
 * attribute catalogue (`model/attributes.ts`), the source `/Schemas` is built from too, so the
 * reference, the discovery documents and validation cannot disagree about an attribute.
 *
 * Two forms of the User: what the mock answers (closed: nothing but the catalogue, JSON booleans),
 * and what a client may send (open: other attributes are ignored with a warning, nulls mean
 * absent, and `active` may be Entra's "True"/"False" string).
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_ATTRIBUTES,
  CORE_USER_SCHEMA,
  ENTRA_SCIM2_FLAG,
  EXTENSION_ATTRIBUTES,
  type AttributeDefinition,
} from '../../model/attributes.ts'
import {
  GROUP_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SCIM_ERROR_SCHEMA,
  SCIM_LIST_SCHEMA,
  SCIM_PATCH_SCHEMA,
  SCIM_SEARCH_SCHEMA,
  SPC_SCHEMA,
} from '../../model/scim-protocol.ts'
import { ref } from './operation.ts'

type Schema = Record<string, unknown>
type Direction = 'response' | 'request'

const str = { type: 'string' }
const int = { type: 'integer' }
const bool = { type: 'boolean' }
const strings = { type: 'array', items: str }
const closed = (properties: Schema, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
})
/** An array of schema URNs that must contain `urn`. */
const schemasContaining = (urn: string): Schema => ({
  type: 'array',
  items: str,
  contains: { const: urn },
})

/** "True"/"False" in any case: how Entra's default dialect writes booleans. */
const BOOLEAN_STRING = '^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$'

/** The SCIM characteristics of an attribute (RFC 7643 §7), in words, after its description. */
export function attributeFacts(definition: AttributeDefinition): string {
  const facts = [
    definition.required ? 'required' : 'optional',
    `caseExact ${definition.caseExact}`,
    `uniqueness ${definition.uniqueness}`,
    `mutability ${definition.mutability}`,
    `returned ${definition.returned}`,
  ]
  return `${definition.description} SCIM: ${facts.join(', ')}.`
}

function valueSchema(definition: AttributeDefinition, direction: Direction): Schema {
  switch (definition.type) {
    case 'string':
      return str
    case 'dateTime':
      return { type: 'string', format: 'date-time' }
    case 'complex':
      return { type: 'object' }
    case 'boolean':
      // The core `active` is read from "True"/"False" too; extension booleans need the flag.
      if (direction === 'request' && definition.schema === CORE_USER_SCHEMA) {
        return { oneOf: [bool, { type: 'string', pattern: BOOLEAN_STRING }] }
      }
      return bool
  }
}

/** One catalogue attribute as a JSON Schema property. */
export function attributeSchema(definition: AttributeDefinition, direction: Direction): Schema {
  const value = valueSchema(definition, direction)
  // A client's null means "absent" (Entra omits nulls, older examples send them).
  const sent = direction === 'request' ? { anyOf: [value, { type: 'null' }] } : value
  const schema: Schema = { ...sent, description: attributeFacts(definition) }
  if (definition.mutability === 'readOnly') schema.readOnly = true
  if (definition.mutability === 'writeOnly') schema.writeOnly = true
  return schema
}

function attributeProperties(
  attributes: readonly AttributeDefinition[],
  direction: Direction,
): Schema {
  return Object.fromEntries(attributes.map((a) => [a.name, attributeSchema(a, direction)]))
}

const requiredNames = (attributes: readonly AttributeDefinition[]): string[] =>
  attributes.filter((a) => a.required).map((a) => a.name)

function extensionSchema(direction: Direction): Schema {
  const properties = attributeProperties(EXTENSION_ATTRIBUTES, direction)
  if (direction === 'response') {
    return {
      ...closed(properties),
      description: `${CLEARID_USER_EXTENSION}: the ClearID identity attributes (attribute names match in any case). Only attributes with a value are returned.`,
    }
  }
  const booleans = EXTENSION_ATTRIBUTES.filter((a) => a.type === 'boolean').map((a) => a.name)
  return {
    type: 'object',
    description: `${CLEARID_USER_EXTENSION}. Attribute names match in any case; an unknown or unsupported attribute is ignored with a warning (refused with behaviour.unknownAttributes "reject"). firstName or lastName is required. ${booleans.join(', ')} must be JSON booleans: Entra sends those only with the ?${ENTRA_SCIM2_FLAG} flag (strings are refused unless behaviour.extensionBooleanStrings is "coerce").`,
    properties,
    required: requiredNames(EXTENSION_ATTRIBUTES),
    anyOf: [{ required: ['firstName'] }, { required: ['lastName'] }],
  }
}

function userSchema(direction: Direction): Schema {
  const core = attributeProperties(CORE_ATTRIBUTES, direction)
  if (direction === 'response') {
    return {
      ...closed(
        {
          schemas: { type: 'array', items: { enum: [CORE_USER_SCHEMA, CLEARID_USER_EXTENSION] } },
          id: { type: 'string', readOnly: true, description: 'Identity id (GUID).' },
          ...core,
          [CLEARID_USER_EXTENSION]: ref('ScimClearIdExtension'),
          meta: ref('ScimMeta'),
        },
        ['schemas', 'id'],
      ),
      description:
        'A ClearID identity as a SCIM User: the three core attributes ClearID uses and the ClearID extension. Every attribute is returned unless attributes or excludedAttributes narrow the answer (id and schemas always are).',
    }
  }
  return {
    type: 'object',
    description: `A SCIM User as a client sends it (POST, PUT). Names and URNs match in any case; id and meta are ignored; other core attributes (name, emails …) and other extensions (enterprise …) are ignored with a warning; an extension attribute may also be sent flattened as a "${CLEARID_USER_EXTENSION}:<name>" key.`,
    properties: {
      schemas: {
        ...schemasContaining(CORE_USER_SCHEMA),
        description: `Must include ${CORE_USER_SCHEMA}. Entra does not list the extension URN here (custom extensions are not added to schemas).`,
      },
      ...core,
      [CLEARID_USER_EXTENSION]: ref('ScimClearIdExtensionWrite'),
    },
    required: ['schemas', ...requiredNames(CORE_ATTRIBUTES), CLEARID_USER_EXTENSION],
  }
}

const listResponse = (items: Schema, description: string, resources: Schema = {}): Schema => ({
  ...closed(
    {
      schemas: { type: 'array', items: { const: SCIM_LIST_SCHEMA } },
      totalResults: { ...int, description: 'Matches in all (not only this page).' },
      startIndex: { ...int, description: '1-based index of the first resource of this page.' },
      itemsPerPage: { ...int, description: 'Resources on this page.' },
      Resources: { type: 'array', items, ...resources },
    },
    ['schemas', 'totalResults', 'startIndex', 'itemsPerPage', 'Resources'],
  ),
  description,
})

/** User, extension, list, search, PATCH and error. */
function resourceSchemas(): Record<string, Schema> {
  return {
    ScimUser: userSchema('response'),
    ScimClearIdExtension: extensionSchema('response'),
    ScimUserWrite: userSchema('request'),
    ScimClearIdExtensionWrite: extensionSchema('request'),
    ScimMeta: closed(
      {
        resourceType: { const: 'User' },
        created: { ...str, format: 'date-time' },
        lastModified: { ...str, format: 'date-time' },
        location: { ...str, description: 'URL of the User.' },
        version: { ...str, description: 'Weak ETag, W/"<n>"; the same as the ETag header.' },
      },
      ['resourceType', 'created', 'lastModified', 'location', 'version'],
    ),
    ScimUserList: listResponse(
      ref('ScimUser'),
      'A page of Users; an empty list (never 404) when nothing matches.',
    ),
    ScimSearchRequest: {
      type: 'object',
      description: 'POST /.search: the list query in a body (RFC 7644 §3.4.3).',
      properties: {
        schemas: schemasContaining(SCIM_SEARCH_SCHEMA),
        filter: str,
        startIndex: int,
        count: int,
        attributes: strings,
        excludedAttributes: strings,
      },
      required: ['schemas'],
    },
    ScimPatchOp: {
      type: 'object',
      description:
        'RFC 7644 §3.5.2. Member names and op names match in any case (Entra sends Replace); the operations apply all or nothing.',
      properties: {
        schemas: schemasContaining(SCIM_PATCH_SCHEMA),
        Operations: { type: 'array', items: ref('ScimPatchOperation') },
      },
      required: ['schemas', 'Operations'],
    },
    ScimPatchOperation: {
      type: 'object',
      properties: {
        op: {
          type: 'string',
          pattern: '^([Aa][Dd][Dd]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Rr][Ee][Mm][Oo][Vv][Ee])$',
          description: 'add, replace or remove, in any case.',
        },
        path: {
          type: 'string',
          description: `An attribute path: a core name (displayName, active, userName) or "${CLEARID_USER_EXTENSION}:<name>". Without a path, value is an object of attribute paths (the ${ENTRA_SCIM2_FLAG} dialect).`,
        },
        value: {
          description:
            'The new value; for a path-less add or replace an object keyed by attribute paths. Not needed for remove.',
        },
      },
      required: ['op'],
    },
    ScimError: closed(
      {
        schemas: { type: 'array', items: { const: SCIM_ERROR_SCHEMA } },
        status: {
          ...str,
          pattern: '^[1-5][0-9]{2}$',
          description: 'The HTTP status, as a string.',
        },
        scimType: {
          enum: [
            'invalidFilter',
            'tooMany',
            'uniqueness',
            'mutability',
            'invalidSyntax',
            'invalidPath',
            'noTarget',
            'invalidValue',
            'invalidVers',
            'sensitive',
          ],
          description: 'RFC 7644 §3.12, on 400 and 409.',
        },
        detail: { ...str, description: 'What is wrong and how to fix it.' },
      },
      ['schemas', 'status', 'detail'],
    ),
  }
}

const meta = (resourceType: string): Schema =>
  closed({ resourceType: { const: resourceType }, location: str }, ['resourceType', 'location'])

const supported = (extra: Schema = {}, required: string[] = []): Schema =>
  closed({ supported: bool, ...extra }, ['supported', ...required])

/** ServiceProviderConfig, ResourceTypes and Schemas (RFC 7643 §5–§7). */
function discoverySchemas(): Record<string, Schema> {
  const attribute = closed(
    {
      name: str,
      type: { enum: ['string', 'boolean', 'dateTime', 'complex'] },
      multiValued: bool,
      description: str,
      required: bool,
      caseExact: bool,
      mutability: { enum: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] },
      returned: { enum: ['always', 'never', 'default', 'request'] },
      uniqueness: { enum: ['none', 'server', 'global'] },
    },
    ['name', 'type', 'multiValued', 'required', 'caseExact', 'mutability', 'returned'],
  )
  return {
    ScimServiceProviderConfig: closed(
      {
        schemas: { type: 'array', items: { const: SPC_SCHEMA } },
        documentationUri: str,
        patch: supported(),
        bulk: supported({ maxOperations: int, maxPayloadSize: int }),
        filter: supported({ maxResults: int }, ['maxResults']),
        changePassword: supported(),
        sort: supported(),
        etag: supported(),
        authenticationSchemes: {
          type: 'array',
          items: closed(
            {
              type: str,
              name: str,
              description: str,
              documentationUri: str,
              primary: bool,
            },
            ['type', 'name', 'description'],
          ),
        },
        meta: meta('ServiceProviderConfig'),
      },
      ['schemas', 'patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'],
    ),
    ScimResourceType: closed(
      {
        schemas: { type: 'array', items: { const: RESOURCE_TYPE_SCHEMA } },
        id: str,
        name: str,
        endpoint: str,
        description: str,
        schema: str,
        schemaExtensions: {
          type: 'array',
          items: closed({ schema: str, required: bool }, ['schema', 'required']),
        },
        meta: meta('ResourceType'),
      },
      ['schemas', 'name', 'endpoint', 'schema'],
    ),
    ScimResourceTypeList: listResponse(ref('ScimResourceType'), 'The User resource type only.'),
    ScimSchema: closed(
      {
        schemas: { type: 'array', items: { const: SCHEMA_SCHEMA } },
        id: str,
        name: str,
        description: str,
        attributes: { type: 'array', items: attribute },
        meta: meta('Schema'),
      },
      ['schemas', 'id', 'attributes'],
    ),
    ScimSchemaList: listResponse(
      ref('ScimSchema'),
      `${CORE_USER_SCHEMA} (the three core attributes ClearID uses) and ${CLEARID_USER_EXTENSION}.`,
    ),
    ScimGroupList: listResponse(
      { type: 'object', description: GROUP_SCHEMA },
      'Always empty: ClearID does not synchronize groups.',
      { maxItems: 0 },
    ),
  }
}

export function scimComponentSchemas(): Record<string, Schema> {
  return { ...resourceSchemas(), ...discoverySchemas() }
}
