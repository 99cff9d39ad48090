/**
 * The part of the catalogue that only ClearID's REST identity has: members that SCIM does not carry
 * (the seed lists most of them as "not supported" through SCIM, `UNSUPPORTED_ATTRIBUTES`) but that
 * real ClearID clients write and read, and the output-only members every REST identity shows. Each
 * entry records where it sits and the client code that shows it there (`rest-sources.ts`).
 *
 * @module
 */
import type { RestGroup } from './attributes.ts'
import {
  hubClient,
  hubLabels,
  hubMirror,
  sailpointAccount,
  sailpointHttp,
  sailpointIndex,
} from './rest-sources.ts'

/**
 * How a REST-only value is checked and stored:
 * - `string`: a JSON string;
 * - `date`, `dateTime`: an ISO 8601 date (`2026-01-31`) or date-time, stored as sent;
 * - `approvers`: `[{approverId}]`; `provisioningAttributes`: `[{name}]`;
 *   `customFields`: `[{customFieldType?, customFieldName, customFieldValue}]`;
 * - `opaque`: any JSON value, stored as sent (the shape is not public and no client reads inside);
 * - `opaqueObject`: the same, but a JSON object.
 */
export type RestValueKind =
  | 'string'
  | 'date'
  | 'dateTime'
  | 'approvers'
  | 'provisioningAttributes'
  | 'customFields'
  | 'opaque'
  | 'opaqueObject'

export interface RestOnlyMember {
  readonly name: string
  readonly group: RestGroup
  readonly kind: RestValueKind
  /**
   * The `include=` value (lower case) that adds this top-level member to a GET; members without it
   * are always returned (top level) or come with their nested object.
   */
  readonly include?: string
  readonly description: string
  readonly sources: readonly string[]
}

/** REST-only members clients write, in the order they are rendered within their group. */
export const REST_ONLY_MEMBERS: readonly RestOnlyMember[] = [
  {
    name: 'culture',
    group: 'top',
    kind: 'string',
    description: 'Culture (language) of the identity, such as "pt-BR".',
    sources: [hubLabels('culture'), hubMirror('i.culture'), hubClient('PUT body culture')],
  },
  {
    name: 'identityType',
    group: 'top',
    kind: 'string',
    description:
      'Identity type (for example "Employee"). Stored as sent: the hub sends it lower-cased.',
    sources: [hubLabels('identity_type'), hubMirror('i.identityType'), hubClient('create body')],
  },
  {
    name: 'picture',
    group: 'top',
    kind: 'opaque',
    description: 'Picture of the identity; its JSON shape is not public, so it is stored as sent.',
    sources: [hubClient('ClearIdIdentity.picture (typed unknown)')],
  },
  {
    name: 'birthday',
    group: 'privateData',
    kind: 'date',
    description: 'Date of birth (ISO 8601).',
    sources: [hubLabels('private_birthday'), hubMirror('priv.birthday')],
  },
  {
    name: 'siteId',
    group: 'companyData',
    kind: 'string',
    description: 'Home site (a site id).',
    sources: [hubLabels('company_site_id'), hubMirror('comp.siteId')],
  },
  {
    name: 'approvers',
    group: 'companyData',
    kind: 'approvers',
    description: 'Supervisors who approve requests: [{"approverId": "<identity id>"}].',
    sources: [
      sailpointIndex('PATCH {companyData: {approvers: [{approverId}]}}'),
      hubMirror('comp.approvers'),
    ],
  },
  {
    name: 'provisioningAttributes',
    group: 'systemData',
    kind: 'provisioningAttributes',
    description: 'Provisioning attributes (entitlements): [{"name": "…"}].',
    sources: [
      sailpointIndex('PATCH {eTag, systemData: {provisioningAttributes: [{name}]}}'),
      hubMirror('sys.provisioningAttributes'),
      hubClient('PUT systemData.provisioningAttributes'),
    ],
  },
  {
    name: 'customFields',
    group: 'systemData',
    kind: 'customFields',
    description:
      'Custom field values: [{"customFieldType", "customFieldName", "customFieldValue"}].',
    sources: [hubClient('PUT systemData.customFields'), hubMirror('sys.customFields')],
  },
  {
    name: 'activationDateUtc',
    group: 'systemData',
    kind: 'dateTime',
    description: 'When the identity becomes active (ISO 8601, UTC).',
    sources: [hubClient('PUT systemData.activationDateUtc'), hubMirror('sys.activationDateUtc')],
  },
  {
    name: 'expirationDateUtc',
    group: 'systemData',
    kind: 'dateTime',
    description: 'When the identity expires (ISO 8601, UTC).',
    sources: [hubClient('PUT systemData.expirationDateUtc'), hubMirror('sys.expirationDateUtc')],
  },
  {
    name: 'nationalIdentityData',
    group: 'top',
    kind: 'opaqueObject',
    include: 'nationalidentitydata',
    description:
      'National identity data. Its members are not public and no client reads them: the object is stored as sent.',
    sources: [sailpointHttp('include=NationalIdentityData')],
  },
]

/** Members every REST identity shows and no write can set; a body that carries them is read past. */
export interface RestOutputMember {
  readonly name: string
  readonly include?: string
  readonly description: string
  readonly sources: readonly string[]
}

export const REST_OUTPUT_MEMBERS: readonly RestOutputMember[] = [
  {
    name: 'identityId',
    description: 'ClearID identity id (GUID); the SCIM id.',
    sources: [sailpointAccount('object.identityId'), hubMirror('i.identityId')],
  },
  {
    name: 'accountId',
    description: 'The account the identity belongs to.',
    sources: [hubClient('ClearIdIdentity.accountId'), hubMirror('i.accountId')],
  },
  {
    name: 'ordinal',
    include: 'ordinal',
    description:
      'A number per account, given in creation order and never reused (what ClearID numbers is not public; the hub reads an integer).',
    sources: [sailpointHttp('include=Ordinal'), hubMirror('int(root.ordinal)')],
  },
  {
    name: 'eTag',
    description: 'Opaque version; send it back with PATCH and PUT.',
    sources: [sailpointIndex('PATCH {eTag, …}'), hubClient('PUT body eTag')],
  },
  {
    name: 'creationDateUtc',
    description: 'When the identity was created.',
    sources: [hubMirror('i.creationDateUtc')],
  },
  {
    name: 'lastModificationDateUtc',
    description: 'When the identity last changed.',
    sources: [hubMirror('i.lastModificationDateUtc')],
  },
  {
    name: 'isDeleted',
    description: 'True once the identity is deleted (search and the v3 list show deleted ones).',
    sources: [sailpointIndex('results.filter(x => !x.isDeleted)'), hubMirror('root.isDeleted')],
  },
]
