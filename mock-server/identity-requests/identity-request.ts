/**
 * The minimal identity-request model behind ClearID's "Identity requests created" and "Identity
 * requests updated" webhook events. In ClearID a requester asks, through the self-service portal,
 * for an identity that does not exist yet; the request records who asked, when and why, and an
 * identity approver (or supervisor) approves or denies it; an approved request creates the identity
 * (help.clearid.io "About requesting identities", "Approving identity requests"; techdocs
 * "Requesting an identity in ClearID"). The portal is not emulated, so requests are made and
 * decided on the control plane; this file holds the record and the view every surface shows.
 *
 * @module
 */
import type { Identity } from '../../model/identity.ts'
import { identityJsonSchema } from '../rest/identity-schema.ts'
import { ALL_SECTIONS, toRestIdentity } from '../rest/identity-shape.ts'

/**
 * Pending until decided; then Approved (the identity is created), Denied or Canceled. ClearID's
 * task list names these states (help.clearid.io "Approving identity requests": pending, approved,
 * denied, canceled).
 */
export const REQUEST_STATUSES = ['Pending', 'Approved', 'Denied', 'Canceled'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

export interface IdentityRequest {
  readonly id: string
  readonly accountId: string
  status: RequestStatus
  /** Who asked: ClearID records the requester, the time and the reason of every request. */
  readonly requester: string
  readonly reason: string
  /** The identity template the requester picked in the wizard, when one was named. */
  readonly template: string | null
  readonly requestedUtc: string
  lastModifiedUtc: string
  /** The approver's or denier's reason (ClearID asks for one on either decision). */
  decisionReason: string | null
  /** The identity an approval created; null before. */
  identityId: string | null
  /** The identity as requested, validated when the request was made; stored on approval. */
  readonly proposed: Identity
}

/** Members of the REST identity that describe a stored identity, not a requested one. */
const STORED_ONLY = [
  'identityId',
  'eTag',
  'creationDateUtc',
  'lastModificationDateUtc',
  'isDeleted',
]

/** The requested identity as the REST API would render it, without the stored-only members. */
function requestedIdentity(proposed: Identity): Record<string, unknown> {
  const view = toRestIdentity(proposed, ALL_SECTIONS)
  for (const member of STORED_ONLY) delete view[member]
  return view
}

/** What the control plane answers and what the webhook events carry as `data`. */
export function identityRequestView(request: IdentityRequest): Record<string, unknown> {
  return {
    identityRequestId: request.id,
    accountId: request.accountId,
    status: request.status,
    requester: request.requester,
    reason: request.reason,
    template: request.template,
    requestedUtc: request.requestedUtc,
    lastModifiedUtc: request.lastModifiedUtc,
    decisionReason: request.decisionReason,
    identityId: request.identityId,
    identity: requestedIdentity(request.proposed),
  }
}

/** JSON Schema of `identityRequestView`, built from the identity schema so the two cannot drift. */
export function identityRequestJsonSchema(): Record<string, unknown> {
  const identity = identityJsonSchema(true) as {
    properties: Record<string, unknown>
    required: string[]
  }
  const properties = { ...identity.properties }
  for (const member of STORED_ONLY) delete properties[member]
  const nullableString = { type: ['string', 'null'] }
  return {
    type: 'object',
    additionalProperties: false,
    required: [
      'identityRequestId',
      'accountId',
      'status',
      'requester',
      'reason',
      'template',
      'requestedUtc',
      'lastModifiedUtc',
      'decisionReason',
      'identityId',
      'identity',
    ],
    properties: {
      identityRequestId: { type: 'string', description: 'Id of the request.' },
      accountId: { type: 'string' },
      status: { enum: [...REQUEST_STATUSES] },
      requester: { type: 'string', description: 'Who asked for the identity.' },
      reason: { type: 'string', description: 'Why the identity is needed.' },
      template: { ...nullableString, description: 'The identity template, when named.' },
      requestedUtc: { type: 'string', format: 'date-time' },
      lastModifiedUtc: { type: 'string', format: 'date-time' },
      decisionReason: {
        ...nullableString,
        description: 'Reason given with the approval or denial.',
      },
      identityId: { ...nullableString, description: 'The identity the approval created.' },
      identity: {
        type: 'object',
        additionalProperties: false,
        description: 'The identity as requested.',
        required: identity.required.filter((name) => !STORED_ONLY.includes(name)),
        properties,
      },
    },
  }
}
