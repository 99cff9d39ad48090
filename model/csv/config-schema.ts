/**
 * The JSON Schema of a CSV configuration file (`csv schema` prints it; editors validate a file that
 * names it in `$schema`). `parseCsvConfig` is the reader the toolkit uses; a test holds the two
 * to the same answers.
 *
 * @module
 */
import { credentialMappingsSchema, identityMappingsSchema } from '../sync/mapping-schema.ts'
import { DATE_ORDERS } from '../sync/mapping-model.ts'
import { CSV_ENCODINGS, DELIMITER_NAMES } from './config.ts'
import { CSV_VOCABULARY } from './parse-config.ts'

export const CSV_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:clearid-conformance:schema:csv-config:1',
  title: 'ClearID Cloud CSV configuration',
  description:
    'One Cloud CSV synchronization: template, identity field mappings, credential mappings, advanced and management settings, and the options ClearID does not document (docs/cloud-csv.md).',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 1, description: 'Name of the configuration.' },
    template: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
      description: "The template file's column names (its header row).",
    },
    identityMappings: identityMappingsSchema(CSV_VOCABULARY, {
      description:
        'Identity field mappings. Absent: header names map to ClearID fields by name, case-insensitively; External ID is always mapped by default.',
      source: 'Template column',
    }),
    credentialMappings: credentialMappingsSchema(CSV_VOCABULARY, 'Column'),
    advanced: {
      type: 'object',
      additionalProperties: false,
      properties: {
        delimiter: { enum: DELIMITER_NAMES, default: 'comma' },
        encoding: { enum: CSV_ENCODINGS, default: 'UTF-8' },
      },
    },
    management: {
      type: 'object',
      additionalProperties: false,
      properties: {
        active: {
          type: 'boolean',
          default: false,
          description: 'Activate the configuration: the agent watches its folder.',
        },
        synchronizePictures: { type: 'boolean', default: true },
      },
    },
    options: {
      type: 'object',
      additionalProperties: false,
      description: 'Choices where ClearID documents nothing.',
      properties: {
        maxFileBytes: { type: 'integer', minimum: 1, default: 536870912 },
        maxRecordChars: { type: 'integer', minimum: 1, default: 128000 },
        duplicateExternalIds: { enum: ['error', 'last-wins'], default: 'error' },
        dateOrder: { enum: DATE_ORDERS, default: 'month-first' },
        removedIdentities: { enum: ['keep', 'deactivate'], default: 'keep' },
        emptyValues: { enum: ['keep', 'clear'], default: 'keep' },
      },
    },
  },
}
