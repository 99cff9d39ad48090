/**
 * Operations of the mock's control plane (`/_admin/`) and its public documents (`/_mock/`). Not
 * part of ClearID's API.
 *
 * @module
 */
import { WEBHOOK_EVENTS } from '../webhooks/webhook-config.ts'
import { ref, type OperationSpec, type ParamSpec, type ResponseSpec } from './operation.ts'

const ACCOUNT: ParamSpec = { name: 'accountId', in: 'path', description: 'Account id.' }
const INTEGRATION: ParamSpec = {
  name: 'integrationId',
  in: 'path',
  description: 'API integration id (GUID).',
}
const WEBHOOK: ParamSpec = { name: 'webhookId', in: 'path', description: 'Webhook id.' }
const A = '/_admin/accounts'
const UNAUTHORIZED = {
  401: { description: 'Missing or wrong admin token.', headers: ['WWW-Authenticate'] },
}
const NOT_FOUND: Record<number, ResponseSpec> = {
  404: { description: 'Unknown account (or resource).' },
}
const list = (name: string, items: Record<string, unknown>) => ({
  type: 'object',
  properties: { [name]: { type: 'array', items } },
  required: [name],
})
const json = (schema: Record<string, unknown>, example?: unknown) => ({
  contentType: 'application/json',
  schema,
  example,
})

function admin(spec: Omit<OperationSpec, 'tag' | 'security'> & { tag?: string }): OperationSpec {
  return {
    tag: 'Control plane',
    security: 'admin',
    ...spec,
    responses: { ...spec.responses, ...UNAUTHORIZED },
  }
}

const ACCOUNT_OPERATIONS: readonly OperationSpec[] = [
  admin({
    method: 'get',
    path: A,
    summary: 'List accounts',
    responses: { 200: { description: 'Accounts.', schema: ref('AccountList') } },
  }),
  admin({
    method: 'post',
    path: A,
    summary: 'Create an account',
    body: json(
      { type: 'object', required: ['accountId'], properties: { accountId: { type: 'string' } } },
      { accountId: 'acme' },
    ),
    responses: {
      201: { description: 'Created.', schema: ref('Account') },
      400: { description: 'Invalid id.' },
      409: { description: 'Exists.' },
    },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}`,
    summary: 'Get an account',
    params: [ACCOUNT],
    responses: { 200: { description: 'The account.', schema: ref('Account') }, ...NOT_FOUND },
  }),
  admin({
    method: 'post',
    path: `${A}/{accountId}/scim/key`,
    summary: 'Generate (or regenerate) the SCIM key',
    description: 'Returns the key once. The previous key is rejected at once.',
    params: [ACCOUNT],
    body: json(
      { type: 'object', properties: { name: { type: 'string' } } },
      { name: 'GenetecSCIMIntegrationKey' },
    ),
    responses: {
      201: { description: 'The new key (shown once).', schema: ref('ScimKeyCreated') },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}/scim/key`,
    summary: 'SCIM key metadata (never the key)',
    params: [ACCOUNT],
    responses: {
      200: { description: 'Name and creation date.', schema: ref('ScimKeyInfo') },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'post',
    path: `${A}/{accountId}/scim/reset`,
    summary: 'Reset SCIM identity data (cannot be undone)',
    description:
      'Marks every SCIM-managed identity pending reset: its next SCIM write replaces all SCIM-managed values and clears those not sent.',
    params: [ACCOUNT],
    responses: {
      202: { description: 'Started.', schema: ref('ScimResetStatus'), headers: ['Location'] },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}/scim/reset`,
    summary: 'Status of the latest SCIM reset',
    params: [ACCOUNT],
    responses: {
      200: { description: 'Running or Completed.', schema: ref('ScimResetStatus') },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'post',
    path: `${A}/{accountId}/identities/seed`,
    summary: 'Seed identities (fixtures or faker)',
    params: [ACCOUNT],
    body: json(ref('SeedRequest'), { faker: { seed: 42, count: 25 } }),
    responses: {
      201: { description: 'Created identities.', schema: { type: 'object' } },
      400: { description: 'Invalid body or identity.' },
      409: { description: 'Uniqueness conflict; nothing stored.' },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'delete',
    path: `${A}/{accountId}/identities`,
    summary: 'Remove every identity of the account',
    params: [ACCOUNT],
    responses: { 204: { description: 'Cleared.' }, ...NOT_FOUND },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}/log`,
    summary: 'Request log of the account (newest first)',
    params: [ACCOUNT],
    responses: { 200: { description: 'Entries.', schema: ref('RequestLog') }, ...NOT_FOUND },
  }),
]

