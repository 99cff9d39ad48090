/**
 * The identity requests of every account and their lifecycle: made (Pending), then approved (the
 * requested identity is stored), denied or canceled, once. Each change publishes
 * `IdentityRequestCreated` or `IdentityRequestUpdated`. Storing the identity is the caller's step
 * (`approve` takes the stored identity), so a refused store leaves the request pending.
 *
 * @module
 */
import type { Identity } from '../../model/identity.ts'
import { ApiError } from '../errors/api-error.ts'
import type { IdentityRequest, RequestStatus } from './identity-request.ts'
import type { IdentityRequestEvents, IdentityRequestEventType } from './identity-request-events.ts'

export interface NewIdentityRequest {
  readonly requester: string
  readonly reason: string
  readonly template: string | null
  readonly proposed: Identity
}

export interface IdentityRequestDeps {
  readonly events: IdentityRequestEvents
  readonly clock: () => Date
  readonly ids: () => string
}

/** Requests kept per account; the oldest decided ones go first past it. */
export const MAX_REQUESTS_PER_ACCOUNT = 10_000

export class IdentityRequests {
  readonly #byAccount = new Map<string, Map<string, IdentityRequest>>()

  constructor(private readonly deps: IdentityRequestDeps) {}

  create(accountId: string, input: NewIdentityRequest): IdentityRequest {
    const now = this.deps.clock().toISOString()
    const request: IdentityRequest = {
      id: this.deps.ids(),
      accountId,
      status: 'Pending',
      requester: input.requester,
      reason: input.reason,
      template: input.template,
      requestedUtc: now,
      lastModifiedUtc: now,
      decisionReason: null,
      identityId: null,
      proposed: input.proposed,
    }
    const requests = this.#requestsOf(accountId)
    this.#makeRoom(requests)
    requests.set(request.id, request)
    this.#publish('IdentityRequestCreated', request)
    return request
  }

  /** In creation order. */
  list(accountId: string): IdentityRequest[] {
    return [...(this.#byAccount.get(accountId)?.values() ?? [])]
  }

  require(accountId: string, id: string): IdentityRequest {
    const request = this.#byAccount.get(accountId)?.get(id)
    if (!request) {
      throw new ApiError(
        404,
        `No identity request with id "${id.slice(0, 100)}" exists in account "${accountId.slice(0, 64)}".`,
      )
    }
    return request
  }

  /** Throws 409 unless the request can still be decided. */
  assertPending(request: IdentityRequest): void {
    if (request.status !== 'Pending') {
      throw new ApiError(
        409,
        `The identity request is already ${request.status}; only a Pending request can be approved, denied or canceled.`,
      )
    }
  }

  /** The requested identity was stored as `identity`. */
  approve(request: IdentityRequest, identity: Identity, reason: string): IdentityRequest {
    this.assertPending(request)
    request.identityId = identity.id
    return this.#decide(request, 'Approved', reason)
  }

  deny(request: IdentityRequest, reason: string): IdentityRequest {
    this.assertPending(request)
    return this.#decide(request, 'Denied', reason)
  }

  cancel(request: IdentityRequest, reason: string | null): IdentityRequest {
    this.assertPending(request)
    return this.#decide(request, 'Canceled', reason)
  }

  /** The account's data was cleared by the control plane. */
  forget(accountId: string): void {
    this.#byAccount.delete(accountId)
  }

  #decide(request: IdentityRequest, status: RequestStatus, reason: string | null): IdentityRequest {
    request.status = status
    request.decisionReason = reason
    request.lastModifiedUtc = this.deps.clock().toISOString()
    this.#publish('IdentityRequestUpdated', request)
    return request
  }

  #requestsOf(accountId: string): Map<string, IdentityRequest> {
    let requests = this.#byAccount.get(accountId)
    if (!requests) this.#byAccount.set(accountId, (requests = new Map()))
    return requests
  }

  /** Keeps memory bounded: at the limit, the oldest decided request makes room for a new one. */
  #makeRoom(requests: Map<string, IdentityRequest>): void {
    if (requests.size < MAX_REQUESTS_PER_ACCOUNT) return
    for (const [id, request] of requests) {
      if (request.status === 'Pending') continue
      requests.delete(id)
      return
    }
    throw new ApiError(
      409,
      `The account already has ${MAX_REQUESTS_PER_ACCOUNT} pending identity requests: decide some first.`,
    )
  }

  #publish(type: IdentityRequestEventType, request: IdentityRequest): void {
    this.deps.events.publish({
      type,
      accountId: request.accountId,
      // A copy: the record changes again when the request is decided.
      request: { ...request },
      occurredAt: request.lastModifiedUtc,
    })
  }
}
