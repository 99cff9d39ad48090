import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { CSV_FIXTURE_CONFIG } from '../../fixtures/csv-files.ts'
import { CSV_CONFIG_SCHEMA } from './config-schema.ts'
import { DEFAULT_CSV_OPTIONS } from './config.ts'
import { parseCsvConfig } from './parse-config.ts'

const ajv = new Ajv2020({ allErrors: true, strict: false })
const validate = ajv.compile(CSV_CONFIG_SCHEMA)

const BAD: readonly [string, unknown, string][] = [
  ['not an object', [], ''],
  ['unknown top-level key', { name: 'x', delimiter: ';' }, 'delimiter'],
  ['unknown delimiter', { advanced: { delimiter: 'hash' } }, 'advanced.delimiter'],
  ['unknown encoding', { advanced: { encoding: 'UTF-16' } }, 'advanced.encoding'],
  [
    'unknown field',
    { identityMappings: [{ field: 'shoeSize', column: 'Shoe' }] },
    'identityMappings[0].field',
  ],
  [
    'regex without pattern',
    { identityMappings: [{ field: 'email', type: 'regex', column: 'Mail', replacement: '' }] },
    'identityMappings[0].pattern',
  ],
  [
    'fixed without value',
    { identityMappings: [{ field: 'companyName', type: 'fixed' }] },
    'identityMappings[0].value',
  ],
  [
    'direct without column',
    { identityMappings: [{ field: 'email', type: 'direct' }] },
    'identityMappings[0].column',
  ],
  [
    'unknown card format',
    { credentialMappings: [{ type: 'rawCode', format: 'mifare', column: 'Card' }] },
    'credentialMappings[0].format',
  ],
  [
    'fixed facility code without code',
    {
      credentialMappings: [
        { type: 'fixedFacilityCodeAndCardNumber', format: 'standard26', cardNumberColumn: 'Card' },
      ],
    },
    'credentialMappings[0].facilityCode',
  ],
  ['negative size limit', { options: { maxFileBytes: -1 } }, 'options.maxFileBytes'],
]

describe('parseCsvConfig', () => {
  it('gives ClearID defaults for what a file leaves out', () => {
    const { config } = parseCsvConfig({})
    expect(config).toMatchObject({
      advanced: { delimiter: 'comma', encoding: 'UTF-8' },
      management: { active: false, synchronizePictures: true },
      credentialMappings: [],
      options: DEFAULT_CSV_OPTIONS,
    })
    expect(config?.identityMappings).toBeUndefined()
  })

  it('reads the fixture configuration, which the schema accepts too', () => {
    expect(parseCsvConfig(CSV_FIXTURE_CONFIG).problems).toBeUndefined()
    expect(validate(CSV_FIXTURE_CONFIG), JSON.stringify(validate.errors)).toBe(true)
  })

  it.each(BAD)(
    'refuses %s with the path of the problem, as the schema does',
    (_name, input, path) => {
      const { problems } = parseCsvConfig(input)
      expect(problems?.map((p) => p.path)).toContain(path)
      expect(validate(input)).toBe(false)
    },
  )

  it('refuses what only the reader can see: a regex that does not compile, columns the template lacks, a facility code for a format without one', () => {
    const { problems } = parseCsvConfig({
      template: ['Id', 'Mail'],
      identityMappings: [
        { field: 'externalId', column: 'Id' },
        { field: 'email', type: 'regex', column: 'Mail', pattern: '(unclosed', replacement: '$1' },
        { field: 'firstName', column: 'Given' },
      ],
      credentialMappings: [
        {
          type: 'facilityCodeAndCardNumber',
          format: 'csn32',
          facilityCodeColumn: 'Id',
          cardNumberColumn: 'Mail',
        },
      ],
    })
    expect(problems?.map((p) => p.path)).toEqual([
      'identityMappings[1].pattern',
      'credentialMappings[0].format',
      'identityMappings[2].column',
    ])
  })

  it('matches enumerations case-insensitively and keeps the canonical spelling', () => {
    const { config } = parseCsvConfig({
      advanced: { delimiter: 'Semicolon', encoding: 'iso-8859-1' },
    })
    expect(config?.advanced).toEqual({ delimiter: 'semicolon', encoding: 'ISO-8859-1' })
  })
})
