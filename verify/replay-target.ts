/**
 * Where a recorded session is replayed: the mock in-process or any SCIM endpoint. Its own file, so
 * the replay loop and the request builder both use it without importing each other.
 *
 * @module
 */

export interface ReplayTarget {
  readonly fetch: (request: Request) => Promise<Response>
  /** The SCIM base (Tenant URL) of the target account. */
  readonly baseUrl: string
  readonly key: string
  /** The target is the mock: recorded faults are re-injected with `X-Mock-Fault`. */
  readonly injectFaults: boolean
}
