/**
 * The ClearID fields a synchronization can feed (a CSV column, a Graph attribute), and how a name
 * finds its field. Every extension attribute of the catalogue (`model/attributes.ts`) is one, plus
 * the display name, the status and the REST-only members a source carries (picture, date of
 * birth, activation and expiration). Names (a CSV header, a mapping's `field`) match a field's
 * catalogue name or one of its portal labels, ignoring case, spaces and punctuation: `externalId`,
 * `External ID`, `external_id`, `First name` and `firstName` all find their field.
 *
 * @module
 */
import { EXTENSION_ATTRIBUTES, type ExtensionAttributeName } from '../attributes.ts'

/** How a value is read: text as is, a boolean, the status, a date, or a picture reference. */
export type SyncFieldKind =
  'text' | 'email' | 'countryCode' | 'boolean' | 'status' | 'date' | 'picture'

/** Where the value lands on the identity. */
export type SyncFieldTarget = 'attribute' | 'displayName' | 'active' | 'rest'

export interface SyncField {
  /** The catalogue (or REST member) name. */
  readonly name: string
  readonly label: string
  readonly kind: SyncFieldKind
  readonly target: SyncFieldTarget
  /** More header names that find this field (portal labels and common spellings). */
  readonly aliases: readonly string[]
}

/** Portal labels (ClearID's identity fields page) of the catalogue attributes. */
const ATTRIBUTE_LABELS: Record<ExtensionAttributeName, readonly [string, ...string[]]> = {
  description: ['Description'],
  firstName: ['First name', 'Given name'],
  lastName: ['Last name', 'Surname', 'Family name'],
  middleName: ['Middle name'],
  countryCode: ['Country', 'Country code'],
  email: ['Business email', 'Email', 'E-mail', 'Email address', 'Mail'],
  employeeNumber: ['Employee number', 'Employee ID'],
  secondaryEmail: ['Personal email', 'Secondary email'],
  cityOfResidence: ['City'],
  stateOfResidence: ['State/Province', 'State', 'Province'],
  zipCode: ['Zip code', 'Postal code'],
  phoneNumberPrimary: ['Phone number', 'Phone'],
  phoneNumberSecondary: ['Mobile phone number', 'Mobile'],
  supervisorName: ['Supervisor name', 'Supervisor', 'Manager'],
  departmentName: ['Department'],
  jobTitle: ['Job title', 'Title'],
  companyName: ['Company'],
  workerTypeDescription: ['Worker type description'],
  workerTypeCode: ['Worker type code', 'Worker type'],
  hasExtendedTime: ['Extended grant time required', 'Extended grant time'],
  externalId: ['External ID'],
  hasWebPortalAccess: ['Web portal access'],
  isAdmin: ['Administrator'],
}

function attributeField(name: ExtensionAttributeName): SyncField {
  const definition = EXTENSION_ATTRIBUTES.find((a) => a.name === name)
  const [label, ...aliases] = ATTRIBUTE_LABELS[name]
  const kind: SyncFieldKind =
    definition?.type === 'boolean'
      ? 'boolean'
      : definition?.format === 'email'
        ? 'email'
        : definition?.format === 'countryCode'
          ? 'countryCode'
          : 'text'
  return { name, label, kind, target: 'attribute', aliases: [label, ...aliases] }
}

export const SYNC_FIELDS: readonly SyncField[] = [
  ...(Object.keys(ATTRIBUTE_LABELS) as ExtensionAttributeName[]).map(attributeField),
  {
    name: 'displayName',
    label: 'Display name',
    kind: 'text',
    target: 'displayName',
    aliases: ['Display name', 'Full name', 'Name'],
  },
  {
    name: 'active',
    label: 'Status',
    kind: 'status',
    target: 'active',
    aliases: ['Status', 'Active'],
  },
  {
    name: 'picture',
    label: 'Picture',
    kind: 'picture',
    target: 'rest',
    aliases: ['Picture', 'Photo'],
  },
  {
    name: 'birthday',
    label: 'Date of birth',
    kind: 'date',
    target: 'rest',
    aliases: ['Date of birth', 'Birth date', 'Birthdate'],
  },
  {
    name: 'activationDateUtc',
    label: 'Activation date',
    kind: 'date',
    target: 'rest',
    aliases: ['Activation date', 'Start date'],
  },
  {
    name: 'expirationDateUtc',
    label: 'Expiration date',
    kind: 'date',
    target: 'rest',
    aliases: ['Expiration date', 'End date'],
  },
]

/** `First name`, `first_name` and `firstName` all become `firstname`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

const BY_NAME = new Map<string, SyncField>()
for (const field of SYNC_FIELDS) {
  for (const name of [field.name, ...field.aliases]) {
    const key = normalizeName(name)
    if (!BY_NAME.has(key)) BY_NAME.set(key, field)
  }
}

const BY_EXACT_NAME = new Map(SYNC_FIELDS.map((f) => [f.name, f]))

/** The field a name (a CSV header, a mapping's `field`) names, if any. */
export function findSyncField(name: string): SyncField | undefined {
  // The canonical name first: rows look their fields up by it, 100,000 times a file.
  return BY_EXACT_NAME.get(name) ?? BY_NAME.get(normalizeName(name))
}
