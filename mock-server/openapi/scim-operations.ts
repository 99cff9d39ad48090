/**
 * Operations of the ClearID SCIM endpoint, one per account: `/scim/v2/accounts/{accountId}`
 * (`scim/scim-router.ts`). Every request needs the account's SCIM key; every answer, errors
 * included, is `application/scim+json`.
 *
 * @module
 */
import { ENTRA_SCIM2_FLAG } from '../../model/attributes.ts'
import {
  ref,
  slashVariant,
  type OperationSpec,
  type ParamSpec,
  type ResponseSpec,
} from './operation.ts'
import {
  LOOKUP_FILTER_EXAMPLE,
  USER_CREATE_EXAMPLES,
  USER_PATCH_EXAMPLES,
  USER_SEARCH_EXAMPLE,
} from './scim-examples.ts'

const SCIM = '/scim/v2/accounts/{accountId}'
const USERS = `${SCIM}/Users`
const GROUPS = `${SCIM}/Groups`
const CONTENT_TYPE = 'application/scim+json'

const ACCOUNT: ParamSpec = { name: 'accountId', in: 'path', description: 'ClearID account id.' }
const USER_ID: ParamSpec = { name: 'id', in: 'path', description: 'User id (GUID).' }
const ATTRIBUTES: ParamSpec = {
  name: 'attributes',
  in: 'query',
  description:
    'Comma-separated attribute paths to return (id and schemas always are), e.g. userName or urn:…:clearid:2.0:User:externalId.',
}
const EXCLUDED: ParamSpec = {
  name: 'excludedAttributes',
  in: 'query',
  description: 'Comma-separated attribute paths to leave out.',
}
const LIST: readonly ParamSpec[] = [
  {
    name: 'filter',
    in: 'query',
    description:
      'RFC 7644 §3.4.2.2 filter (the full grammar; Entra sends eq and and). Form encoding: + is a space.',
    example: LOOKUP_FILTER_EXAMPLE,
  },
  {
    name: 'startIndex',
    in: 'query',
    description: '1-based; below 1 reads as 1.',
    schema: { type: 'integer' },
  },
  {
    name: 'count',
    in: 'query',
    description: 'Page size; 0 answers totals only; capped at filter.maxResults.',
    schema: { type: 'integer', minimum: 0 },
  },
  ATTRIBUTES,
  EXCLUDED,
]
const IF_MATCH: ParamSpec = {
  name: 'If-Match',
  in: 'header',
  description:
    'Honoured when sent (weak or strong ETag, or *), never required: Entra does not send it.',
}

const UNAUTHORIZED: ResponseSpec = {
  description:
    "No SCIM key, or not this account's key (WWW-Authenticate: Bearer). The same answer whether or not the account exists.",
  headers: ['WWW-Authenticate'],
}
const AUTH = { 401: UNAUTHORIZED }
const NOT_FOUND = { 404: { description: 'No live User with this id in the account.' } }
const PRECONDITION = {
  412: { description: 'If-Match does not match the current version.' },
}
const BODY_ERRORS = {
  413: { description: 'The body is larger than behaviour.maxBodyBytes.' },
  415: { description: 'Content-Type is neither application/scim+json nor application/json.' },
}
const CONFLICT = {
  409: {
    description:
      'scimType uniqueness: userName (compared in any case) or externalId is already used in the account.',
  },
}
const WRITTEN = {
  description: 'The User as stored.',
  schema: ref('ScimUser'),
  headers: ['ETag'],
}

const scim = (spec: Omit<OperationSpec, 'security'>): OperationSpec => ({
  ...spec,
  security: 'scim',
})

