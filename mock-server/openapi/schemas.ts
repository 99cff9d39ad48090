/**
 * Component schemas of the OpenAPI document. Identity schemas come from the attribute catalogue
 * (`identityJsonSchema`), so the document cannot drift from what the mock serves.
 *
 * @module
 */
import { identityRequestJsonSchema } from '../identity-requests/identity-request.ts'
import { identityJsonSchema } from '../rest/identity-schema.ts'
import { READ_ONLY_TOP_LEVEL } from '../rest/identity-shape.ts'
import { WEBHOOK_EVENTS } from '../webhooks/webhook-config.ts'
import { ref } from './operation.ts'

const str = { type: 'string' }
const nullableStr = { type: ['string', 'null'] }
const int = { type: 'integer' }
const bool = { type: 'boolean' }
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
})
const list = (name: string, items: Record<string, unknown>) =>
  obj({ [name]: { type: 'array', items } }, [name])

function identityWrite(): Record<string, unknown> {
  const full = identityJsonSchema(true) as { properties: Record<string, unknown> }
  const writable = Object.fromEntries(
    Object.entries(full.properties).filter(([name]) => !READ_ONLY_TOP_LEVEL.includes(name)),
  )
  return {
    type: 'object',
    description:
      'A (partial) identity. Output-only members sent back are ignored; null clears a value in PATCH.',
    properties: {
      ...writable,
      eTag: { type: 'string', description: 'Required by PATCH and PUT.' },
    },
  }
}

/** Identity service, search service and problem details. */
function identitySchemas(): Record<string, unknown> {
  return {
    Identity: identityJsonSchema(false),
    IdentityFull: identityJsonSchema(true),
    IdentityWrite: identityWrite(),
    IdentityPage: obj(
      { identities: { type: 'array', items: ref('Identity') }, continuation: nullableStr },
      ['identities', 'continuation'],
    ),
    IdentityPrincipal: obj(
      {
        identityId: str,
        principalId: {
          type: ['string', 'null'],
          description: 'The e-mail the portal user is named by.',
        },
        roles: { type: 'array', items: { enum: ['user', 'admin'] } },
        principalState: { type: ['string', 'null'], enum: ['Active', null] },
      },
      ['identityId', 'principalId', 'roles', 'principalState'],
    ),
    UserPrincipalWrite: obj(
      {
        identityId: str,
        roles: { type: 'array', minItems: 1, items: { enum: ['user', 'admin'] } },
        principalState: { enum: ['Active', null] },
      },
      ['identityId', 'roles'],
    ),
    Team: obj(
      {
        teamId: str,
        name: str,
        description: nullableStr,
        status: { enum: ['Active', 'Inactive'] },
        isDeleted: bool,
        creationDateUtc: str,
        lastModificationDateUtc: str,
      },
      ['teamId', 'name', 'description', 'status', 'isDeleted'],
    ),
    TeamWrite: obj(
      { name: str, description: nullableStr, status: { enum: ['Active', 'Inactive'] } },
      ['name'],
    ),
    TeamMember: obj(
      {
        teamId: str,
        teamName: str,
        identityId: str,
        identityName: str,
        identityEmail: nullableStr,
        identityJobTitle: nullableStr,
        identityCompanyName: nullableStr,
        identityDepartmentName: nullableStr,
        sourceId: str,
        startDateTimeUtc: nullableStr,
        endDateTimeUtc: nullableStr,
      },
      ['teamId', 'teamName', 'identityId', 'sourceId'],
    ),
    TeamMembersAdd: obj(
      {
        identityIds: { type: 'array', minItems: 1, items: str },
        reason: nullableStr,
        sourceId: { type: ['string', 'null'], description: 'Default TeamService.' },
        startDateTimeUtc: nullableStr,
        endDateTimeUtc: nullableStr,
      },
      ['identityIds'],
    ),
    TeamMembersRemove: obj(
      {
        teamMembers: {
          type: 'array',
          minItems: 1,
          items: obj({ identityId: str, sourceId: nullableStr }, ['identityId']),
        },
        reason: nullableStr,
      },
      ['teamMembers'],
    ),
    TeamSearchResult: obj({ totalItems: int, results: { type: 'array', items: ref('Team') } }, [
      'totalItems',
      'results',
    ]),
    SearchRequest: obj({
      skip: { type: 'integer', minimum: 0 },
      take: { type: 'integer', minimum: 0, maximum: 100 },
    }),
    SearchResult: obj({ totalItems: int, results: { type: 'array', items: ref('IdentityFull') } }, [
      'totalItems',
      'results',
    ]),
    Problem: obj(
      {
        type: str,
        title: str,
        status: int,
        detail: str,
        errors: { type: 'object', additionalProperties: { type: 'array', items: str } },
      },
      ['type', 'title', 'status'],
    ),
  }
}

