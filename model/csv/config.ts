/**
 * The Cloud CSV configuration model: what one CSV synchronization in ClearID is made of (template,
 * identity field mappings, credential mappings, advanced and management settings), plus the
 * choices ClearID does not document, which the checker and the mock make the same way and which a
 * configuration file can change (`options`). One JSON file holds it (`csv-config.schema.json`
 * describes it; `parseCsvConfig` reads it). docs/cloud-csv.md explains each part with its source.
 *
 * @module
 */
import type {
  CredentialMapping,
  DateOrder,
  IdentityMapping,
  MappingOptions,
} from '../sync/mapping-model.ts'

/** Advanced settings: the documented delimiters (comma is the default). */
export const CSV_DELIMITERS = {
  comma: ',',
  semicolon: ';',
  colon: ':',
  space: ' ',
  tab: '\t',
  pipe: '|',
} as const
export type DelimiterName = keyof typeof CSV_DELIMITERS
export const DELIMITER_NAMES = Object.keys(CSV_DELIMITERS) as DelimiterName[]

/** Advanced settings: the documented encodings (UTF-8 is the default). */
export const CSV_ENCODINGS = ['UTF-8', 'ISO-8859-1'] as const
export type CsvEncoding = (typeof CSV_ENCODINGS)[number]

export interface AdvancedSettings {
  readonly delimiter: DelimiterName
  readonly encoding: CsvEncoding
}

export interface ManagementSettings {
  /** "Activate the configuration": the agent watches its folder. */
  readonly active: boolean
  /** Pictures are synchronized (as for the Entra synchronization's management settings). */
  readonly synchronizePictures: boolean
}

/**
 * What ClearID does not document, chosen here (docs/cloud-csv.md, "Not documented"); the checker
 * and the mock read the same values.
 */
export interface CsvOptions {
  /** Largest file checked or uploaded, in bytes; larger files are refused unread. */
  readonly maxFileBytes: number
  /** Longest record (row) in characters; a longer one is reported and reading stops. */
  readonly maxRecordChars: number
  /** Two rows of one file with the same External ID: an error, or the later row wins. */
  readonly duplicateExternalIds: 'error' | 'last-wins'
  /** How dates other than ISO 8601 are read (`04/05/2026`). */
  readonly dateOrder: DateOrder
  /** Identities a file no longer lists: kept as they are, or made Inactive by an upload. */
  readonly removedIdentities: 'keep' | 'deactivate'
  /** Empty cells of mapped columns: leave the ClearID value alone, or clear it. */
  readonly emptyValues: 'keep' | 'clear'
}

export const DEFAULT_CSV_OPTIONS: CsvOptions = {
  maxFileBytes: 512 * 1024 * 1024,
  maxRecordChars: 128_000,
  duplicateExternalIds: 'error',
  dateOrder: 'month-first',
  removedIdentities: 'keep',
  emptyValues: 'keep',
}

export interface CsvConfig {
  readonly name: string
  /** Template columns (the header row of the template file). */
  readonly template?: readonly string[]
  /**
   * Identity field mappings. Absent: every header name that names a ClearID field maps to it
   * (case-insensitively), which is also how External ID is mapped by default.
   */
  readonly identityMappings?: readonly IdentityMapping[]
  readonly credentialMappings: readonly CredentialMapping[]
  readonly advanced: AdvancedSettings
  readonly management: ManagementSettings
  readonly options: CsvOptions
}

/** ClearID's defaults: comma, UTF-8, header names mapped by name. */
export const DEFAULT_CSV_CONFIG: CsvConfig = {
  name: 'default',
  credentialMappings: [],
  advanced: { delimiter: 'comma', encoding: 'UTF-8' },
  management: { active: false, synchronizePictures: true },
  options: DEFAULT_CSV_OPTIONS,
}

export function delimiterOf(config: Pick<CsvConfig, 'advanced'>): string {
  return CSV_DELIMITERS[config.advanced.delimiter]
}

/** The options that say how a row's text becomes identity values (`model/sync/mapped-identity.ts`). */
export function mappingOptionsOf(config: CsvConfig): MappingOptions {
  return {
    dateOrder: config.options.dateOrder,
    synchronizePictures: config.management.synchronizePictures,
    emptyValues: config.options.emptyValues,
  }
}
