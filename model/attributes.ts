/**
 * The ClearID SCIM attribute catalogue: the one list that drives the `/Schemas` document, request
 * validation, PATCH path resolution, filtering, projection and the REST identity mapping.
 *
 * Source: the customer's seed "Informationen zu Microsoft Entra ID-Attributfeldern" (the full table),
 * and SPEC §2.2. The seed's headings (`group`) describe SCIM, which is flat; where each attribute sits
 * in ClearID's REST JSON (`rest`) is taken from the code of real ClearID clients, cited per attribute
 * (`rest-sources.ts`), and differs from the headings for half of them.
 *
 * @module
 */
import {
  hubClient,
  hubLabels,
  hubMirror,
  sailpointAccount,
  sailpointHttp,
  sailpointIndex,
  sailpointSpec,
} from './rest-sources.ts'

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

/** The seed table's heading an attribute is listed under (SCIM documentation; not a REST path). */
export type AttributeGroup =
  'core' | 'basic' | 'companyData' | 'privateData' | 'systemData' | 'userPermissions'

/** Where a member sits in ClearID's REST identity JSON: the top level or one nested object. */
export type RestGroup = 'top' | 'privateData' | 'companyData' | 'systemData' | 'userPermissions'

/** The REST place of an attribute and the evidence for it (client code, or "mock choice: why"). */
export interface RestPlacement {
  readonly group: RestGroup
  /** The REST member name when it is not the catalogue name (`active` is `status`). */
  readonly member?: string
  readonly sources: readonly string[]
}

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
  /** Where the REST identity carries it; absent for `userName`, which ClearID's REST has not. */
  readonly rest?: RestPlacement
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
  def: Def & { readonly name: Name; readonly rest: RestPlacement },
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
    rest: {
      group: 'top',
      sources: [sailpointAccount('object.displayName'), hubMirror('i.displayName')],
    },
  }),
  core({
    name: 'active',
    type: 'boolean',
    group: 'core',
    description:
      'Identity status: true is Active, false is Inactive. A deactivated identity stays readable.',
    rest: {
      group: 'top',
      member: 'status',
      sources: [sailpointIndex('PATCH {eTag, status: "Inactive"}'), hubMirror('i.status')],
    },
  }),
]

const top = (...sources: string[]): RestPlacement => ({ group: 'top', sources })
const privateData = (...sources: string[]): RestPlacement => ({ group: 'privateData', sources })
const companyData = (...sources: string[]): RestPlacement => ({ group: 'companyData', sources })
const systemData = (...sources: string[]): RestPlacement => ({ group: 'systemData', sources })

