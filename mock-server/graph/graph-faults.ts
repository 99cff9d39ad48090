/**
 * Graph's failure modes as faults of one fake tenant, set on the control plane
 * (`POST /_admin/graph/tenants/{tenant}/faults`) or in `createApp({graph})`:
 *
 * - `throttle`: 429 `TooManyRequests` with `Retry-After` (Graph's throttling answer);
 * - `unavailable`: 503 `serviceNotAvailable`, with `Retry-After` when given;
 * - `expiredToken`: every token issued so far expires at once (401 `InvalidAuthenticationToken`,
 *   "Lifetime validation failed, the token is expired."), as when a run outlives its token; a new
 *   token from the token endpoint works;
 * - `brokenNextLink`: following an `@odata.nextLink` (a request with `$skiptoken`) answers 400
 *   `Directory_ExpiredPageToken`, as large tenants see when a paging cursor lapses.
 *
 * `after` lets that many matching requests through first ("mid-run"); `next` is how many matching
 * requests get the fault before it retires (default 1); `route` limits it to `[METHOD] /path` under
 * `/v1.0` (`*` matches one segment). The existing SCIM fault rules (`mock-server/faults`) are per
 * ClearID account and SCIM-shaped; these four are Graph's own, so they are kept per Graph tenant.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { matchesRoute } from '../faults/fault-registry.ts'
import { FaultSpecError, parseRoute, type FaultRule } from '../faults/fault-rule.ts'

export const GRAPH_FAULT_TYPES = [
  'throttle',
  'unavailable',
  'expiredToken',
  'brokenNextLink',
] as const
export type GraphFaultType = (typeof GRAPH_FAULT_TYPES)[number]

export interface GraphFaultSpec {
  readonly type: GraphFaultType
  /** Seconds, for `throttle` (default 2) and `unavailable` (default: no header). */
  readonly retryAfter?: number
  /** Matching requests to let through before the fault applies. Default 0. */
  readonly after?: number
  /** Matching requests that get the fault before it retires. Default 1. */
  readonly next?: number
  /** `"GET /users"`, `"/users/delta"`, `"/groups/*\/members"`: a path under `/v1.0`. Default: any. */
  readonly route?: string
}

export interface GraphFault {
  readonly id: string
  readonly type: GraphFaultType
  readonly retryAfter?: number
  readonly route: Pick<FaultRule, 'method' | 'path'>
  /** Matching requests still to let through. */
  after: number
  remaining: number
  applied: number
}

/** What a fault applies to: the request under `/v1.0`, and whether it follows a nextLink. */
export interface GraphFaultRequest {
  readonly method: string
  readonly path: string
  readonly followsNextLink: boolean
}

const SPEC_KEYS = ['type', 'retryAfter', 'after', 'next', 'route'] as const
const DEFAULT_THROTTLE_SECONDS = 2

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function invalid(message: string): ApiError {
  return new ApiError(400, message, { errors: { fault: [message] } })
}

function integer(spec: Record<string, unknown>, name: string, min: number, max: number) {
  const value = spec[name]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} must be a whole number from ${min} to ${max}.`)
  }
  return value
}

/** Validates a fault spec (JSON). Throws `ApiError` 400 naming the field. */
export function toGraphFault(spec: unknown, id: string): GraphFault {
  if (!isObject(spec)) throw invalid('A Graph fault is a JSON object such as {"type":"throttle"}.')
  const unknown = Object.keys(spec).filter((k) => !(SPEC_KEYS as readonly string[]).includes(k))
  if (unknown.length > 0) {
    throw invalid(
      `Unknown fault field "${unknown[0]?.slice(0, 40)}"; known: ${SPEC_KEYS.join(', ')}.`,
    )
  }
  const type = spec.type as GraphFaultType
  if (!GRAPH_FAULT_TYPES.includes(type)) {
    throw invalid(`type must be one of ${GRAPH_FAULT_TYPES.join(', ')}.`)
  }
  const retryAfter = integer(spec, 'retryAfter', 0, 3600)
  if (retryAfter !== undefined && type !== 'throttle' && type !== 'unavailable') {
    throw invalid('retryAfter applies to throttle and unavailable faults.')
  }
  const next = integer(spec, 'next', 1, 1_000_000)
  if (next !== undefined && type === 'expiredToken') {
    throw invalid(
      'An expiredToken fault fires once (every token issued so far expires); drop next.',
    )
  }
  let route: Pick<FaultRule, 'method' | 'path'> = {}
  if (spec.route !== undefined) {
    if (typeof spec.route !== 'string')
      throw invalid('route must be a string such as "GET /users".')
    try {
      route = parseRoute(spec.route)
    } catch (error) {
      if (error instanceof FaultSpecError) throw invalid(error.message)
      throw error
    }
  }
  const seconds = retryAfter ?? (type === 'throttle' ? DEFAULT_THROTTLE_SECONDS : undefined)
  return {
    id,
    type,
    ...(seconds === undefined ? {} : { retryAfter: seconds }),
    route,
    after: integer(spec, 'after', 0, 1_000_000) ?? 0,
    remaining: next ?? 1,
    applied: 0,
  }
}

export class GraphFaults {
  #faults: GraphFault[] = []
  #counter = 0

  add(spec: unknown): GraphFault {
    const fault = toGraphFault(spec, `g${++this.#counter}`)
    this.#faults.push(fault)
    return fault
  }

  list(): readonly GraphFault[] {
    return this.#faults
  }

  remove(id: string): boolean {
    const before = this.#faults.length
    this.#faults = this.#faults.filter((f) => f.id !== id)
    return this.#faults.length < before
  }

  clear(): number {
    const count = this.#faults.length
    this.#faults = []
    return count
  }

  /**
   * The fault of one of `types` this request gets, if any. Every matching fault counts the request
   * against its `after`; the first one due applies and counts against its `next`.
   */
  take(types: readonly GraphFaultType[], request: GraphFaultRequest): GraphFault | undefined {
    if (this.#faults.length === 0) return undefined
    let chosen: GraphFault | undefined
    for (const fault of this.#faults) {
      if (!types.includes(fault.type) || !matchesRoute(fault.route, request)) continue
      if (fault.type === 'brokenNextLink' && !request.followsNextLink) continue
      if (fault.after > 0) {
        fault.after--
        continue
      }
      if (chosen) continue
      chosen = fault
      fault.applied++
      fault.remaining--
    }
    if (chosen && chosen.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== chosen)
    return chosen
  }
}

export function faultView(fault: GraphFault): Record<string, unknown> {
  return {
    id: fault.id,
    type: fault.type,
    ...(fault.retryAfter === undefined ? {} : { retryAfter: fault.retryAfter }),
    route: `${fault.route.method ?? '*'} ${fault.route.path ?? '*'}`,
    after: fault.after,
    remaining: fault.remaining,
    applied: fault.applied,
  }
}
