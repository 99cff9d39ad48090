/**
 * Reads a CSV configuration (the JSON file, or a control-plane body) into a `CsvConfig`, with
 * ClearID's defaults for what it leaves out. Every problem is reported with its JSON path, all at
 * once; nothing throws. `csv-config.schema.json` describes the same shape for editors and CI.
 *
 * @module
 */
import {
  CREDENTIAL_FORMATS,
  CREDENTIAL_TYPES,
  CSV_ENCODINGS,
  DATE_ORDERS,
  DEFAULT_CSV_CONFIG,
  DEFAULT_CSV_OPTIONS,
  DELIMITER_NAMES,
  MAPPING_TYPES,
  type CredentialMapping,
  type CsvConfig,
  type CsvOptions,
  type IdentityMapping,
} from './config.ts'
import { findCsvField } from './fields.ts'

export interface ConfigProblem {
  /** JSON path, `identityMappings[2].pattern`. */
  readonly path: string
  readonly message: string
}

export type ConfigReading =
  | { readonly config: CsvConfig; readonly problems?: undefined }
  | { readonly config?: undefined; readonly problems: readonly ConfigProblem[] }

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const show = (v: unknown) => JSON.stringify(v)?.slice(0, 60) ?? String(v)

class Reader {
  readonly problems: ConfigProblem[] = []
  fail(path: string, message: string): undefined {
    this.problems.push({ path, message })
    return undefined
  }
  string(o: Json, key: string, path: string, required: boolean): string | undefined {
    const v = o[key]
    if (v === undefined) return required ? this.fail(`${path}${key}`, 'is required.') : undefined
    if (typeof v !== 'string' || v.trim() === '')
      return this.fail(`${path}${key}`, `must be a non-empty string, got ${show(v)}.`)
    return v
  }
  oneOf<T extends string>(
    o: Json,
    key: string,
    path: string,
    allowed: readonly T[],
    fallback: T,
  ): T {
    const v = o[key]
    if (v === undefined) return fallback
    const found = allowed.find((a) => typeof v === 'string' && a.toLowerCase() === v.toLowerCase())
    if (found === undefined)
      this.fail(`${path}${key}`, `must be one of ${allowed.join(', ')}; got ${show(v)}.`)
    return found ?? fallback
  }
  boolean(o: Json, key: string, path: string, fallback: boolean): boolean {
    const v = o[key]
    if (v === undefined) return fallback
    if (typeof v !== 'boolean') this.fail(`${path}${key}`, `must be true or false, got ${show(v)}.`)
    return typeof v === 'boolean' ? v : fallback
  }
  unknownKeys(o: Json, path: string, known: readonly string[]): void {
    for (const key of Object.keys(o))
      if (!known.includes(key) && key !== '$schema')
        this.fail(`${path}${key}`, `is not a configuration setting (known: ${known.join(', ')}).`)
  }
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
  const r = new Reader()
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
    input.identityMappings === undefined ? undefined : readMappings(r, input.identityMappings)
  const credentialMappings = readCredentials(r, input.credentialMappings)
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

function readTemplate(r: Reader, value: unknown): string[] | undefined {
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

function readMappings(r: Reader, value: unknown): IdentityMapping[] | undefined {
  if (!Array.isArray(value)) return r.fail('identityMappings', 'must be a list of mappings.')
  const out: IdentityMapping[] = []
  const fields = new Set<string>()
  value.forEach((item, i) => {
    const path = `identityMappings[${i}].`
    if (!isObject(item)) return r.fail(`identityMappings[${i}]`, 'must be an object.')
    const field = r.string(item, 'field', path, true)
    const type = r.oneOf(item, 'type', path, MAPPING_TYPES, 'direct')
    r.unknownKeys(item, path, ['field', 'type', 'column', 'pattern', 'replacement', 'value'])
    if (field !== undefined) {
      const known = findCsvField(field)
      if (!known) r.fail(`${path}field`, `"${field}" is not a ClearID field a CSV column can feed.`)
      else if (fields.has(known.name)) r.fail(`${path}field`, `maps ${known.name} a second time.`)
      else fields.add(known.name)
    }
    if (type === 'fixed') {
      if (typeof item.value !== 'string')
        return r.fail(
          `${path}value`,
          'is required for a Fixed mapping: the text every identity gets.',
        )
      if (field) out.push({ field, type, value: item.value })
      return
    }
    const column = r.string(item, 'column', path, true)
    if (type === 'direct') {
      if (field && column) out.push({ field, type, column })
      return
    }
    const pattern = r.string(item, 'pattern', path, true)
    const replacement = item.replacement
    if (typeof replacement !== 'string')
      r.fail(
        `${path}replacement`,
        'is required for a Regex mapping (a string; "$1" refers to a group).',
      )
    if (pattern !== undefined) {
      try {
        new RegExp(pattern, 'g')
      } catch (error) {
        r.fail(`${path}pattern`, `is not a valid regular expression: ${(error as Error).message}`)
      }
    }
    if (field && column && pattern !== undefined && typeof replacement === 'string')
      out.push({ field, type, column, pattern, replacement })
  })
  return out
}

const CREDENTIAL_KEYS: Record<CredentialMapping['type'], readonly string[]> = {
  rawCode: ['column'],
  facilityCodeAndCardNumber: ['facilityCodeColumn', 'cardNumberColumn'],
  fixedFacilityCodeAndCardNumber: ['cardNumberColumn'],
}

function readCredentials(r: Reader, value: unknown): CredentialMapping[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) return r.fail('credentialMappings', 'must be a list.') ?? []
  const out: CredentialMapping[] = []
  value.forEach((item, i) => {
    const path = `credentialMappings[${i}].`
    if (!isObject(item)) return r.fail(`credentialMappings[${i}]`, 'must be an object.')
    const type = r.oneOf(item, 'type', path, CREDENTIAL_TYPES, 'rawCode')
    if (item.type === undefined)
      r.fail(`${path}type`, `is required: ${CREDENTIAL_TYPES.join(', ')}.`)
    const names = Object.keys(CREDENTIAL_FORMATS) as (keyof typeof CREDENTIAL_FORMATS)[]
    const format = r.oneOf(item, 'format', path, names, 'standard26')
    if (item.format === undefined) r.fail(`${path}format`, `is required: ${names.join(', ')}.`)
    const keys = CREDENTIAL_KEYS[type]
    r.unknownKeys(item, path, [
      'type',
      'format',
      'facilityCode',
      'activationDateColumn',
      'expirationDateColumn',
      ...keys,
    ])
    const columns: Record<string, string> = {}
    for (const key of [...keys, 'activationDateColumn', 'expirationDateColumn']) {
      const column = r.string(item, key, path, keys.includes(key))
      if (column !== undefined) columns[key] = column
    }
    const spec = CREDENTIAL_FORMATS[format]
    if (type !== 'rawCode' && spec.facilityBits === 0)
      r.fail(`${path}format`, `${spec.label} has no facility code: use the rawCode type with it.`)
    let facilityCode = 0
    if (type === 'fixedFacilityCodeAndCardNumber') {
      const fc = item.facilityCode
      if (typeof fc !== 'number' || !Number.isInteger(fc) || fc < 0 || fc >= 2 ** spec.facilityBits)
        r.fail(
          `${path}facilityCode`,
          `must be an integer 0–${2 ** spec.facilityBits - 1} for ${spec.label}, got ${show(fc)}.`,
        )
      else facilityCode = fc
    }
    out.push({
      type,
      format,
      ...(type === 'fixedFacilityCodeAndCardNumber' && { facilityCode }),
      ...columns,
    } as unknown as CredentialMapping)
  })
  return out
}

function readOptions(r: Reader, value: unknown): CsvOptions {
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
function checkColumns(r: Reader, config: CsvConfig, template: readonly string[]): void {
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
