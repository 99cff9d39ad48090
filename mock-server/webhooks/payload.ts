/**
 * The callback payload: `{eventId, eventType, accountId, occurredUtc, data}`. For identity events
 * `data` is the identity as the REST API renders it (all nested objects); for identity request
 * events it is the request (`identity-requests/identity-request.ts`). The same builders feed
 * deliveries and the JSON Schema each event publishes, so the two cannot drift.
 *
 * @module
 */
import type { IdentityEvent } from '../events.ts'
import {
  identityRequestJsonSchema,
  identityRequestView,
} from '../identity-requests/identity-request.ts'
import type { IdentityRequestEvent } from '../identity-requests/identity-request-events.ts'
import { identityJsonSchema } from '../rest/identity-schema.ts'
import { ALL_SECTIONS, toRestIdentity } from '../rest/identity-shape.ts'
import type { WebhookEvent } from './webhook-config.ts'

export interface WebhookPayload {
  readonly eventId: string
  readonly eventType: string
  readonly accountId: string
  readonly occurredUtc: string
  readonly data: Record<string, unknown>
}

export function payloadOf(event: IdentityEvent, eventId: string): WebhookPayload {
  return {
    eventId,
    eventType: event.type,
    accountId: event.accountId,
    occurredUtc: event.occurredAt,
    data: toRestIdentity(event.identity, ALL_SECTIONS),
  }
}

export function requestPayloadOf(event: IdentityRequestEvent, eventId: string): WebhookPayload {
  return {
    eventId,
    eventType: event.type,
    accountId: event.accountId,
    occurredUtc: event.occurredAt,
    data: identityRequestView(event.request),
  }
}

const DESCRIPTIONS: Record<WebhookEvent, string> = {
  IdentityCreated:
    'An identity was created (by SCIM, the REST API, seeding or an approved request).',
  IdentityUpdated: 'An identity changed, including deactivation (status Inactive).',
  IdentityRequestCreated:
    'An identity was requested; the request is Pending (data is the request).',
  IdentityRequestUpdated:
    'An identity request was approved (data.identityId is the identity created), denied or canceled.',
  IdentityDeleted:
    'Mock extra, not a documented ClearID event: an identity was deleted (soft delete: data.isDeleted is true).',
}

const isRequestEvent = (event: WebhookEvent): boolean =>
  event === 'IdentityRequestCreated' || event === 'IdentityRequestUpdated'

/** JSON Schema (draft 2020-12) of one event's payload, served at /_mock/webhooks/schemas/{event}. */
export function eventJsonSchema(event: WebhookEvent): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:clearid-mock:webhooks:${event}`,
    title: `${event} webhook payload`,
    description: DESCRIPTIONS[event],
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'eventType', 'accountId', 'occurredUtc', 'data'],
    properties: {
      eventId: { type: 'string', description: 'Unique id of the event; the same on every retry.' },
      eventType: { const: event },
      accountId: { type: 'string' },
      occurredUtc: { type: 'string', format: 'date-time' },
      data: isRequestEvent(event) ? identityRequestJsonSchema() : identityJsonSchema(true),
    },
  }
}
