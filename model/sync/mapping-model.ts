/**
 * The mapping model Cloud CSV and the Entra ID (Graph) synchronization share, as ClearID documents
 * it for both: identity field mappings (Direct, Regex, Fixed) and credential mappings (raw code,
 * facility code and card number, fixed facility code), with the documented card formats; and how
 * dates other than ISO 8601 are read. A source's configuration (`model/csv/config.ts`,
 * `model/graph/config.ts`) holds these; `parse-mappings.ts` reads them from its JSON.
 *
 * @module
 */

/** Identity field mapping types, as in the ClearID portal. */
export const MAPPING_TYPES = ['direct', 'regex', 'fixed'] as const
export type MappingType = (typeof MAPPING_TYPES)[number]

export interface DirectMapping {
  /** The ClearID field (`fields.ts`), matched case-insensitively. */
  readonly field: string
  readonly type: 'direct'
  /**
   * Where the value comes from, in the source's terms: a template column (Cloud CSV, matched
   * case-insensitively) or a user attribute (Graph, `attribute` in its configuration file).
   */
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

/**
 * Credential mappings name where each value comes from as a column (Cloud CSV); a Graph
 * configuration file names the same places as attributes (`cardNumberAttribute`), read into these
 * members (`parse-mappings.ts`).
 */
interface CredentialDates {
  /** Where the credential's activation date comes from. */
  readonly activationDateColumn?: string
  /** Where the credential's expiration date comes from. */
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

/** Date forms accepted besides ISO 8601: .NET's invariant culture reads month first. */
export const DATE_ORDERS = ['month-first', 'day-first', 'iso-only'] as const
export type DateOrder = (typeof DATE_ORDERS)[number]

/** How mapped text becomes an identity's values (`mapped-identity.ts`), whatever the source. */
export interface MappingOptions {
  /** How dates other than ISO 8601 are read. */
  readonly dateOrder: DateOrder
  /** Whether a mapped picture is kept (the management setting "Synchronize pictures"). */
  readonly synchronizePictures: boolean
  /** Empty source values of mapped fields: leave the ClearID value alone, or clear it. */
  readonly emptyValues: 'keep' | 'clear'
}
