/**
 * Operations of the emulated ClearID surface: the token service, identity service v2/v3 and the
 * search service. Paths and shapes follow ClearID's public integrations (research notes §2).
 *
 * @module
 */
import { ref, slashVariant, type OperationSpec, type ParamSpec } from './operation.ts'

const ACCOUNT: ParamSpec = { name: 'accountId', in: 'path', description: 'ClearID account id.' }
const IDENTITY: ParamSpec = { name: 'identityId', in: 'path', description: 'Identity id (GUID).' }
const INCLUDE: ParamSpec = {
  name: 'include',
  in: 'query',
  array: true,
  description:
    'What to add: PrivateData, CompanyData, SystemData, UserPermissions (nested objects), Ordinal (ordinal) and NationalIdentityData (nationalIdentityData). Parameter name and values in any case; repeat the parameter or separate with commas.',
}
const V2 = '/identityservice/api/v2/accounts/{accountId}/identities'
const AUTH_ERRORS = {
  401: {
    description: 'Missing, invalid or expired access token (WWW-Authenticate: Bearer).',
    headers: ['WWW-Authenticate'],
  },
  403: { description: "The token's account_id is not the account in the path." },
}
const EXAMPLE_IDENTITY = {
  displayName: 'Ada Lovelace',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  countryCode: 'GBR',
  status: 'Active',
  privateData: { employeeNumber: 'E-0001' },
  companyData: { departmentName: 'Analytics', jobTitle: 'Analyst' },
  systemData: { externalId: 'ada-0001' },
}
const identityBody = (example: unknown) => ({
  contentType: 'application/json',
  schema: ref('IdentityWrite'),
  example,
})

const STS_ROOT: OperationSpec = {
  method: 'get',
  path: '/sts/',
  tag: 'Token service',
  summary: 'Service root (a connection test)',
  description:
    'Answers 200 with or without a token. A SailPoint connector for ClearID tests its connection with GET on this root and expects 200.',
  security: 'none',
  responses: {
    200: {
      description: 'Where the token endpoint and the discovery document are.',
      schema: { type: 'object' },
    },
  },
}

export const STS_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'post',
    path: '/sts/connect/token',
    tag: 'Token service',
    summary: 'Get an access token',
    description:
      'client_credentials with client_id and client_secret (in the body or HTTP Basic), or urn:ietf:params:oauth:grant-type:jwt-bearer with an RS512 assertion (aud iams-sts, iss = sub = kid = client id). No scope needed; a scope parameter is ignored.',
    security: 'client',
    body: {
      contentType: 'application/x-www-form-urlencoded',
      schema: ref('TokenRequest'),
      example:
        'grant_type=client_credentials&client_id=c1ea41d0-0000-4000-8000-000000000001%3Ademo&client_secret=clearid-dev-client-secret',
    },
    responses: {
      200: { description: 'A bearer token valid for 3600 s.', schema: ref('TokenResponse') },
      400: {
        description: 'invalid_request, invalid_client, invalid_grant or unsupported_grant_type.',
      },
      401: {
        description: 'invalid_client when the client authenticated with HTTP Basic.',
        headers: ['WWW-Authenticate'],
      },
    },
  },
  STS_ROOT,
  slashVariant(STS_ROOT),
  {
    method: 'get',
    path: '/sts/.well-known/openid-configuration',
    tag: 'Token service',
    summary: 'OpenID discovery document',
    security: 'none',
    responses: {
      200: { description: 'Issuer, token endpoint and JWKS URL.', schema: { type: 'object' } },
    },
  },
  {
    method: 'get',
    path: '/sts/.well-known/openid-configuration/jwks',
    tag: 'Token service',
    summary: 'Signing keys of the access tokens (JWKS)',
    security: 'none',
    responses: {
      200: {
        description: 'A JSON Web Key Set with the RS512 signing key.',
        schema: { type: 'object' },
      },
    },
  },
]

