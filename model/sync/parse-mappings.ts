/**
 * Reading the parts of a synchronization configuration every source shares, from its JSON (a
 * configuration file, a control-plane body): identity field mappings and credential mappings. A
 * source names its places in its own terms (a CSV `column`, a Graph `attribute`; its
 * `SourceVocabulary`); the model keeps one shape (`mapping-model.ts`). Every problem is reported with
 * its JSON path, all at once; nothing throws.
 *
 * @module
 */
import type { CredentialColumn } from './credentials.ts'
import { findSyncField } from './fields.ts'
import { mappingRegex } from './apply-mapping.ts'
import {
  CREDENTIAL_FORMAT_NAMES,
  CREDENTIAL_FORMATS,
  CREDENTIAL_TYPES,
  MAPPING_TYPES,
  type CredentialMapping,
  type IdentityMapping,
} from './mapping-model.ts'

export interface ConfigProblem {
  /** JSON path, `identityMappings[2].pattern`. */
  readonly path: string
  readonly message: string
}

export type Json = Record<string, unknown>
export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
export const show = (v: unknown): string => JSON.stringify(v)?.slice(0, 60) ?? String(v)

/** Collects problems while reading; each reader returns a fallback so reading goes on. */
export class ConfigReader {
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
  /** An object member (absent: `{}`), or a problem. */
  object(o: Json, key: string, path = ''): Json {
    const v = o[key]
    if (v === undefined) return {}
    if (!isObject(v)) {
      this.fail(`${path}${key}`, 'must be an object.')
      return {}
    }
    return v
  }
}

/** How a source's configuration JSON names the places values come from. */
export interface SourceVocabulary {
  /** The key of a Direct or Regex mapping's place: `column`, `attribute`. */
  readonly source: string
  /** Completes "is not a ClearID field …": `a CSV column can feed`. */
  readonly feeds: string
  /** The JSON key of each place a credential mapping reads, by its member in the model. */
  readonly credentialKeys: Readonly<Record<CredentialColumn, string>>
}

/** The places each credential type reads besides its dates, by model member. */
const CREDENTIAL_PLACES: Record<CredentialMapping['type'], readonly CredentialColumn[]> = {
  rawCode: ['column'],
  facilityCodeAndCardNumber: ['facilityCodeColumn', 'cardNumberColumn'],
  fixedFacilityCodeAndCardNumber: ['cardNumberColumn'],
}
const DATE_PLACES: readonly CredentialColumn[] = ['activationDateColumn', 'expirationDateColumn']

export function readIdentityMappings(
  r: ConfigReader,
  value: unknown,
  vocabulary: SourceVocabulary,
): IdentityMapping[] | undefined {
  if (!Array.isArray(value)) return r.fail('identityMappings', 'must be a list of mappings.')
  const source = vocabulary.source
  const out: IdentityMapping[] = []
  const fields = new Set<string>()
  value.forEach((item, i) => {
    const path = `identityMappings[${i}].`
    if (!isObject(item)) return r.fail(`identityMappings[${i}]`, 'must be an object.')
    const field = r.string(item, 'field', path, true)
    const type = r.oneOf(item, 'type', path, MAPPING_TYPES, 'direct')
    r.unknownKeys(item, path, ['field', 'type', source, 'pattern', 'replacement', 'value'])
    if (field !== undefined) {
      const known = findSyncField(field)
      if (!known) r.fail(`${path}field`, `"${field}" is not a ClearID field ${vocabulary.feeds}.`)
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
    const column = r.string(item, source, path, true)
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
        mappingRegex(pattern)
      } catch (error) {
        r.fail(`${path}pattern`, `is not a valid regular expression: ${(error as Error).message}`)
      }
    }
    if (field && column && pattern !== undefined && typeof replacement === 'string')
      out.push({ field, type, column, pattern, replacement })
  })
  return out
}

export function readCredentialMappings(
  r: ConfigReader,
  value: unknown,
  vocabulary: SourceVocabulary,
): CredentialMapping[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) return r.fail('credentialMappings', 'must be a list.') ?? []
  const keyOf = (place: CredentialColumn) => vocabulary.credentialKeys[place]
  const out: CredentialMapping[] = []
  value.forEach((item, i) => {
    const path = `credentialMappings[${i}].`
    if (!isObject(item)) return r.fail(`credentialMappings[${i}]`, 'must be an object.')
    const type = r.oneOf(item, 'type', path, CREDENTIAL_TYPES, 'rawCode')
    if (item.type === undefined)
      r.fail(`${path}type`, `is required: ${CREDENTIAL_TYPES.join(', ')}.`)
    const format = r.oneOf(item, 'format', path, CREDENTIAL_FORMAT_NAMES, 'standard26')
    if (item.format === undefined)
      r.fail(`${path}format`, `is required: ${CREDENTIAL_FORMAT_NAMES.join(', ')}.`)
    const places = CREDENTIAL_PLACES[type]
    r.unknownKeys(item, path, [
      'type',
      'format',
      'facilityCode',
      ...[...places, ...DATE_PLACES].map(keyOf),
    ])
    const columns: Partial<Record<CredentialColumn, string>> = {}
    for (const place of [...places, ...DATE_PLACES]) {
      const column = r.string(item, keyOf(place), path, places.includes(place))
      if (column !== undefined) columns[place] = column
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

/** The places (columns, attributes) a credential mapping reads, dates included. */
export function credentialPlaces(mapping: CredentialMapping): string[] {
  const record = mapping as unknown as Partial<Record<CredentialColumn, string>>
  return [...CREDENTIAL_PLACES[mapping.type], ...DATE_PLACES].flatMap((place) => {
    const name = record[place]
    return name === undefined ? [] : [name]
  })
}
