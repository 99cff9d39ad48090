/**
 * The user and group properties of Microsoft Graph v1.0, as Graph documents them
 * (learn.microsoft.com, "user resource type", "group resource type"): their JSON kind, whether a
 * list returns them without `$select`, and which `$filter` operators they support. The fake Graph
 * source keeps them; a Graph synchronization configuration maps them. Operators Graph only accepts
 * as an "advanced query" (`ConsistencyLevel: eventual` with `$count=true`) are listed apart, so a
 * plain request using them gets Graph's 400.
 *
 * @module
 */

export type PropertyKind = 'string' | 'boolean' | 'strings' | 'dateTime' | 'object'
export type FilterOperator = 'eq' | 'ne' | 'startswith' | 'endswith' | 'in' | 'ge' | 'le'

export interface PropertySpec {
  readonly kind: PropertyKind
  /** Returned by a list or read without `$select` (Graph's default set). */
  readonly byDefault: boolean
  /** Operators accepted in any request. */
  readonly filter: readonly FilterOperator[]
  /** Operators accepted only with `ConsistencyLevel: eventual` and `$count=true`. */
  readonly advanced: readonly FilterOperator[]
  /** Set by the directory, never by a write (`id`, `createdDateTime`). */
  readonly readOnly?: boolean
}

const TEXT: readonly FilterOperator[] = ['eq', 'startswith', 'in']
const TEXT_ADVANCED: readonly FilterOperator[] = ['ne', 'endswith']

const text = (byDefault: boolean): PropertySpec => ({
  kind: 'string',
  byDefault,
  filter: TEXT,
  advanced: ['ne'],
})

export type ResourceType = 'user' | 'group'

export const USER_PROPERTIES: Readonly<Record<string, PropertySpec>> = {
  id: { kind: 'string', byDefault: true, filter: ['eq', 'in'], advanced: ['ne'], readOnly: true },
  userPrincipalName: { ...text(true), advanced: TEXT_ADVANCED },
  displayName: { ...text(true), advanced: TEXT_ADVANCED },
  givenName: text(true),
  surname: text(true),
  mail: { ...text(true), advanced: TEXT_ADVANCED },
  jobTitle: text(true),
  mobilePhone: text(true),
  officeLocation: text(true),
  preferredLanguage: { kind: 'string', byDefault: true, filter: ['eq'], advanced: ['ne'] },
  businessPhones: { kind: 'strings', byDefault: true, filter: [], advanced: [] },
  accountEnabled: { kind: 'boolean', byDefault: false, filter: ['eq'], advanced: ['ne'] },
  department: text(false),
  companyName: text(false),
  employeeId: text(false),
  employeeType: text(false),
  employeeHireDate: {
    kind: 'dateTime',
    byDefault: false,
    filter: ['eq', 'ge', 'le'],
    advanced: ['ne'],
  },
  mailNickname: text(false),
  userType: { kind: 'string', byDefault: false, filter: ['eq', 'in'], advanced: ['ne'] },
  streetAddress: text(false),
  city: text(false),
  state: text(false),
  postalCode: text(false),
  country: text(false),
  usageLocation: text(false),
  createdDateTime: {
    kind: 'dateTime',
    byDefault: false,
    filter: ['ge', 'le'],
    advanced: ['eq', 'ne'],
    readOnly: true,
  },
  onPremisesImmutableId: { kind: 'string', byDefault: false, filter: ['eq', 'in'], advanced: [] },
  onPremisesSyncEnabled: { kind: 'boolean', byDefault: false, filter: ['eq'], advanced: ['ne'] },
  // Filtering on its members (`onPremisesExtensionAttributes/extensionAttribute1 eq 'x'`) is an
  // advanced query in Graph.
  onPremisesExtensionAttributes: {
    kind: 'object',
    byDefault: false,
    filter: [],
    advanced: ['eq', 'ne', 'in'],
  },
}

export const GROUP_PROPERTIES: Readonly<Record<string, PropertySpec>> = {
  id: { kind: 'string', byDefault: true, filter: ['eq', 'in'], advanced: ['ne'], readOnly: true },
  displayName: { ...text(true), advanced: TEXT_ADVANCED },
  description: { kind: 'string', byDefault: true, filter: ['startswith'], advanced: ['eq', 'ne'] },
  mail: { ...text(true), advanced: TEXT_ADVANCED },
  mailNickname: text(true),
  mailEnabled: { kind: 'boolean', byDefault: true, filter: ['eq'], advanced: ['ne'] },
  securityEnabled: { kind: 'boolean', byDefault: true, filter: ['eq'], advanced: ['ne'] },
  groupTypes: { kind: 'strings', byDefault: true, filter: [], advanced: [] },
  visibility: { kind: 'string', byDefault: true, filter: [], advanced: [] },
  createdDateTime: {
    kind: 'dateTime',
    byDefault: true,
    filter: ['ge', 'le'],
    advanced: ['eq', 'ne'],
    readOnly: true,
  },
  onPremisesSyncEnabled: { kind: 'boolean', byDefault: true, filter: ['eq'], advanced: ['ne'] },
}

/** `extensionAttribute1` … `extensionAttribute15` of `onPremisesExtensionAttributes`. */
export const ON_PREMISES_EXTENSION_KEYS: readonly string[] = Array.from(
  { length: 15 },
  (_, i) => `extensionAttribute${i + 1}`,
)

/**
 * A directory extension property: `extension_{appId without dashes}_{name}`. Returned only on
 * `$select`; filterable with `eq` (and `ne` as an advanced query).
 */
export const EXTENSION_NAME = /^extension_([0-9a-f]{32})_([A-Za-z0-9_]{1,120})$/i

export const EXTENSION_SPEC: PropertySpec = {
  kind: 'string',
  byDefault: false,
  filter: ['eq', 'in'],
  advanced: ['ne'],
}

export function propertiesOf(type: ResourceType): Readonly<Record<string, PropertySpec>> {
  return type === 'user' ? USER_PROPERTIES : GROUP_PROPERTIES
}

/** What `GET /users` returns without `$select`, in Graph's order. */
const DEFAULT_USER_SELECT: readonly string[] = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
]

/** The properties a read returns without `$select`, in Graph's order. */
export function defaultSelect(type: ResourceType): readonly string[] {
  if (type === 'user') return DEFAULT_USER_SELECT
  return Object.entries(GROUP_PROPERTIES)
    .filter(([, spec]) => spec.byDefault)
    .map(([name]) => name)
}