export const IDENTITY_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: V2,
    tag: 'Identity service',
    summary: 'Look up identities by external id',
    security: 'bearer',
    params: [
      ACCOUNT,
      {
        name: 'externalId',
        in: 'query',
        required: true,
        description: 'systemData.externalId (exact). The parameter name matches in any case.',
      },
      INCLUDE,
    ],
    responses: {
      200: {
        description: 'An array of 0 or 1 identities.',
        schema: { type: 'array', items: ref('Identity') },
      },
      400: { description: 'externalId missing or an unknown include value.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: V2,
    tag: 'Identity service',
    summary: 'Create an identity',
    security: 'bearer',
    params: [ACCOUNT],
    body: identityBody(EXAMPLE_IDENTITY),
    responses: {
      201: {
        description: 'Created; the identity with every nested object.',
        schema: ref('IdentityFull'),
        headers: ['Location', 'ETag'],
      },
      400: { description: 'A ClearID rule is broken (errors names the fields).' },
      409: { description: 'systemData.externalId already in use.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: `${V2}/{identityId}`,
    tag: 'Identity service',
    summary: 'Get an identity',
    security: 'bearer',
    params: [ACCOUNT, IDENTITY, INCLUDE],
    responses: {
      200: {
        description: 'The identity; nested objects only when included.',
        schema: ref('Identity'),
        headers: ['ETag'],
      },
      404: { description: 'No live identity with this id (deleted identities answer 404).' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'patch',
    path: `${V2}/{identityId}`,
    tag: 'Identity service',
    summary: 'Update an identity (merge)',
    description:
      'The body is a partial identity plus the current eTag; null clears a value. Content-Type application/json or application/json-patch+json.',
    security: 'bearer',
    params: [ACCOUNT, IDENTITY],
    body: identityBody({
      eTag: 'W/"1"',
      status: 'Inactive',
      systemData: { provisioningAttributes: [{ name: 'Parking' }] },
    }),
    responses: {
      200: { description: 'The updated identity.', schema: ref('IdentityFull'), headers: ['ETag'] },
      400: { description: 'eTag missing, or a rule is broken.' },
      404: { description: 'No live identity with this id.' },
      409: { description: 'Uniqueness conflict.' },
      412: { description: 'The eTag is stale.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'put',
    path: `${V2}/{identityId}`,
    tag: 'Identity service',
    summary: 'Replace an identity',
    description:
      'Full replace with the current eTag: members not sent are cleared. Read-only systemData members (resourceFilters, horizonId, externalSyncSourceId, externalSyncTimeUtc) are refused with 400.',
    security: 'bearer',
    params: [ACCOUNT, IDENTITY],
    body: identityBody({ ...EXAMPLE_IDENTITY, eTag: 'W/"1"' }),
    responses: {
      200: {
        description: 'The replaced identity.',
        schema: ref('IdentityFull'),
        headers: ['ETag'],
      },
      400: { description: 'eTag missing, a read-only member sent, or a rule is broken.' },
      404: { description: 'No live identity with this id.' },
      409: { description: 'Uniqueness conflict.' },
      412: { description: 'The eTag is stale.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'delete',
    path: `${V2}/{identityId}`,
    tag: 'Identity service',
    summary: 'Delete an identity (soft delete)',
    security: 'bearer',
    params: [ACCOUNT, IDENTITY],
    responses: {
      204: { description: 'Deleted; search still lists it with isDeleted true.' },
      404: { description: 'No live identity with this id.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/identityservice/api/v3/accounts/{accountId}/identities',
    tag: 'Identity service',
    summary: 'List identities with a continuation cursor',
    security: 'bearer',
    params: [
      ACCOUNT,
      {
        name: 'continuation',
        in: 'query',
        description: 'The continuation of the previous page; omit for the first page.',
      },
      INCLUDE,
    ],
    responses: {
      200: {
        description:
          'A page of behaviour.v3PageSize identities (default 100), deleted ones flagged isDeleted; continuation is null on the last page.',
        schema: ref('IdentityPage'),
      },
      400: { description: 'Invalid, tampered or stale continuation, or an unknown include.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: '/searchservice/api/v1/accounts/{accountId}/identities',
    tag: 'Search service',
    summary: 'Search identities (skip/take), deleted ones included',
    security: 'bearer',
    params: [ACCOUNT],
    body: {
      contentType: 'application/json',
      schema: ref('SearchRequest'),
      example: { skip: 0, take: 100 },
    },
    responses: {
      200: { description: 'totalItems and one page of results.', schema: ref('SearchResult') },
      400: { description: 'take above 100, or a negative skip.' },
      ...AUTH_ERRORS,
    },
  },
]

const PRINCIPALS = '/principalservice/api/v2/accounts/{accountId}'
const PRINCIPAL_EMAIL: ParamSpec = {
  name: 'email',
  in: 'path',
  description: 'The portal user (its e-mail; for DELETE, the principalId read from GET).',
}
const PRINCIPAL_SOURCE =
  "Shapes of the SailPoint connector fernando-delosrios/ClearID (src/http-client.ts). Portal access is the identity's SCIM booleans hasWebPortalAccess and isAdmin: both doors read and write the same state."
const PRINCIPAL_GRANT_EXAMPLE = {
  identityId: '00000000-0000-4000-8000-000000000000',
  roles: ['user'],
  principalState: 'Active',
}

export const PRINCIPAL_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: `${PRINCIPALS}/identityPrincipals/{identityId}`,
    tag: 'Principal service',
    summary: "An identity's portal user (principal)",
    description: `${PRINCIPAL_SOURCE} Without portal access: 200 with principalId null, roles [] and principalState null.`,
    security: 'bearer',
    params: [ACCOUNT, IDENTITY],
    responses: {
      200: { description: 'The principal.', schema: ref('IdentityPrincipal') },
      404: { description: 'No live identity with this id.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'put',
    path: `${PRINCIPALS}/userPrincipals/{email}`,
    tag: 'Principal service',
    summary: 'Grant portal access (role user or admin)',
    description: `${PRINCIPAL_SOURCE} roles ["user"] sets hasWebPortalAccess; ["admin"] sets both. The identity keeps one principal: a PUT under another e-mail renames it.`,
    security: 'bearer',
    params: [ACCOUNT, PRINCIPAL_EMAIL],
    body: {
      contentType: 'application/json',
      schema: ref('UserPrincipalWrite'),
      example: PRINCIPAL_GRANT_EXAMPLE,
    },
    responses: {
      200: { description: 'The principal.', schema: ref('IdentityPrincipal') },
      400: {
        description:
          'Not an e-mail, unknown identityId, bad roles or a principalState other than Active.',
      },
      409: { description: 'The e-mail is the principal of another identity.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'delete',
    path: `${PRINCIPALS}/userPrincipals/{email}`,
    tag: 'Principal service',
    summary: 'Remove portal access',
    description: `${PRINCIPAL_SOURCE} Sets hasWebPortalAccess and isAdmin to false.`,
    security: 'bearer',
    params: [ACCOUNT, PRINCIPAL_EMAIL],
    responses: {
      204: { description: 'Removed.' },
      404: { description: 'No such principal in the account.' },
      ...AUTH_ERRORS,
    },
  },
  ...(['put', 'delete'] as const).map((method): OperationSpec => ({
    method,
    path: '/principalservice/api/v2/{encodedPath}',
    tag: 'Principal service',
    summary: `${method.toUpperCase()} userPrincipals with the path percent-encoded`,
    description:
      'The same operation as …/accounts/{accountId}/userPrincipals/{email}, for a path sent as one encoded segment (%2Faccounts%2F{a}%2FuserPrincipals%2F{email}), as the SailPoint connector sends it (encodeURIComponent over the whole path). Whether ClearID accepts it is not known.',
    security: 'bearer',
    params: [{ name: 'encodedPath', in: 'path', description: 'The encoded rest of the path.' }],
    ...(method === 'put'
      ? {
          body: {
            contentType: 'application/json',
            schema: ref('UserPrincipalWrite'),
            example: PRINCIPAL_GRANT_EXAMPLE,
          },
        }
      : {}),
    responses: {
      [method === 'put' ? 200 : 204]: { description: 'As the unencoded operation.' },
      404: { description: 'The decoded path is not accounts/{a}/userPrincipals/{email}.' },
      ...AUTH_ERRORS,
    },
  })),
]

const ROLES = '/roleservice/api/v3/accounts/{accountId}'
const TEAM: ParamSpec = { name: 'teamId', in: 'path', description: 'Team id.' }
const TEAM_SOURCE =
  'Shapes of the SailPoint connector fernando-delosrios/ClearID (src/http-client.ts) and the DTOs of ronaldomoscosorm/clearid-identity-hub (src/lib/argus-client.ts).'
const json = (schema: Record<string, unknown>, example: unknown) => ({
  contentType: 'application/json',
  schema,
  example,
})
const NO_TEAM = { 404: { description: 'No live team with this id in the account.' } }

export const TEAM_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: `${ROLES}/teams`,
    tag: 'Role service',
    summary: 'List teams (live ones; search lists deleted ones too)',
    security: 'bearer',
    params: [ACCOUNT],
    responses: {
      200: {
        description: 'The teams, in creation order.',
        schema: { type: 'object', properties: { teams: { type: 'array', items: ref('Team') } } },
      },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: `${ROLES}/teams`,
    tag: 'Role service',
    summary: 'Create a team',
    security: 'bearer',
    params: [ACCOUNT],
    body: json(ref('TeamWrite'), { name: 'Contractors', description: 'Badge access' }),
    responses: {
      201: { description: 'Created.', schema: ref('Team'), headers: ['Location'] },
      400: { description: 'name missing, or status not Active/Inactive.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: `${ROLES}/teams/{teamId}`,
    tag: 'Role service',
    summary: 'Get a team',
    description: TEAM_SOURCE,
    security: 'bearer',
    params: [ACCOUNT, TEAM],
    responses: {
      200: { description: 'The team.', schema: ref('Team') },
      ...NO_TEAM,
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'delete',
    path: `${ROLES}/teams/{teamId}`,
    tag: 'Role service',
    summary: 'Delete a team (search still lists it, isDeleted true)',
    security: 'bearer',
    params: [ACCOUNT, TEAM],
    responses: {
      204: { description: 'Deleted; its members left it.' },
      ...NO_TEAM,
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: `${ROLES}/teams/{teamId}/members`,
    tag: 'Role service',
    summary: "A team's members",
    description: TEAM_SOURCE,
    security: 'bearer',
    params: [
      ACCOUNT,
      TEAM,
      {
        name: 'count',
        in: 'query',
        description: 'Most members returned, 1 to 1000 (default 1000).',
        schema: { type: 'integer', minimum: 1, maximum: 1000 },
      },
      {
        name: 'searchText',
        in: 'query',
        description: 'Only members whose name or e-mail contains it (case-insensitive).',
      },
    ],
    responses: {
      200: {
        description: 'The members.',
        schema: {
          type: 'object',
          properties: { teamMembers: { type: 'array', items: ref('TeamMember') } },
        },
      },
      400: { description: 'count out of range.' },
      ...NO_TEAM,
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: `${ROLES}/teams/{teamId}/members`,
    tag: 'Role service',
    summary: 'Add identities to a team',
    description: `${TEAM_SOURCE} All or nothing: an unknown identity adds nobody. sourceId defaults to TeamService.`,
    security: 'bearer',
    params: [ACCOUNT, TEAM],
    body: json(ref('TeamMembersAdd'), {
      identityIds: ['00000000-0000-4000-8000-000000000000'],
      reason: 'IdentityNow',
      sourceId: 'TeamService',
    }),
    responses: {
      204: { description: 'Added.' },
      400: { description: 'identityIds missing or naming an unknown identity, or bad dates.' },
      ...NO_TEAM,
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'delete',
    path: `${ROLES}/teams/{teamId}/members`,
    tag: 'Role service',
    summary: 'Remove identities from a team',
    description: `${TEAM_SOURCE} Removing a member that is not there is not an error.`,
    security: 'bearer',
    params: [ACCOUNT, TEAM],
    body: json(ref('TeamMembersRemove'), {
      teamMembers: [
        { identityId: '00000000-0000-4000-8000-000000000000', sourceId: 'TeamService' },
      ],
      reason: 'IdentityNow',
    }),
    responses: {
      204: { description: 'Removed.' },
      400: { description: 'teamMembers missing or malformed.' },
      ...NO_TEAM,
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: `${ROLES}/identities/{identityId}/teams`,
    tag: 'Role service',
    summary: "An identity's teams",
    description: `${TEAM_SOURCE} One entry per membership (team and source).`,
    security: 'bearer',
    params: [ACCOUNT, IDENTITY],
    responses: {
      200: {
        description: 'The memberships.',
        schema: {
          type: 'object',
          properties: { teams: { type: 'array', items: ref('TeamMember') } },
        },
      },
      404: { description: 'No live identity with this id.' },
      ...AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: '/searchservice/api/v1/accounts/{accountId}/teams',
    tag: 'Search service',
    summary: 'Search teams (skip/take), deleted ones included',
    description: TEAM_SOURCE,
    security: 'bearer',
    params: [ACCOUNT],
    body: json(ref('SearchRequest'), { skip: 0, take: 100 }),
    responses: {
      200: { description: 'totalItems and one page of teams.', schema: ref('TeamSearchResult') },
      400: { description: 'take above 100, or a negative skip.' },
      ...AUTH_ERRORS,
    },
  },
]