const DISCOVERY_OPERATIONS: readonly OperationSpec[] = [
  scim({
    method: 'get',
    path: `${SCIM}/ServiceProviderConfig`,
    tag: 'SCIM discovery',
    summary: 'Service provider configuration',
    description:
      'What is implemented: PATCH, filter (maxResults), ETags; no bulk, sort or password change.',
    params: [ACCOUNT],
    responses: {
      200: { description: 'RFC 7643 §5.', schema: ref('ScimServiceProviderConfig') },
      ...AUTH,
    },
  }),
  scim({
    method: 'get',
    path: `${SCIM}/ResourceTypes`,
    tag: 'SCIM discovery',
    summary: 'Resource types',
    params: [ACCOUNT],
    responses: { 200: { description: 'User only.', schema: ref('ScimResourceTypeList') }, ...AUTH },
  }),
  scim({
    method: 'get',
    path: `${SCIM}/ResourceTypes/{id}`,
    tag: 'SCIM discovery',
    summary: 'One resource type',
    params: [ACCOUNT, { name: 'id', in: 'path', description: 'User (in any case).' }],
    responses: {
      200: { description: 'The User resource type.', schema: ref('ScimResourceType') },
      ...AUTH,
      404: { description: 'Not User: ClearID SCIM serves User only.' },
    },
  }),
  scim({
    method: 'get',
    path: `${SCIM}/Schemas`,
    tag: 'SCIM discovery',
    summary: 'Schemas',
    description:
      'Generated from the attribute catalogue, like the ScimUser and ScimClearIdExtension schemas of this document.',
    params: [ACCOUNT],
    responses: {
      200: {
        description: 'The core User and the ClearID extension.',
        schema: ref('ScimSchemaList'),
      },
      ...AUTH,
    },
  }),
  scim({
    method: 'get',
    path: `${SCIM}/Schemas/{id}`,
    tag: 'SCIM discovery',
    summary: 'One schema',
    params: [ACCOUNT, { name: 'id', in: 'path', description: 'Schema URN (in any case).' }],
    responses: {
      200: { description: 'The schema.', schema: ref('ScimSchema') },
      ...AUTH,
      404: { description: 'No such schema.' },
    },
  }),
]

const LIST_USERS = scim({
  method: 'get',
  path: USERS,
  tag: 'SCIM users',
  summary: 'List or look up users',
  description:
    'Entra looks a user up by its matching attribute before it creates one: filter=userName eq "…". No match is 200 with an empty list, never 404.',
  params: [ACCOUNT, ...LIST],
  responses: {
    200: { description: 'A page of users.', schema: ref('ScimUserList') },
    400: {
      description: 'scimType invalidFilter (bad filter) or invalidValue (bad startIndex or count).',
    },
    ...AUTH,
  },
})

const USER_OPERATIONS: readonly OperationSpec[] = [
  LIST_USERS,
  scim({
    method: 'post',
    path: `${USERS}/.search`,
    tag: 'SCIM users',
    summary: 'Search users (POST /.search)',
    params: [ACCOUNT],
    body: {
      contentType: CONTENT_TYPE,
      schema: ref('ScimSearchRequest'),
      example: USER_SEARCH_EXAMPLE,
    },
    responses: {
      200: { description: 'A page of users.', schema: ref('ScimUserList') },
      400: { description: 'Not a SearchRequest, or a bad filter (invalidFilter).' },
      ...AUTH,
      ...BODY_ERRORS,
    },
  }),
  scim({
    method: 'post',
    path: USERS,
    tag: 'SCIM users',
    summary: 'Create a user',
    description:
      'userName, displayName, the extension externalId and firstName or lastName are required; email and secondaryEmail must be addresses, countryCode three letters.',
    params: [ACCOUNT],
    body: {
      contentType: CONTENT_TYPE,
      schema: ref('ScimUserWrite'),
      examples: USER_CREATE_EXAMPLES,
    },
    responses: {
      201: {
        description: 'Created.',
        schema: ref('ScimUser'),
        headers: ['Location', 'ETag'],
      },
      400: {
        description:
          'scimType invalidValue (a ClearID rule; detail names the attribute) or invalidSyntax.',
      },
      ...AUTH,
      ...CONFLICT,
      ...BODY_ERRORS,
    },
  }),
  scim({
    method: 'get',
    path: `${USERS}/{id}`,
    tag: 'SCIM users',
    summary: 'Get a user',
    params: [
      ACCOUNT,
      USER_ID,
      ATTRIBUTES,
      EXCLUDED,
      {
        name: 'If-None-Match',
        in: 'header',
        description: 'The ETag you hold: 304 while it is current.',
      },
    ],
    responses: {
      200: { description: 'The user.', schema: ref('ScimUser'), headers: ['ETag'] },
      304: { description: 'Not modified since the ETag sent in If-None-Match.' },
      ...AUTH,
      ...NOT_FOUND,
    },
  }),
  scim({
    method: 'put',
    path: `${USERS}/{id}`,
    tag: 'SCIM users',
    summary: 'Replace a user',
    description: 'The same rules as create; attributes not sent are cleared.',
    params: [ACCOUNT, USER_ID, IF_MATCH],
    body: {
      contentType: CONTENT_TYPE,
      schema: ref('ScimUserWrite'),
      examples: USER_CREATE_EXAMPLES,
    },
    responses: {
      200: WRITTEN,
      400: { description: 'scimType invalidValue or invalidSyntax; nothing changed.' },
      ...AUTH,
      ...NOT_FOUND,
      ...CONFLICT,
      ...PRECONDITION,
      ...BODY_ERRORS,
    },
  }),
  scim({
    method: 'patch',
    path: `${USERS}/{id}`,
    tag: 'SCIM users',
    summary: 'Update a user (PATCH)',
    description: `Both of Entra's dialects: the default (capitalised ops, "True"/"False", a path per attribute) and ?${ENTRA_SCIM2_FLAG} (lower-case ops, JSON booleans, one path-less replace). All operations apply or none do.`,
    params: [ACCOUNT, USER_ID, IF_MATCH],
    body: { contentType: CONTENT_TYPE, schema: ref('ScimPatchOp'), examples: USER_PATCH_EXAMPLES },
    responses: {
      200: WRITTEN,
      204: { description: 'With behaviour.patchResponse 204: no body.', headers: ['ETag'] },
      400: {
        description:
          'scimType invalidSyntax (the envelope), invalidPath, noTarget or invalidValue; nothing changed.',
      },
      ...AUTH,
      ...NOT_FOUND,
      ...CONFLICT,
      ...PRECONDITION,
      ...BODY_ERRORS,
    },
  }),
  scim({
    method: 'delete',
    path: `${USERS}/{id}`,
    tag: 'SCIM users',
    summary: 'Delete a user',
    description:
      'Soft delete: the identity is kept as deleted, and the SCIM id answers 404 afterwards.',
    params: [ACCOUNT, USER_ID, IF_MATCH],
    responses: {
      204: { description: 'Deleted.' },
      ...AUTH,
      ...NOT_FOUND,
      ...PRECONDITION,
    },
  }),
  slashVariant(LIST_USERS),
]

