/**
 * The Cloud CSV configuration model: what one CSV synchronization in ClearID is made of (template,
 * identity field mappings, credential mappings, advanced and management settings), plus the
 * choices ClearID does not document, which the checker and the mock make the same way and which a
 * configuration file can change (`options`). One JSON file holds it (`csv-config.schema.json`
 * describes it; `parseCsvConfig` reads it). docs/cloud-csv.md explains each part with its source.
 *
 * @module
 */

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

/** Identity field mapping types, as in the ClearID portal. */
export const MAPPING_TYPES = ['direct', 'regex', 'fixed'] as const
export type MappingType = (typeof MAPPING_TYPES)[number]

export interface DirectMapping {
  /** The ClearID field (`model/csv/fields.ts`), matched case-insensitively. */
  readonly field: string
  readonly type: 'direct'
  /** The template column, matched case-insensitively. */
  readonly column: string
}

export interface RegexMapping {
  readonly field: string
  readonly type: 'regex'
  readonly column: string
  /** A JavaScript regular expression; every match is replaced (as .NET's `Regex.Replace` does). */
  readonly pattern: string
  /** `$1`, `$<name>` refer to groups. */
  readonly replacement: string
}

export interface FixedMapping {
  readonly field: string
  readonly type: 'fixed'
  readonly value: string
}

export type IdentityMapping = DirectMapping | RegexMapping | FixedMapping

/**
 * The documented credential formats. Bit lengths are those of the HID formats the names refer to:
 * the whole credential, its facility (or company) code and its card number. `facilityBits: 0`:
 * the format has no facility code.
 */
export const CREDENTIAL_FORMATS = {
  standard26: { label: 'Standard 26 bits', bits: 26, facilityBits: 8, cardBits: 16 },
  hidH10306: { label: 'HID H10306 34 bits', bits: 34, facilityBits: 16, cardBits: 16 },
  hidH10302: { label: 'HID H10302 37 bits', bits: 37, facilityBits: 0, cardBits: 35 },
  hidH10304: { label: 'HID H10304 37 bits', bits: 37, facilityBits: 16, cardBits: 19 },
  corporate1000_35: {
    label: 'HID Corporate 1000 35 bits',
    bits: 35,
    facilityBits: 12,
    cardBits: 20,
  },
  corporate1000_48: {
    label: 'HID Corporate 1000 48 bits',
    bits: 48,
    facilityBits: 22,
    cardBits: 23,
  },
  csn32: { label: 'CSN 32 bits', bits: 32, facilityBits: 0, cardBits: 32 },
} as const
export type CredentialFormat = keyof typeof CREDENTIAL_FORMATS
export const CREDENTIAL_FORMAT_NAMES = Object.keys(CREDENTIAL_FORMATS) as CredentialFormat[]

export const CREDENTIAL_TYPES = [
  'rawCode',
  'facilityCodeAndCardNumber',
  'fixedFacilityCodeAndCardNumber',
] as const
export type CredentialType = (typeof CREDENTIAL_TYPES)[number]

interface CredentialDates {
  /** Column holding the credential's activation date. */
  readonly activationDateColumn?: string
  /** Column holding the credential's expiration date. */
  readonly expirationDateColumn?: string
}

export interface RawCodeCredential extends CredentialDates {
  readonly type: 'rawCode'
  readonly format: CredentialFormat
  /** The whole credential as a number: decimal, or hexadecimal with `0x`. */
  readonly column: string
}

export interface FacilityCodeCredential extends CredentialDates {
  readonly type: 'facilityCodeAndCardNumber'
  readonly format: CredentialFormat
  readonly facilityCodeColumn: string
  readonly cardNumberColumn: string
}

export interface FixedFacilityCodeCredential extends CredentialDates {
  readonly type: 'fixedFacilityCodeAndCardNumber'
  readonly format: CredentialFormat
  readonly facilityCode: number
  readonly cardNumberColumn: string
}

export type CredentialMapping =
  RawCodeCredential | FacilityCodeCredential | FixedFacilityCodeCredential

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

/** Date forms accepted besides ISO 8601: .NET's invariant culture reads month first. */
export const DATE_ORDERS = ['month-first', 'day-first', 'iso-only'] as const
export type DateOrder = (typeof DATE_ORDERS)[number]

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
