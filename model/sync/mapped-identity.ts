/**
 * The identity a source record makes once mapped (a CSV row, a Graph user): extension attributes,
 * display name, status and the REST-only members (picture, dates), with every rule it breaks. The
 * identity rules are the ones SCIM and REST writes obey (`model/validate.ts`): External ID
 * required, first or last name, e-mail format, three-letter country code; plus how mapped text
 * becomes typed values (booleans, status, dates, pictures).
 *
 * @module
 */
import type { AttributeValue, JsonValue } from '../identity.ts'
import { isIsoAlpha3, validateIdentityFields, type IssueRule } from '../validate.ts'
import { findSyncField } from './fields.ts'
import type { MappingOptions } from './mapping-model.ts'
import { parseSyncBoolean, parseSyncDate, readPicture } from './values.ts'

export type IdentityIssueRule =
  IssueRule | 'countryCodeIso' | 'boolean' | 'status' | 'date' | 'picture'

/** What mapping gave for one record: each mapped field's text, and the mapped fields left empty. */
export interface MappedValues {
  /** Field name to its text; fields whose source value is empty are absent. */
  readonly values: ReadonlyMap<string, string>
  /** Mapped fields whose source value is empty (the source has the place, not a value). */
  readonly empty: readonly string[]
}

export interface IdentityIssue {
  /** The ClearID field. */
  readonly field: string
  readonly rule: IdentityIssueRule
  readonly message: string
  /** `warning`: the write goes through (a non-ISO country code); `error`: ClearID refuses it. */
  readonly severity: 'error' | 'warning'
  /**
   * Only a new identity breaks it (first or last name): a record updating an identity ClearID has
   * may leave the names to the source that made it (files sharing External IDs).
   */
  readonly newOnly?: boolean
}

export interface MappedIdentity {
  readonly externalId?: string
  /** Set by the record: empty means it leaves the display name alone (or derives it). */
  readonly displayName: string
  readonly active?: boolean
  readonly attributes: Readonly<Record<string, AttributeValue>>
  readonly rest: Readonly<Record<string, JsonValue>>
  /** Fields the record clears (empty values, with `emptyValues: clear`). */
  readonly cleared: readonly string[]
  readonly issues: readonly IdentityIssue[]
}

/**
 * Display name when no mapping feeds it: first and last name joined (mock choice: ClearID's pages
 * do not say; the portal shows identities by this name).
 */
export function derivedDisplayName(attributes: Readonly<Record<string, AttributeValue>>): string {
  return [attributes.firstName, attributes.lastName]
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .join(' ')
}

export function mappedIdentity(mapped: MappedValues, options: MappingOptions): MappedIdentity {
  const attributes: Record<string, AttributeValue> = {}
  const rest: Record<string, JsonValue> = {}
  const issues: IdentityIssue[] = []
  let displayName: string | undefined
  let active: boolean | undefined
  for (const [name, value] of mapped.values) {
    const field = findSyncField(name)
    if (!field) continue
    switch (field.kind) {
      case 'boolean': {
        const flag = parseSyncBoolean(value)
        if (flag === undefined)
          issues.push(typeIssue(name, 'boolean', `"${value.slice(0, 40)}" is not true or false.`))
        else attributes[name] = flag
        break
      }
      case 'status': {
        const flag = parseSyncBoolean(value)
        if (flag === undefined)
          issues.push(
            typeIssue(
              name,
              'status',
              `Status "${value.slice(0, 40)}" is none of Active, Inactive, true, false, 1, 0.`,
            ),
          )
        else active = flag
        break
      }
      case 'date': {
        const date = parseSyncDate(value, options.dateOrder)
        if (date === undefined)
          issues.push(typeIssue(name, 'date', `"${value.slice(0, 40)}" is not a date.`))
        else rest[name] = date
        break
      }
      case 'picture': {
        const picture = readPicture(value)
        if (picture.kind === 'invalid')
          issues.push(typeIssue(name, 'picture', `The picture is ${picture.reason}.`))
        else if (options.synchronizePictures) rest[name] = pictureValue(picture, value)
        break
      }
      default:
        if (field.target === 'displayName') displayName = value
        else attributes[name] = value
    }
  }
  const name = displayName ?? derivedDisplayName(attributes)
  const externalId = typeof attributes.externalId === 'string' ? attributes.externalId : undefined
  for (const issue of validateIdentityFields(
    { userName: externalId ?? '-', displayName: name || '-', attributes },
    { externalIdRequired: true },
  )) {
    issues.push({
      field: issue.attribute,
      rule: issue.rule,
      message: issue.message,
      severity: 'error',
      ...(issue.rule === 'firstOrLastName' && { newOnly: true }),
    })
  }
  const country = attributes.countryCode
  if (typeof country === 'string' && /^[A-Za-z]{3}$/.test(country) && !isIsoAlpha3(country)) {
    issues.push({
      field: 'countryCode',
      rule: 'countryCodeIso',
      severity: 'warning',
      message: `countryCode "${country}" is three letters but not an upper-case ISO 3166-1 alpha-3 code ("DEU", "USA").`,
    })
  }
  const cleared = options.emptyValues === 'clear' ? [...mapped.empty] : []
  return {
    ...(externalId !== undefined && { externalId }),
    displayName: name,
    ...(active !== undefined && { active }),
    attributes,
    rest,
    cleared,
    issues,
  }
}

function typeIssue(field: string, rule: IdentityIssueRule, message: string): IdentityIssue {
  return { field, rule, message, severity: 'error' }
}

/** What the identity stores for a picture: the reference as the file gave it, and its form. */
function pictureValue(picture: ReturnType<typeof readPicture>, raw: string): JsonValue {
  if (picture.kind === 'base64')
    return { kind: 'base64', bytes: picture.bytes ?? 0, data: raw.trim() }
  if (picture.kind === 'invalid') return null
  return { kind: picture.kind, path: picture.path ?? raw }
}

/** Whether the record names the identity (a first or last name): later ones may leave it out. */
export function namesIdentity(identity: MappedIdentity): boolean {
  return !identity.issues.some((i) => i.rule === 'firstOrLastName')
}