const INTEGRATION_OPERATIONS: readonly OperationSpec[] = [
  admin({
    method: 'get',
    path: `${A}/{accountId}/integrations`,
    tag: 'API integrations',
    summary: 'List API integrations',
    params: [ACCOUNT],
    responses: {
      200: {
        description: 'Integrations.',
        schema: {
          type: 'object',
          properties: { integrations: { type: 'array', items: ref('ApiIntegration') } },
        },
      },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'post',
    path: `${A}/{accountId}/integrations`,
    tag: 'API integrations',
    summary: 'Create an API integration',
    params: [ACCOUNT],
    body: json(
      {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, description: { type: 'string' } },
      },
      { name: 'HR sync', description: 'Nightly job' },
    ),
    responses: {
      201: { description: 'Created, without a key.', schema: ref('ApiIntegration') },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}/integrations/{integrationId}`,
    tag: 'API integrations',
    summary: 'Get an API integration',
    params: [ACCOUNT, INTEGRATION],
    responses: {
      200: { description: 'The integration.', schema: ref('ApiIntegration') },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'delete',
    path: `${A}/{accountId}/integrations/{integrationId}`,
    tag: 'API integrations',
    summary: 'Delete an API integration (its tokens stop working)',
    params: [ACCOUNT, INTEGRATION],
    responses: { 204: { description: 'Deleted.' }, ...NOT_FOUND },
  }),
  admin({
    method: 'post',
    path: `${A}/{accountId}/integrations/{integrationId}/key`,
    tag: 'API integrations',
    summary: 'Generate a key (new secret and key pair)',
    description:
      'The previous client secret and key pair stop working at once. Download the key file next; it is available once.',
    params: [ACCOUNT, INTEGRATION],
    responses: { 201: { description: 'Generated.', schema: ref('ApiIntegration') }, ...NOT_FOUND },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}/integrations/{integrationId}/key-file`,
    tag: 'API integrations',
    summary: 'Download the key file (once)',
    params: [ACCOUNT, INTEGRATION],
    responses: {
      200: {
        description: 'key-{systemId}-{name}.json (Content-Disposition).',
        schema: ref('KeyFile'),
        headers: ['Content-Disposition'],
      },
      404: { description: 'No key generated yet.' },
      410: { description: 'Already downloaded: generate a new key.' },
    },
  }),
]

