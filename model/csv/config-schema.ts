/**
 * The JSON Schema of a CSV configuration file (`csv schema` prints it; editors validate a file that
 * names it in `$schema`). `parseCsvConfig` is the reader the toolkit uses; a test holds the two
 * to the same answers.
 *
 * @module
 */
import { CREDENTIAL_FORMAT_NAMES, CSV_ENCODINGS, DATE_ORDERS, DELIMITER_NAMES } from './config.ts'
import { CSV_FIELDS } from './fields.ts'

const column = (description: string) => ({ type: 'string', minLength: 1, description })
const dates = {
  activationDateColumn: column('Column holding the credential activation date.'),
  expirationDateColumn: column('Column holding the credential expiration date.'),
}
const format = { enum: CREDENTIAL_FORMAT_NAMES, description: 'Card format.' }

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
    identityMappings: {
      type: 'array',
      description:
        'Identity field mappings. Absent: header names map to ClearID fields by name, case-insensitively; External ID is always mapped by default.',
      items: {
        type: 'object',
        required: ['field'],
        properties: {
          field: {
            enum: CSV_FIELDS.map((f) => f.name),
            description:
              'ClearID field. The toolkit also reads portal labels ("First name") and any case; the schema lists the canonical names.',
          },
          type: { enum: ['direct', 'regex', 'fixed'], default: 'direct' },
          column: column('Template column the value comes from.'),
          pattern: { type: 'string', description: 'Regex: a JavaScript regular expression.' },
          replacement: { type: 'string', description: 'Regex: the replacement ($1, $<name>).' },
          value: { type: 'string', description: 'Fixed: the value every identity gets.' },
        },
        additionalProperties: false,
        allOf: [
          {
            if: { properties: { type: { const: 'fixed' } }, required: ['type'] },
            then: { required: ['value'] },
          },
          {
            if: { properties: { type: { const: 'regex' } }, required: ['type'] },
            then: { required: ['column', 'pattern', 'replacement'] },
          },
          {
            if: {
              anyOf: [
                { not: { required: ['type'] } },
                { properties: { type: { const: 'direct' } } },
              ],
            },
            then: { required: ['column'] },
          },
        ],
      },
    },
    credentialMappings: {
      type: 'array',
      items: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'format', 'column'],
            properties: {
              type: { const: 'rawCode' },
              format,
              column: column('Column holding the raw code (decimal or 0x hexadecimal).'),
              ...dates,
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'format', 'facilityCodeColumn', 'cardNumberColumn'],
            properties: {
              type: { const: 'facilityCodeAndCardNumber' },
              format,
              facilityCodeColumn: column('Column holding the facility code.'),
              cardNumberColumn: column('Column holding the card number.'),
              ...dates,
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'format', 'facilityCode', 'cardNumberColumn'],
            properties: {
              type: { const: 'fixedFacilityCodeAndCardNumber' },
              format,
              facilityCode: {
                type: 'integer',
                minimum: 0,
                description: 'The facility code every credential gets.',
              },
              cardNumberColumn: column('Column holding the card number.'),
              ...dates,
            },
          },
        ],
      },
    },
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
} as const
