/**
 * The JSON Schema of a Graph synchronization configuration file (`graph schema` prints it; editors
 * validate a file that names it in `$schema`). `parseGraphConfig` is the reader the toolkit uses; a
 * test holds the two to the same answers. The identity and credential mappings are Cloud CSV's,
 * with Graph user attributes for columns.
 *
 * @module
 */
import { credentialMappingsSchema, identityMappingsSchema } from '../sync/mapping-schema.ts'
import { DEFAULT_GRAPH_OPTIONS, REMOVED_IDENTITY_ACTIONS } from './config.ts'
import { GRAPH_VOCABULARY } from './parse-config.ts'

const url = (description: string) => ({ type: 'string', pattern: '^https?://', description })
const d = DEFAULT_GRAPH_OPTIONS

export const GRAPH_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:clearid-conformance:schema:graph-config:1',
  title: 'ClearID Microsoft Entra ID (Graph) synchronization configuration',
  description:
    'One Entra ID synchronization: connection, groups, identity field mappings, credential mappings, management settings, and the options ClearID does not document (docs/entra-graph-sync.md). The client secret is never in the file: graph preview reads CLEARID_GRAPH_SECRET.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 1, description: 'Name of the configuration.' },
    connection: {
      type: 'object',
      additionalProperties: false,
      required: ['tenantId', 'clientId'],
      description:
        "Where and as whom Graph is read. Absent: the mock's fake Graph source and its development tenant and app.",
      properties: {
        graphUrl: url(
          "The Graph service root (https://graph.microsoft.com/v1.0). Absent: the mock's fake Graph source.",
        ),
        loginUrl: url(
          "The identity platform's base ({tenant}/oauth2/v2.0/token below it). Absent: told from graphUrl.",
        ),
        tenantId: {
          type: 'string',
          minLength: 1,
          description: 'Directory (tenant) ID, or a tenant domain.',
        },
        clientId: {
          type: 'string',
          pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
          description: 'Application (client) ID.',
        },
      },
    },
    groups: {
      type: 'array',
      description: 'Entra groups: each maps its members to a ClearID role, syncs them, or both.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['group'],
        anyOf: [
          { required: ['role'] },
          { required: ['syncIdentities'], properties: { syncIdentities: { const: true } } },
        ],
        properties: {
          group: { type: 'string', minLength: 1, description: 'Object id or display name.' },
          role: {
            type: 'string',
            minLength: 1,
            description: 'ClearID role (team) the members join; created when missing.',
          },
          syncIdentities: {
            type: 'boolean',
            default: false,
            description: 'Members become ClearID identities.',
          },
        },
      },
    },
    identityMappings: identityMappingsSchema(GRAPH_VOCABULARY, {
      description:
        "Identity field mappings. Absent: ClearID's defaults, External ID ← id, First name ← givenName, Active ← accountEnabled. External ID is mapped from id unless a mapping feeds it.",
      source:
        'Graph user attribute (a property, onPremisesExtensionAttributes/extensionAttributeN or extension_{appId}_{name})',
    }),
    credentialMappings: credentialMappingsSchema(GRAPH_VOCABULARY, 'Graph user attribute'),
    management: {
      type: 'object',
      additionalProperties: false,
      properties: {
        synchronizePictures: { type: 'boolean', default: false },
        synchronizeManagers: {
          type: 'boolean',
          default: false,
          description: 'Entra managers become ClearID supervisors, overwriting existing ones.',
        },
        automatic: {
          type: 'boolean',
          default: false,
          description:
            'Change-driven runs that update only changed identities (not on picture-only changes). Force synchronization turns it on.',
        },
      },
    },
    options: {
      type: 'object',
      additionalProperties: false,
      description: 'Choices where ClearID documents nothing.',
      properties: {
        removedIdentities: { enum: REMOVED_IDENTITY_ACTIONS, default: d.removedIdentities },
        users: { enum: ['groups', 'all'], default: d.users },
        groupMembers: { enum: ['transitive', 'direct'], default: d.groupMembers },
        emptyValues: { enum: ['keep', 'clear'], default: d.emptyValues },
        maxRetries: { type: 'integer', minimum: 0, maximum: 10, default: d.maxRetries },
        maxRetryAfterSeconds: {
          type: 'integer',
          minimum: 0,
          maximum: 3600,
          default: d.maxRetryAfterSeconds,
        },
        pageSize: { type: 'integer', minimum: 1, maximum: 999, default: d.pageSize },
      },
    },
  },
}