const WEBHOOK_OPERATIONS: readonly OperationSpec[] = [
  admin({
    method: 'get',
    path: `${A}/{accountId}/webhooks`,
    tag: 'Webhooks',
    summary: 'List webhooks',
    params: [ACCOUNT],
    responses: {
      200: {
        description: 'Webhooks (app keys never shown).',
        schema: {
          type: 'object',
          properties: { webhooks: { type: 'array', items: ref('Webhook') } },
        },
      },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'post',
    path: `${A}/{accountId}/webhooks`,
    tag: 'Webhooks',
    summary: 'Create a webhook',
    params: [ACCOUNT],
    body: json(ref('WebhookInput'), {
      name: 'HR updates',
      url: 'https://example.com/hooks/identity',
      event: 'IdentityUpdated',
      appKey: 'my-app-key',
      headers: [{ name: 'X-Source', value: 'ClearID' }],
    }),
    responses: {
      201: { description: 'Created.', schema: ref('Webhook'), headers: ['Location'] },
      400: { description: 'Invalid URL (HTTPS required), header or event.' },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}/webhooks/{webhookId}`,
    tag: 'Webhooks',
    summary: 'Get a webhook',
    params: [ACCOUNT, WEBHOOK],
    responses: { 200: { description: 'The webhook.', schema: ref('Webhook') }, ...NOT_FOUND },
  }),
  admin({
    method: 'patch',
    path: `${A}/{accountId}/webhooks/{webhookId}`,
    tag: 'Webhooks',
    summary: 'Update a webhook (merge; appKey null removes it)',
    params: [ACCOUNT, WEBHOOK],
    body: json(ref('WebhookInput'), { enabled: false }),
    responses: {
      200: { description: 'Updated.', schema: ref('Webhook') },
      400: { description: 'Invalid member.' },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'delete',
    path: `${A}/{accountId}/webhooks/{webhookId}`,
    tag: 'Webhooks',
    summary: 'Delete a webhook',
    params: [ACCOUNT, WEBHOOK],
    responses: { 204: { description: 'Deleted.' }, ...NOT_FOUND },
  }),
  admin({
    method: 'get',
    path: `${A}/{accountId}/webhooks/{webhookId}/logs`,
    tag: 'Webhooks',
    summary: 'Delivery log (newest first)',
    params: [
      ACCOUNT,
      WEBHOOK,
      { name: 'from', in: 'query', description: 'Start (ISO 8601); default one year before to.' },
      {
        name: 'to',
        in: 'query',
        description: 'End (ISO 8601); default now. At most 366 days after from.',
      },
    ],
    responses: {
      200: { description: 'One row per attempt.', schema: ref('DeliveryLog') },
      400: { description: 'Range over one year or not a date.' },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'post',
    path: '/_admin/webhooks/drain',
    tag: 'Webhooks',
    summary: 'Deliver everything queued now (skips backoff waits)',
    responses: { 204: { description: 'Nothing is left queued.' } },
  }),
]

const REQUEST: ParamSpec = {
  name: 'requestId',
  in: 'path',
  description: 'Identity request id.',
}
const REQUESTS = `${A}/{accountId}/identity-requests`
const decision = (
  action: 'approve' | 'deny' | 'cancel',
  summary: string,
  example: unknown,
): OperationSpec =>
  admin({
    method: 'post',
    path: `${REQUESTS}/{requestId}/${action}`,
    tag: 'Identity requests',
    summary,
    params: [ACCOUNT, REQUEST],
    body: json(ref('IdentityRequestDecision'), example),
    responses: {
      200: { description: 'The decided request.', schema: ref('IdentityRequest') },
      400: { description: 'The reason is missing (approve, deny) or not a string.' },
      409: {
        description:
          'The request is no longer Pending, or (approve) the identity would duplicate a userName or external id.',
      },
      ...NOT_FOUND,
    },
  })

const IDENTITY_REQUEST_OPERATIONS: readonly OperationSpec[] = [
  admin({
    method: 'get',
    path: REQUESTS,
    tag: 'Identity requests',
    summary: 'List identity requests (creation order)',
    params: [ACCOUNT],
    responses: {
      200: {
        description: 'Every request of the account.',
        schema: list('identityRequests', ref('IdentityRequest')),
      },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'post',
    path: REQUESTS,
    tag: 'Identity requests',
    summary: 'Request an identity (sends IdentityRequestCreated)',
    params: [ACCOUNT],
    body: json(ref('IdentityRequestInput'), {
      requester: 'grace.hopper@example.com',
      reason: 'Contractor for the Q3 audit',
      identity: {
        displayName: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        systemData: { externalId: 'ada-0002' },
      },
    }),
    responses: {
      201: { description: 'Pending.', schema: ref('IdentityRequest'), headers: ['Location'] },
      400: { description: 'requester or reason missing, or the identity breaks a ClearID rule.' },
      ...NOT_FOUND,
    },
  }),
  admin({
    method: 'get',
    path: `${REQUESTS}/{requestId}`,
    tag: 'Identity requests',
    summary: 'Get an identity request',
    params: [ACCOUNT, REQUEST],
    responses: {
      200: { description: 'The request.', schema: ref('IdentityRequest') },
      ...NOT_FOUND,
    },
  }),
  decision('approve', 'Approve: stores the identity (sends IdentityRequestUpdated)', {
    reason: 'Signed contract',
  }),
  decision('deny', 'Deny (sends IdentityRequestUpdated)', { reason: 'No contract' }),
  decision('cancel', 'Cancel (sends IdentityRequestUpdated)', {}),
]

const MOCK_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/health',
    tag: 'Mock documents',
    summary: 'Health check',
    security: 'none',
    responses: {
      200: {
        description: 'The mock is up.',
        schema: {
          type: 'object',
          properties: { status: { const: 'ok' } },
          required: ['status'],
        },
      },
    },
  },
  {
    method: 'get',
    path: '/_mock/openapi.json',
    tag: 'Mock documents',
    summary: 'This OpenAPI document',
    security: 'none',
    responses: { 200: { description: 'OpenAPI 3.1.', schema: { type: 'object' } } },
  },
  {
    method: 'get',
    path: '/_mock/docs',
    tag: 'Mock documents',
    summary: 'Interactive API reference (works offline)',
    security: 'none',
    responses: {
      200: { description: 'An HTML page.', contentType: 'text/html', schema: { type: 'string' } },
    },
  },
  {
    method: 'get',
    path: '/_mock/webhooks/schemas/{event}',
    tag: 'Mock documents',
    summary: "JSON Schema of an event's payload (ClearID: Download schema)",
    security: 'none',
    params: [
      {
        name: 'event',
        in: 'path',
        description: 'Event name.',
        schema: { enum: [...WEBHOOK_EVENTS] },
      },
    ],
    responses: {
      200: {
        description: 'JSON Schema draft 2020-12.',
        contentType: 'application/schema+json',
        schema: { type: 'object' },
      },
      404: { description: 'Unknown event.' },
    },
  },
]

export const CONTROL_OPERATIONS: readonly OperationSpec[] = [
  ...ACCOUNT_OPERATIONS,
  ...INTEGRATION_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...IDENTITY_REQUEST_OPERATIONS,
  ...MOCK_OPERATIONS,
]
