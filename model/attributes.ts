/**
 * The ClearID SCIM attribute catalogue: the one list that drives the `/Schemas` document, request
 * validation, PATCH path resolution, filtering, projection and the REST identity mapping.
 *
 * Source: the customer's seed "Informationen zu Microsoft Entra ID-Attributfeldern" (the full table),
 * and SPEC §2.2. REST paths follow the seed's grouping (CompanyData, PrivateData, SystemData).
 *
 * @module
 */

export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const CLEARID_USER_EXTENSION = 'urn:ietf:params:scim:schemas:extension:clearid:2.0:User'
export const ENTERPRISE_USER_EXTENSION =
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

/** The Entra feature flag that makes Entra send real JSON booleans (and lower-case PATCH ops). */
export const ENTRA_SCIM2_FLAG = 'aadOptscim062020'

export type AttributeType = 'string' | 'boolean' | 'dateTime' | 'complex'
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly'
export type Returned = 'always' | 'never' | 'default' | 'request'
export type Uniqueness = 'none' | 'server' | 'global'

/** Where an attribute lives in ClearID's identity model (the seed's table groups). */
export type AttributeGroup =
  'core' | 'basic' | 'companyData' | 'privateData' | 'systemData' | 'userPermissions'

/** A format rule the mock enforces beyond the attribute type. */
export type AttributeFormat = 'email' | 'countryCode'

export interface AttributeDefinition {
  /** The catalogue spelling; names match case-insensitively (RFC 7643 §2.1). */
  readonly name: string
  readonly schema: typeof CORE_USER_SCHEMA | typeof CLEARID_USER_EXTENSION
  readonly type: AttributeType
  readonly group: AttributeGroup
  /** Schema-level `required` (RFC 7643 §7). firstName-or-lastName is a cross-field rule, not this. */
  readonly required: boolean
  readonly caseExact: boolean
  readonly mutability: Mutability
  readonly returned: Returned
  readonly uniqueness: Uniqueness
  readonly format?: AttributeFormat
  readonly description: string
}

type Def = Omit<
  AttributeDefinition,
  'schema' | 'caseExact' | 'mutability' | 'returned' | 'uniqueness' | 'required'
> &
  Partial<
    Pick<AttributeDefinition, 'caseExact' | 'mutability' | 'returned' | 'uniqueness' | 'required'>
  >

function core(def: Def): AttributeDefinition {
  return {
    schema: CORE_USER_SCHEMA,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    required: false,
    ...def,
  }
}

/** An extension attribute; its name stays a literal type, so the names form a union. */
function ext<const Name extends string>(
  def: Def & { readonly name: Name },
): AttributeDefinition & { readonly name: Name } {
  return {
    schema: CLEARID_USER_EXTENSION,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    required: false,
    ...def,
  }
}

/** Core User attributes ClearID uses ("the only fields we use from the SCIM core schema"). */
export const CORE_ATTRIBUTES: readonly AttributeDefinition[] = [
  core({
    name: 'userName',
    type: 'string',
    group: 'core',
    required: true,
    uniqueness: 'server',
    description: 'Unique identifier for the user, unique per account (case-insensitive).',
  }),
  core({
    name: 'displayName',
    type: 'string',
    group: 'core',
    required: true,
    description: 'Name shown for the identity. Required in the ClearID mapping.',
  }),
  core({
    name: 'active',
    type: 'boolean',
    group: 'core',
    description:
      'Identity status: true is Active, false is Inactive. A deactivated identity stays readable.',
  }),
]

