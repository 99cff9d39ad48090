/**
 * Card credentials from a source record (a CSV row, a Graph user): the raw code, or facility code
 * and card number (from the record or a fixed facility code), checked against the bit lengths of
 * the configured format, and the activation and expiration dates when the record holds them.
 *
 * @module
 */
import {
  CREDENTIAL_FORMATS,
  type CredentialFormat,
  type CredentialMapping,
} from './mapping-model.ts'

/** A credential ClearID would make from one record. */
export interface SyncCredential {
  readonly format: CredentialFormat
  /** Decimal text (BigInt-safe): formats reach 48 bits. */
  readonly rawCode?: string
  readonly facilityCode?: string
  readonly cardNumber?: string
  readonly activationDate?: string
  readonly expirationDate?: string
}

/** The places a credential mapping reads (columns, or attributes), by role. */
export type CredentialColumn =
  | 'column'
  | 'facilityCodeColumn'
  | 'cardNumberColumn'
  | 'activationDateColumn'
  | 'expirationDateColumn'

export interface CredentialIssue {
  readonly column: CredentialColumn
  readonly message: string
}

const DECIMAL = /^\d+$/
const HEX = /^0[xX][0-9A-Fa-f]+$/

/** A non-negative integer written in decimal (or hexadecimal with `0x` when `hex`), or undefined. */
export function parseCardNumber(value: string, hex: boolean): bigint | undefined {
  const text = value.trim()
  if (DECIMAL.test(text)) return BigInt(text)
  if (hex && HEX.test(text)) return BigInt(text)
  return undefined
}

function fits(value: bigint, bits: number): boolean {
  return value < 1n << BigInt(bits)
}

function numberIssue(
  column: CredentialColumn,
  what: string,
  raw: string,
  bits: number,
  label: string,
  hex: boolean,
): CredentialIssue | bigint {
  const value = parseCardNumber(raw, hex)
  const max = ((1n << BigInt(bits)) - 1n).toString()
  if (value === undefined) {
    const forms = hex ? 'a decimal or 0x-hexadecimal number' : 'a decimal number'
    return { column, message: `${what} "${raw.slice(0, 40)}" is not ${forms}.` }
  }
  if (!fits(value, bits)) {
    return {
      column,
      message: `${what} ${value} does not fit the ${bits} bits of ${label}: it must be 0–${max}.`,
    }
  }
  return value
}

/**
 * The credential of one record under `mapping`; `read(place)` gives a value by the mapping's column
 * or attribute name (undefined when it is missing or empty). No card number: no credential.
 */
export function readCredential(
  mapping: CredentialMapping,
  read: (column: string) => string | undefined,
  readDate: (raw: string) => string | undefined,
): { credential?: SyncCredential; issues: CredentialIssue[] } {
  const format = CREDENTIAL_FORMATS[mapping.format]
  const issues: CredentialIssue[] = []
  const out: { -readonly [K in keyof SyncCredential]: SyncCredential[K] } = {
    format: mapping.format,
  }
  if (mapping.type === 'rawCode') {
    const raw = read(mapping.column)
    if (raw === undefined) return { issues }
    const value = numberIssue('column', 'The raw code', raw, format.bits, format.label, true)
    if (typeof value !== 'bigint') return { issues: [value] }
    out.rawCode = value.toString()
  } else {
    const card = read(mapping.cardNumberColumn)
    if (card === undefined) return { issues }
    const number = numberIssue(
      'cardNumberColumn',
      'The card number',
      card,
      format.cardBits,
      format.label,
      false,
    )
    if (typeof number === 'bigint') out.cardNumber = number.toString()
    else issues.push(number)
    const facilityRaw =
      mapping.type === 'fixedFacilityCodeAndCardNumber'
        ? String(mapping.facilityCode)
        : read(mapping.facilityCodeColumn)
    if (facilityRaw === undefined) {
      issues.push({
        column: 'facilityCodeColumn',
        message: `The facility code is empty but there is a card number: ${format.label} needs both.`,
      })
    } else {
      const facility = numberIssue(
        'facilityCodeColumn',
        'The facility code',
        facilityRaw,
        format.facilityBits,
        format.label,
        false,
      )
      if (typeof facility === 'bigint') out.facilityCode = facility.toString()
      else issues.push(facility)
    }
  }
  for (const [role, key] of [
    ['activationDateColumn', 'activationDate'],
    ['expirationDateColumn', 'expirationDate'],
  ] as const) {
    const column = mapping[role]
    const raw = column === undefined ? undefined : read(column)
    if (raw === undefined) continue
    const date = readDate(raw)
    if (date === undefined) {
      issues.push({ column: role, message: `"${raw.slice(0, 40)}" is not a date.` })
    } else out[key] = date
  }
  if (out.activationDate && out.expirationDate && out.expirationDate < out.activationDate) {
    issues.push({
      column: 'expirationDateColumn',
      message: `The credential expires (${out.expirationDate}) before it is activated (${out.activationDate}).`,
    })
  }
  return issues.length > 0 ? { issues } : { credential: out, issues }
}

/** A stable key of the card itself (format and numbers), to tell a new credential from a known one. */
export function credentialKey(credential: SyncCredential): string {
  return [
    credential.format,
    credential.rawCode ?? '',
    credential.facilityCode ?? '',
    credential.cardNumber ?? '',
  ].join(':')
}