/** The ClearID extension's attributes with their names as literal types (`ExtensionAttributeName`). */
const EXTENSION_CATALOGUE = [
  // Basic identity fields
  ext({
    name: 'description',
    type: 'string',
    group: 'basic',
    description: 'Free-text description of the identity.',
    rest: top(sailpointAccount('object.description'), hubMirror('i.description')),
  }),
  ext({
    name: 'firstName',
    type: 'string',
    group: 'basic',
    description: 'First name. firstName or lastName is required.',
    rest: top(sailpointAccount('object.firstName'), hubMirror('i.firstName')),
  }),
  ext({
    name: 'lastName',
    type: 'string',
    group: 'basic',
    description: 'Last name. firstName or lastName is required.',
    rest: top(sailpointAccount('object.lastName'), hubMirror('i.lastName')),
  }),
  ext({
    name: 'middleName',
    type: 'string',
    group: 'basic',
    description: 'Middle name.',
    rest: top(hubMirror('i.middleName'), hubClient('PUT body middleName')),
  }),
  ext({
    name: 'countryCode',
    type: 'string',
    group: 'basic',
    format: 'countryCode',
    description: 'Country as exactly three letters (ISO 3166-1 alpha-3 expected).',
    rest: top(sailpointAccount('object.countryCode'), hubMirror('i.countryCode')),
  }),
  ext({
    name: 'email',
    type: 'string',
    group: 'basic',
    format: 'email',
    description: 'Business e-mail; must be a valid address.',
    rest: top(sailpointAccount('object.email'), hubMirror('i.email')),
  }),
  // Listed under CompanyData in the seed; ClearID's REST puts them in privateData.
  ext({
    name: 'employeeNumber',
    type: 'string',
    group: 'companyData',
    description: 'Employee number.',
    rest: privateData(
      sailpointAccount('object.privateData.employeeNumber'),
      sailpointSpec('"privateData.employeeNumber"'),
      hubLabels('private_employee_number'),
      hubMirror('priv.employeeNumber'),
    ),
  }),
  ext({
    name: 'secondaryEmail',
    type: 'string',
    group: 'companyData',
    format: 'email',
    description: 'Secondary e-mail; must be a valid address.',
    rest: privateData(
      sailpointAccount('object.privateData.secondaryEmail'),
      sailpointSpec('"privateData.secondaryEmail"'),
      hubLabels('private_secondary_email'),
      hubMirror('priv.secondaryEmail'),
    ),
  }),
  ext({
    name: 'cityOfResidence',
    type: 'string',
    group: 'companyData',
    description: 'City of residence.',
    rest: privateData(hubMirror('priv.cityOfResidence')),
  }),
  ext({
    name: 'stateOfResidence',
    type: 'string',
    group: 'companyData',
    description: 'State or province of residence.',
    rest: privateData(hubMirror('priv.stateOfResidence')),
  }),
  ext({
    name: 'zipCode',
    type: 'string',
    group: 'companyData',
    description: 'Postal code.',
    rest: privateData(hubMirror('priv.zipCode')),
  }),
  ext({
    name: 'phoneNumberPrimary',
    type: 'string',
    group: 'companyData',
    description: 'Primary phone number.',
    rest: privateData(
      sailpointAccount('object.privateData.phoneNumberPrimary'),
      hubLabels('private_phone_primary'),
      hubMirror('priv.phoneNumberPrimary'),
    ),
  }),
  ext({
    name: 'phoneNumberSecondary',
    type: 'string',
    group: 'companyData',
    description: 'Secondary phone number.',
    rest: privateData(hubLabels('private_phone_secondary'), hubMirror('priv.phoneNumberSecondary')),
  }),
  // Listed under PrivateData in the seed; ClearID's REST puts them in companyData.
  ext({
    name: 'supervisorName',
    type: 'string',
    group: 'privateData',
    description: 'Name of the supervisor.',
    rest: companyData(hubLabels('company_supervisor_name'), hubMirror('comp.supervisorName')),
  }),
  ext({
    name: 'departmentName',
    type: 'string',
    group: 'privateData',
    description: 'Department.',
    rest: companyData(
      sailpointAccount('object.companyData.departmentName'),
      sailpointSpec('"companyData.departmentName"'),
      hubLabels('company_department_name'),
      hubMirror('comp.departmentName'),
    ),
  }),
  ext({
    name: 'jobTitle',
    type: 'string',
    group: 'privateData',
    description: 'Job title.',
    rest: companyData(
      sailpointAccount('object.companyData.jobTitle'),
      sailpointSpec('"companyData.jobTitle"'),
      hubLabels('company_job_title'),
      hubMirror('comp.jobTitle'),
    ),
  }),
  ext({
    name: 'companyName',
    type: 'string',
    group: 'privateData',
    description: 'Company.',
    rest: companyData(
      sailpointAccount('object.companyData.companyName'),
      sailpointSpec('"companyData.companyName"'),
      hubLabels('company_name'),
      hubMirror('comp.companyName'),
    ),
  }),
  ext({
    name: 'workerTypeDescription',
    type: 'string',
    group: 'privateData',
    description: 'Worker type description.',
    rest: companyData(hubMirror('comp.workerTypeDescription')),
  }),
  ext({
    name: 'workerTypeCode',
    type: 'string',
    group: 'privateData',
    description: 'Worker type code.',
    rest: companyData(hubLabels('company_worker_type_code'), hubMirror('comp.workerTypeCode')),
  }),
  // SystemData fields
  ext({
    name: 'hasExtendedTime',
    type: 'boolean',
    group: 'systemData',
    description: 'Extended grant time required. Boolean; works only with the Entra SCIM 2.0 flag.',
    rest: systemData(hubMirror('sys.hasExtendedTime'), hubClient('PUT systemData.hasExtendedTime')),
  }),
  ext({
    name: 'externalId',
    type: 'string',
    group: 'systemData',
    required: true,
    caseExact: true,
    uniqueness: 'server',
    description: 'The synchronization key (Entra objectId). Required and unique per account.',
    rest: systemData(
      sailpointSpec('"systemData.externalId"'),
      hubLabels('system_external_id'),
      hubMirror('sys.externalId'),
      hubClient('PUT systemData.externalId'),
    ),
  }),
  // Other custom fields (not part of the identity model itself)
  ext({
    name: 'hasWebPortalAccess',
    type: 'boolean',
    group: 'userPermissions',
    description: 'Web portal access. Boolean; works only with the Entra SCIM 2.0 flag.',
    rest: {
      group: 'userPermissions',
      sources: [
        sailpointHttp('include=UserPermissions (the object exists)'),
        'mock choice: no client reads its members; they keep the SCIM extension names',
      ],
    },
  }),
  ext({
    name: 'isAdmin',
    type: 'boolean',
    group: 'userPermissions',
    description: 'Portal administrator. Boolean; works only with the Entra SCIM 2.0 flag.',
    rest: {
      group: 'userPermissions',
      sources: [
        sailpointHttp('include=UserPermissions (the object exists)'),
        'mock choice: no client reads its members; they keep the SCIM extension names',
      ],
    },
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
