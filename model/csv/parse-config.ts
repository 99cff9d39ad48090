/**
 * Reads a CSV configuration (the JSON file, or a control-plane body) into a `CsvConfig`, with
 * ClearID's defaults for what it leaves out. Every problem is reported with its JSON path, all at
 * once; nothing throws. `csv-config.schema.json` describes the same shape for editors and CI.
 *
 * @module
 */
import {
  ConfigReader,
  isObject,
  readCredentialMappings,
  readIdentityMappings,
  show,
  type ConfigProblem,
  type SourceVocabulary,
} from '../sync/parse-mappings.ts'
import { DATE_ORDERS } from '../sync/mapping-model.ts'
import {
  CSV_ENCODINGS,
  DEFAULT_CSV_CONFIG,
  DEFAULT_CSV_OPTIONS,
  DELIMITER_NAMES,
  type CsvConfig,
  type CsvOptions,
} from './config.ts'

export type { ConfigProblem }

export type ConfigReading =
  | { readonly config: CsvConfig; readonly problems?: undefined }
  | { readonly config?: undefined; readonly problems: readonly ConfigProblem[] }

/** A CSV configuration names the template's columns. */
export const CSV_VOCABULARY: SourceVocabulary = {
  source: 'column',
  feeds: 'a CSV column can feed',
  credentialKeys: {
    column: 'column',
    facilityCodeColumn: 'facilityCodeColumn',
    cardNumberColumn: 'cardNumberColumn',
    activationDateColumn: 'activationDateColumn',
    expirationDateColumn: 'expirationDateColumn',
  },
}

const TOP = [
  'name',
  'template',
  'identityMappings',
  'credentialMappings',
  'advanced',
  'management',
  'options',
]

export function parseCsvConfig(input: unknown): ConfigReading {
  const r = new ConfigReader()
  if (!isObject(input)) {
    return {
      problems: [
        { path: '', message: `The configuration must be a JSON object, got ${show(input)}.` },
      ],
    }
  }
  r.unknownKeys(input, '', TOP)
  const name = r.string(input, 'name', '', false) ?? DEFAULT_CSV_CONFIG.name
  const template = readTemplate(r, input.template)
  const identityMappings =
    input.identityMappings === undefined
      ? undefined
      : readIdentityMappings(r, input.identityMappings, CSV_VOCABULARY)
  const credentialMappings = readCredentialMappings(r, input.credentialMappings, CSV_VOCABULARY)
  const advanced = isObject(input.advanced) ? input.advanced : {}
  if (input.advanced !== undefined && !isObject(input.advanced))
    r.fail('advanced', 'must be an object.')
  r.unknownKeys(advanced, 'advanced.', ['delimiter', 'encoding'])
  const management = isObject(input.management) ? input.management : {}
  if (input.management !== undefined && !isObject(input.management))
    r.fail('management', 'must be an object.')
  r.unknownKeys(management, 'management.', ['active', 'synchronizePictures'])
  const config: CsvConfig = {
    name,
    ...(template && { template }),
    ...(identityMappings && { identityMappings }),
    credentialMappings,
    advanced: {
      delimiter: r.oneOf(advanced, 'delimiter', 'advanced.', DELIMITER_NAMES, 'comma'),
      encoding: r.oneOf(advanced, 'encoding', 'advanced.', CSV_ENCODINGS, 'UTF-8'),
    },
    management: {
      active: r.boolean(management, 'active', 'management.', false),
      synchronizePictures: r.boolean(management, 'synchronizePictures', 'management.', true),
    },
    options: readOptions(r, input.options),
  }
  if (template) checkColumns(r, config, template)
  return r.problems.length > 0 ? { problems: r.problems } : { config }
}

function readTemplate(r: ConfigReader, value: unknown): string[] | undefined {
  if (value === undefined) return undefined
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((c) => typeof c !== 'string' || c.trim() === '')
  )
    return r.fail(
      'template',
      "must be a non-empty list of column names (the template file's header row).",
    )
  const seen = new Set<string>()
  for (const column of value as string[]) {
    const key = column.trim().toLowerCase()
    if (seen.has(key)) r.fail('template', `names the column "${column}" twice.`)
    seen.add(key)
  }
  return value as string[]
}

function readOptions(r: ConfigReader, value: unknown): CsvOptions {
  if (value === undefined) return DEFAULT_CSV_OPTIONS
  if (!isObject(value)) return r.fail('options', 'must be an object.') ?? DEFAULT_CSV_OPTIONS
  r.unknownKeys(value, 'options.', Object.keys(DEFAULT_CSV_OPTIONS))
  const count = (key: 'maxFileBytes' | 'maxRecordChars'): number => {
    const v = value[key]
    if (v === undefined) return DEFAULT_CSV_OPTIONS[key]
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
      return (
        r.fail(`options.${key}`, `must be a positive integer, got ${show(v)}.`) ??
        DEFAULT_CSV_OPTIONS[key]
      )
    return v
  }
  const d = DEFAULT_CSV_OPTIONS
  return {
    maxFileBytes: count('maxFileBytes'),
    maxRecordChars: count('maxRecordChars'),
    duplicateExternalIds: r.oneOf(
      value,
      'duplicateExternalIds',
      'options.',
      ['error', 'last-wins'],
      d.duplicateExternalIds,
    ),
    dateOrder: r.oneOf(value, 'dateOrder', 'options.', DATE_ORDERS, d.dateOrder),
    removedIdentities: r.oneOf(
      value,
      'removedIdentities',
      'options.',
      ['keep', 'deactivate'],
      d.removedIdentities,
    ),
    emptyValues: r.oneOf(value, 'emptyValues', 'options.', ['keep', 'clear'], d.emptyValues),
  }
}

/** Mappings and credentials must name template columns, when there is a template. */
function checkColumns(r: ConfigReader, config: CsvConfig, template: readonly string[]): void {
  const known = new Set(template.map((c) => c.trim().toLowerCase()))
  const check = (path: string, column: string | undefined) => {
    if (column !== undefined && !known.has(column.trim().toLowerCase()))
      r.fail(
        path,
        `names the column "${column}", which the template does not have (${template.join(', ')}).`,
      )
  }
  config.identityMappings?.forEach((m, i) => {
    if (m.type !== 'fixed') check(`identityMappings[${i}].column`, m.column)
  })
  config.credentialMappings.forEach((m, i) => {
    const columns = m as unknown as Record<string, unknown>
    for (const key of [
      'column',
      'facilityCodeColumn',
      'cardNumberColumn',
      'activationDateColumn',
      'expirationDateColumn',
    ])
      if (typeof columns[key] === 'string') check(`credentialMappings[${i}].${key}`, columns[key])
  })
}
