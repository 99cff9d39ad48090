/**
 * ClearID's attribute rules (seed table; SPEC §2.2), as pure checks over the fields an identity
 * would have after a write. The SCIM endpoint and the REST identity service both call these, so a
 * rule is enforced the same way whichever door a write comes through.
 *
 * @module
 */
import { EXTENSION_ATTRIBUTES } from './attributes.ts'
import { ISO_ALPHA3 } from './country-codes.ts'
import type { AttributeValue } from './identity.ts'

export interface IdentityFields {
  readonly userName?: string
  readonly displayName?: string
  readonly attributes: Readonly<Record<string, AttributeValue | undefined>>
}

export type IssueRule = 'required' | 'firstOrLastName' | 'email' | 'countryCode'

/** A rule a write breaks: the write must be refused. */
export interface ValidationIssue {
  readonly attribute: string
  readonly rule: IssueRule
  readonly message: string
}

/** Pragmatic address check (local@domain.tld), as SPEC §2.2 asks; not full RFC 5322. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/
const THREE_LETTERS = /^[A-Za-z]{3}$/

const blank = (value: AttributeValue | undefined): boolean =>
  value === undefined || (typeof value === 'string' && value.trim() === '')

export function isValidEmail(value: string): boolean {
  return EMAIL.test(value)
}

export function isThreeLetterCode(value: string): boolean {
  return THREE_LETTERS.test(value)
}

/** True for an upper-case ISO 3166-1 alpha-3 code. */
export function isIsoAlpha3(value: string): boolean {
  return ISO_ALPHA3.has(value)
}

export interface ValidationOptions {
  /**
   * Whether `externalId` must be set. SCIM requires it (the seed: it is the synchronization key);
   * ClearID's REST creates identities without one, so the REST identity service passes false.
   */
  readonly externalIdRequired?: boolean
}

/** Every rule the fields break, in a stable order (required fields first). */
export function validateIdentityFields(
  fields: IdentityFields,
  options: ValidationOptions = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const { attributes } = fields
  if (fields.userName === undefined || fields.userName.trim() === '') {
    issues.push({ attribute: 'userName', rule: 'required', message: 'userName is required.' })
  }
  if (fields.displayName === undefined || fields.displayName.trim() === '') {
    issues.push({
      attribute: 'displayName',
      rule: 'required',
      message: 'displayName is required in the ClearID mapping.',
    })
  }
  if ((options.externalIdRequired ?? true) && blank(attributes.externalId)) {
    issues.push({
      attribute: 'externalId',
      rule: 'required',
      message:
        'The ClearID extension attribute externalId is required: it is the synchronization key (map it to the Entra objectId).',
    })
  }
  if (blank(attributes.firstName) && blank(attributes.lastName)) {
    issues.push({
      attribute: 'firstName',
      rule: 'firstOrLastName',
      message: 'firstName or lastName must be supplied (as in the ClearID portal identity form).',
    })
  }
  for (const definition of EXTENSION_ATTRIBUTES) {
    const value = attributes[definition.name]
    if (typeof value !== 'string' || value === '') continue
    if (definition.format === 'email' && !isValidEmail(value)) {
      issues.push({
        attribute: definition.name,
        rule: 'email',
        message: `${definition.name} "${value.slice(0, 100)}" is not a valid e-mail address: use the form local@domain.tld.`,
      })
    }
    if (definition.format === 'countryCode' && !isThreeLetterCode(value)) {
      issues.push({
        attribute: definition.name,
        rule: 'countryCode',
        message: `countryCode "${value.slice(0, 100)}" must be exactly three letters (ISO 3166-1 alpha-3, e.g. "USA", "DEU").`,
      })
    }
  }
  return issues
}