/** The ClearID extension's attributes with their names as literal types (`ExtensionAttributeName`). */
const EXTENSION_CATALOGUE = [
  // Basic identity fields
  ext({
    name: 'description',
    type: 'string',
    group: 'basic',
    description: 'Free-text description of the identity.',
  }),
  ext({
    name: 'firstName',
    type: 'string',
    group: 'basic',
    description: 'First name. firstName or lastName is required.',
  }),
  ext({
    name: 'lastName',
    type: 'string',
    group: 'basic',
    description: 'Last name. firstName or lastName is required.',
  }),
  ext({ name: 'middleName', type: 'string', group: 'basic', description: 'Middle name.' }),
  ext({
    name: 'countryCode',
    type: 'string',
    group: 'basic',
    format: 'countryCode',
    description: 'Country as exactly three letters (ISO 3166-1 alpha-3 expected).',
  }),
  ext({
    name: 'email',
    type: 'string',
    group: 'basic',
    format: 'email',
    description: 'Business e-mail; must be a valid address.',
  }),
  // CompanyData fields
  ext({
    name: 'employeeNumber',
    type: 'string',
    group: 'companyData',
    description: 'Employee number.',
  }),
  ext({
    name: 'secondaryEmail',
    type: 'string',
    group: 'companyData',
    format: 'email',
    description: 'Secondary e-mail; must be a valid address.',
  }),
  ext({
    name: 'cityOfResidence',
    type: 'string',
    group: 'companyData',
    description: 'City of residence.',
  }),
  ext({
    name: 'stateOfResidence',
    type: 'string',
    group: 'companyData',
    description: 'State or province of residence.',
  }),
  ext({ name: 'zipCode', type: 'string', group: 'companyData', description: 'Postal code.' }),
  ext({
    name: 'phoneNumberPrimary',
    type: 'string',
    group: 'companyData',
    description: 'Primary phone number.',
  }),
  ext({
    name: 'phoneNumberSecondary',
    type: 'string',
    group: 'companyData',
    description: 'Secondary phone number.',
  }),
  // PrivateData fields
  ext({
    name: 'supervisorName',
    type: 'string',
    group: 'privateData',
    description: 'Name of the supervisor.',
  }),
  ext({ name: 'departmentName', type: 'string', group: 'privateData', description: 'Department.' }),
  ext({ name: 'jobTitle', type: 'string', group: 'privateData', description: 'Job title.' }),
  ext({ name: 'companyName', type: 'string', group: 'privateData', description: 'Company.' }),
  ext({
    name: 'workerTypeDescription',
    type: 'string',
    group: 'privateData',
    description: 'Worker type description.',
  }),
  ext({
    name: 'workerTypeCode',
    type: 'string',
    group: 'privateData',
    description: 'Worker type code.',
  }),
  // SystemData fields
  ext({
    name: 'hasExtendedTime',
    type: 'boolean',
    group: 'systemData',
    description: 'Extended grant time required. Boolean; works only with the Entra SCIM 2.0 flag.',
  }),
  ext({
    name: 'externalId',
    type: 'string',
    group: 'systemData',
    required: true,
    caseExact: true,
    uniqueness: 'server',
    description: 'The synchronization key (Entra objectId). Required and unique per account.',
  }),
  // Other custom fields (not part of the identity model itself)
  ext({
    name: 'hasWebPortalAccess',
    type: 'boolean',
    group: 'userPermissions',
    description: 'Web portal access. Boolean; works only with the Entra SCIM 2.0 flag.',
  }),
  ext({
    name: 'isAdmin',
    type: 'boolean',
    group: 'userPermissions',
    description: 'Portal administrator. Boolean; works only with the Entra SCIM 2.0 flag.',
  }),
] as const satisfies readonly AttributeDefinition[]

/**
 * The ClearID extension (`urn:ietf:params:scim:schemas:extension:clearid:2.0:User`), in seed order.
 * Typed wide, so code that looks attributes up by a name it received needs no casts.
 */
export const EXTENSION_ATTRIBUTES: readonly AttributeDefinition[] = EXTENSION_CATALOGUE

/**
 * Attributes the seed lists as not supported (dates and id references), plus two system fields the
 * ClearID help pages also exclude. Sent values are ignored and reported as warnings.
 */
export const UNSUPPORTED_ATTRIBUTES: readonly string[] = [
  'birthday',
  'activationDateUtc',
  'expirationDateUtc',
  'externalSyncTimeUtc',
  'creationOnBehalf',
  'approvers',
  'siteId',
  'provisioningAttributes',
  'customFields',
  'primarySite',
  'culture',
]

/**
 * The extension attribute names, a union of literals (`'firstName' | 'lastName' | …`): a record
 * keyed by it must name every attribute, so a new catalogue entry that the fixtures or a mapping
 * do not cover is a type error.
 */
export type ExtensionAttributeName = (typeof EXTENSION_CATALOGUE)[number]['name']

const coreByLower = new Map(CORE_ATTRIBUTES.map((a) => [a.name.toLowerCase(), a]))
const extByLower = new Map(EXTENSION_ATTRIBUTES.map((a) => [a.name.toLowerCase(), a]))
const unsupportedLower = new Set(UNSUPPORTED_ATTRIBUTES.map((n) => n.toLowerCase()))

/** Looks up a core attribute by name, case-insensitively. */
export function findCoreAttribute(name: string): AttributeDefinition | undefined {
  return coreByLower.get(name.toLowerCase())
}

/** Looks up a ClearID extension attribute by name, case-insensitively. */
export function findExtensionAttribute(name: string): AttributeDefinition | undefined {
  return extByLower.get(name.toLowerCase())
}

export function isUnsupportedAttribute(name: string): boolean {
  return unsupportedLower.has(name.toLowerCase())
}

/** Schema URNs compare case-insensitively (RFC 7643 §2.1 applies to URNs as names). */
export function sameUrn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** True when `key` is the ClearID extension URN in any case. */
export function isExtensionUrn(key: string): boolean {
  return sameUrn(key, CLEARID_USER_EXTENSION)
}

/**
 * Splits a URN-qualified attribute path (`urn:…:clearid:2.0:User:firstName`) into schema and
 * attribute. Returns undefined when `path` does not start with a known schema URN.
 */
export function splitUrnPath(path: string): { schema: string; attribute: string } | undefined {
  const lower = path.toLowerCase()
  for (const schema of [CLEARID_USER_EXTENSION, CORE_USER_SCHEMA, ENTERPRISE_USER_EXTENSION]) {
    const prefix = schema.toLowerCase() + ':'
    if (lower.startsWith(prefix)) return { schema, attribute: path.slice(prefix.length) }
  }
  return undefined
}
