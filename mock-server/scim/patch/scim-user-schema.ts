/**
 * Attributes a SCIM client may legitimately target on a User that ClearID does not store: the rest
 * of the RFC 7643 §4.1 core User schema and the enterprise extension (RFC 7643 §4.3). PATCH paths
 * naming them are ignored with a warning instead of refused, because Entra's default mappings send
 * them (`name.givenName`, `emails[type eq "work"].value`, `…:enterprise:2.0:User:manager`). Anything
 * outside this list and the ClearID catalogue is an unknown path.
 *
 * @module
 */

export interface KnownAttribute {
  readonly name: string
  readonly multiValued: boolean
  /** Lower-case sub-attribute names of a complex attribute; undefined for a simple attribute. */
  readonly subAttributes?: ReadonlySet<string>
  readonly readOnly?: boolean
  /**
   * Entra removes a manager with `manager[value eq "<id>"]` although `manager` is single-valued
   * (entra.md Q6); a tolerant server accepts that filter.
   */
  readonly toleratesFilter?: boolean
}

const subs = (...names: string[]): ReadonlySet<string> =>
  new Set(names.map((name) => name.toLowerCase()))

const MULTI_VALUE_SUBS = subs('value', 'display', 'type', 'primary', '$ref')

const single = (name: string, subAttributes?: ReadonlySet<string>): KnownAttribute =>
  subAttributes === undefined
    ? { name, multiValued: false }
    : { name, multiValued: false, subAttributes }

const multi = (name: string, subAttributes = MULTI_VALUE_SUBS): KnownAttribute => ({
  name,
  multiValued: true,
  subAttributes,
})

/** RFC 7643 §3.1 common attributes and §4.1 User attributes other than ClearID's three. */
const CORE_USER: readonly KnownAttribute[] = [
  { name: 'id', multiValued: false, readOnly: true },
  { name: 'schemas', multiValued: true, readOnly: true },
  {
    name: 'meta',
    multiValued: false,
    readOnly: true,
    subAttributes: subs('resourceType', 'created', 'lastModified', 'location', 'version'),
  },
  single('externalId'),
  single(
    'name',
    subs(
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ),
  ),
  single('nickName'),
  single('profileUrl'),
  single('title'),
  single('userType'),
  single('preferredLanguage'),
  single('locale'),
  single('timezone'),
  single('password'),
  multi('emails'),
  multi('phoneNumbers'),
  multi('ims'),
  multi('photos'),
  multi(
    'addresses',
    subs(
      'formatted',
      'streetAddress',
      'locality',
      'region',
      'postalCode',
      'country',
      'type',
      'primary',
    ),
  ),
  { ...multi('groups'), readOnly: true },
  multi('entitlements'),
  multi('roles'),
  multi('x509Certificates'),
]

/** RFC 7643 §4.3 enterprise User extension. */
const ENTERPRISE_USER: readonly KnownAttribute[] = [
  single('employeeNumber'),
  single('costCenter'),
  single('organization'),
  single('division'),
  single('department'),
  { ...single('manager', subs('value', '$ref', 'displayName')), toleratesFilter: true },
]

const byLowerName = (list: readonly KnownAttribute[]): ReadonlyMap<string, KnownAttribute> =>
  new Map(list.map((attribute) => [attribute.name.toLowerCase(), attribute]))

const coreByLower = byLowerName(CORE_USER)
const enterpriseByLower = byLowerName(ENTERPRISE_USER)

/** A core User attribute ClearID does not store (not userName, displayName or active). */
export function findUnstoredCoreAttribute(name: string): KnownAttribute | undefined {
  return coreByLower.get(name.toLowerCase())
}

export function findEnterpriseAttribute(name: string): KnownAttribute | undefined {
  return enterpriseByLower.get(name.toLowerCase())
}
