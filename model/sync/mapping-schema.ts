/**
 * The JSON Schema of the configuration parts every source shares (identity field mappings,
 * credential mappings), in a source's own terms (`SourceVocabulary`: `column` for Cloud CSV,
 * `attribute` for Graph). Each source's configuration schema builds on these; tests hold each
 * schema and its reader to the same answers.
 *
 * @module
 */
import { SYNC_FIELDS } from './fields.ts'
import { CREDENTIAL_FORMAT_NAMES } from './mapping-model.ts'
import type { SourceVocabulary } from './parse-mappings.ts'

const place = (description: string) => ({ type: 'string', minLength: 1, description })

/** `identityMappings`: `source` says what a place is (`Template column`, `Graph user attribute`). */
export function identityMappingsSchema(
  vocabulary: SourceVocabulary,
  text: { readonly description: string; readonly source: string },
) {
  const key = vocabulary.source
  return {
    type: 'array',
    description: text.description,
    items: {
      type: 'object',
      required: ['field'],
      properties: {
        field: {
          enum: SYNC_FIELDS.map((f) => f.name),
          description:
            'ClearID field. The toolkit also reads portal labels ("First name") and any case; the schema lists the canonical names.',
        },
        type: { enum: ['direct', 'regex', 'fixed'], default: 'direct' },
        [key]: place(`${text.source} the value comes from.`),
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
          then: { required: [key, 'pattern', 'replacement'] },
        },
        {
          if: {
            anyOf: [{ not: { required: ['type'] } }, { properties: { type: { const: 'direct' } } }],
          },
          then: { required: [key] },
        },
      ],
    },
  }
}

/** `credentialMappings`: `noun` names a place in descriptions (`Column`, `Attribute`). */
export function credentialMappingsSchema(vocabulary: SourceVocabulary, noun: string) {
  const k = vocabulary.credentialKeys
  const format = { enum: CREDENTIAL_FORMAT_NAMES, description: 'Card format.' }
  const dates = {
    [k.activationDateColumn]: place(`${noun} holding the credential activation date.`),
    [k.expirationDateColumn]: place(`${noun} holding the credential expiration date.`),
  }
  return {
    type: 'array',
    items: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'format', k.column],
          properties: {
            type: { const: 'rawCode' },
            format,
            [k.column]: place(`${noun} holding the raw code (decimal or 0x hexadecimal).`),
            ...dates,
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'format', k.facilityCodeColumn, k.cardNumberColumn],
          properties: {
            type: { const: 'facilityCodeAndCardNumber' },
            format,
            [k.facilityCodeColumn]: place(`${noun} holding the facility code.`),
            [k.cardNumberColumn]: place(`${noun} holding the card number.`),
            ...dates,
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'format', 'facilityCode', k.cardNumberColumn],
          properties: {
            type: { const: 'fixedFacilityCodeAndCardNumber' },
            format,
            facilityCode: {
              type: 'integer',
              minimum: 0,
              description: 'The facility code every credential gets.',
            },
            [k.cardNumberColumn]: place(`${noun} holding the card number.`),
            ...dates,
          },
        },
      ],
    },
  }
}