const NOT_SUPPORTED = {
  501: {
    description:
      'ClearID does not synchronize groups: the detail says to set "Provision Microsoft Entra ID Groups" to No.',
  },
}

const LIST_GROUPS = scim({
  method: 'get',
  path: GROUPS,
  tag: 'SCIM groups',
  summary: 'List groups (always empty)',
  description: "Answers an empty list so Entra's Test Connection passes.",
  params: [ACCOUNT, ...LIST],
  responses: {
    200: { description: 'An empty list.', schema: ref('ScimGroupList') },
    400: { description: 'A bad filter, startIndex or count.' },
    ...AUTH,
  },
})

const groupWrite = (method: 'post' | 'put' | 'patch' | 'delete', path: string, summary: string) =>
  scim({
    method,
    path,
    tag: 'SCIM groups',
    summary,
    params:
      path === GROUPS ? [ACCOUNT] : [ACCOUNT, { name: 'id', in: 'path', description: 'Group id.' }],
    responses: { ...AUTH, ...NOT_SUPPORTED },
  })

const GROUP_OPERATIONS: readonly OperationSpec[] = [
  LIST_GROUPS,
  scim({
    method: 'get',
    path: `${GROUPS}/{id}`,
    tag: 'SCIM groups',
    summary: 'Get a group (never found)',
    params: [ACCOUNT, { name: 'id', in: 'path', description: 'Group id.' }],
    responses: { ...AUTH, 404: { description: 'There are no groups.' } },
  }),
  groupWrite('post', GROUPS, 'Create a group (not supported)'),
  groupWrite('put', `${GROUPS}/{id}`, 'Replace a group (not supported)'),
  groupWrite('patch', `${GROUPS}/{id}`, 'Update a group (not supported)'),
  groupWrite('delete', `${GROUPS}/{id}`, 'Delete a group (not supported)'),
  slashVariant(LIST_GROUPS),
]

export const SCIM_OPERATIONS: readonly OperationSpec[] = [
  ...USER_OPERATIONS,
  ...DISCOVERY_OPERATIONS,
  ...GROUP_OPERATIONS,
]