/** Token service and API integrations. */
function tokenSchemas(): Record<string, unknown> {
  return {
    OAuthError: obj(
      {
        error: {
          enum: [
            'invalid_request',
            'invalid_client',
            'invalid_grant',
            'unsupported_grant_type',
            'server_error',
          ],
        },
        error_description: str,
      },
      ['error'],
    ),
    TokenRequest: obj(
      {
        grant_type: { enum: ['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'] },
        client_id: str,
        client_secret: str,
        assertion: str,
      },
      ['grant_type'],
    ),
    TokenResponse: obj(
      {
        access_token: str,
        expires_in: { const: 3600 },
        token_type: { const: 'Bearer' },
        scope: str,
      },
      ['access_token', 'expires_in', 'token_type', 'scope'],
    ),
    ApiIntegration: obj({
      integrationId: str,
      name: str,
      description: str,
      clientId: str,
      createdUtc: str,
      keyGeneratedUtc: nullableStr,
      keyFileAvailable: bool,
      keyFileUrl: str,
      keyFileName: str,
    }),
    KeyFile: obj(
      {
        clientId: str,
        clientSecret: str,
        accountId: str,
        integrationId: str,
        name: str,
        keyId: str,
        algorithm: { const: 'RS512' },
        audience: { const: 'iams-sts' },
        privateKeyPem: str,
        generatedUtc: str,
        stsUrl: str,
        tokenUrl: str,
        identityServiceUrl: str,
        searchServiceUrl: str,
        principalServiceUrl: str,
        roleServiceUrl: str,
      },
      ['clientId', 'clientSecret', 'accountId', 'privateKeyPem', 'keyId', 'stsUrl'],
    ),
  }
}

/** Accounts, SCIM keys and resets, seeding, request log. */
function controlSchemas(): Record<string, unknown> {
  return {
    Account: obj({
      accountId: str,
      createdUtc: str,
      tenantUrl: str,
      scimKey: { oneOf: [ref('ScimKeyInfo'), { type: 'null' }] },
      identities: int,
      deletedIdentities: int,
    }),
    AccountList: list('accounts', ref('Account')),
    ScimKeyInfo: obj({ name: str, createdUtc: str }),
    ScimKeyCreated: obj({ name: str, createdUtc: str, key: str, tenantUrl: str }),
    ScimResetStatus: obj({
      resetId: str,
      accountId: str,
      status: { enum: ['Running', 'Completed'] },
      startedUtc: str,
      completedUtc: nullableStr,
      identitiesMarked: int,
      identitiesPending: int,
    }),
    SeedRequest: {
      oneOf: [
        list('identities', ref('IdentityWrite')),
        obj(
          {
            faker: obj({ seed: int, count: { type: 'integer', minimum: 1, maximum: 10000 } }, [
              'seed',
              'count',
            ]),
          },
          ['faker'],
        ),
      ],
    },
    RequestLog: list(
      'entries',
      obj({
        seq: int,
        timeUtc: str,
        surface: str,
        method: str,
        path: str,
        query: str,
        status: int,
        durationMs: int,
      }),
    ),
  }
}

/** Webhooks and their delivery log. */
function webhookSchemas(): Record<string, unknown> {
  return {
    WebhookHeader: obj({ name: str, value: str }, ['name', 'value']),
    WebhookInput: obj({
      name: str,
      description: str,
      enabled: bool,
      url: { type: 'string', description: 'https:// (port and query allowed).' },
      appKey: {
        type: ['string', 'null'],
        description: 'Sent as Authorization: Bearer <appKey>; never returned.',
      },
      headers: { type: 'array', items: ref('WebhookHeader') },
      event: { enum: [...WEBHOOK_EVENTS] },
    }),
    Webhook: obj({
      webhookId: str,
      name: str,
      description: str,
      enabled: bool,
      url: str,
      hasAppKey: bool,
      headers: { type: 'array', items: ref('WebhookHeader') },
      event: { enum: [...WEBHOOK_EVENTS] },
      createdUtc: str,
      lastModifiedUtc: str,
    }),
    IdentityRequest: identityRequestJsonSchema(),
    IdentityRequestInput: obj(
      {
        requester: { type: 'string', description: 'Who asks for the identity.' },
        reason: { type: 'string', description: 'Why the identity is needed.' },
        template: { type: ['string', 'null'], description: 'Identity template (optional).' },
        identity: ref('IdentityWrite'),
      },
      ['requester', 'reason', 'identity'],
    ),
    IdentityRequestDecision: obj({
      reason: {
        type: 'string',
        description: 'Required to approve or deny; optional to cancel.',
      },
    }),
    DeliveryLog: obj({
      webhookId: str,
      firstCallbackUtc: nullableStr,
      from: str,
      to: str,
      entries: {
        type: 'array',
        items: obj({
          callbackDateUtc: str,
          url: str,
          response: {
            type: 'string',
            description:
              '.NET HttpStatusCode name of the answer (OK, Accepted, BadRequest, TemporaryRedirect, …), or ConnectionError when none came (refused, reset, timed out, unresolvable, TLS refused, not HTTP: one name, logged after the full attempt timeout).',
          },
          statusCode: { type: ['integer', 'null'] },
          attempt: int,
          eventId: str,
          eventType: str,
          identityId: {
            type: ['string', 'null'],
            description:
              'The identity of the event; for an identity request, the identity its approval created (else null).',
          },
          identityRequestId: { type: 'string', description: 'Identity request events only.' },
          durationMs: int,
        }),
      },
    }),
  }
}

export function componentSchemas(): Record<string, unknown> {
  return { ...identitySchemas(), ...tokenSchemas(), ...controlSchemas(), ...webhookSchemas() }
}
