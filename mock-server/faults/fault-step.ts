/**
 * Applies fault rules on the SCIM surface. Registered faults (options, control plane, CLI) apply
 * before authentication, as a load balancer fails before the application sees the key. One
 * request's `X-Mock-Fault` header applies only after the SCIM key check, and only when the app
 * honours fault headers (option `faultHeaders`): nobody without the key can make the mock fail, hang
 * or drop connections. With no fault registered the first step costs one length check; the header
 * costs one header lookup, which the key check's step makes.
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError, badRequest, conflict, notFound } from '../errors/api-error.ts'
import type { Answer, Step } from '../http/pipeline.ts'
import { requestHeader } from '../http/request-header.ts'
import { scimAccountOf } from '../scim/scim-base.ts'
import { describeAction, FaultSpecError, type FaultAction, type FaultType } from './fault-rule.ts'
import type { ActiveFault, FaultRegistry, FaultRequest } from './fault-registry.ts'
import type { IdentityStore } from '../store/identity-store.ts'
import { faultRuleFromText } from './fault-text.ts'
import { matchesRoute } from './fault-registry.ts'
import { SimulatedNetworkFailure } from './network-failure.ts'
import { slowAnswer, waitOrAbort } from './slow-body.ts'

export const FAULT_HEADER = 'x-mock-fault'

/** What the traffic log keeps about the fault that shaped an exchange. */
export interface InjectedFault {
  /** `f1`, … for registered faults; `header` for `X-Mock-Fault`. */
  readonly id: string
  readonly type: FaultType
  readonly status?: number
  readonly retryAfterSeconds?: number
  readonly latencyMs?: number
}

declare module 'hono' {
  interface ContextVariableMap {
    mockFault: InjectedFault
  }
}

/** What fault injection reads of the app: its rules, the store (a 409 for a create that worked), the clock. */
export interface FaultState {
  readonly faults: FaultRegistry
  readonly store: IdentityStore
  readonly clock: () => Date
}

/** Registered faults: before authentication. */
export function faultStep(ctx: FaultState): Step {
  // Synchronous until a fault applies: most requests pass straight through.
  return function faultInjection(c, next) {
    if (ctx.faults.empty) return next()
    const request = faultRequestOf(c)
    const fault = ctx.faults.select(request, (f) => applicable(ctx, f, request))
    if (!fault) return next()
    return applyFault(c, next, fault, request)
  }
}

/**
 * The SCIM key check (`auth`, the mock's own or a component), then the fault the request's
 * `X-Mock-Fault` header asks for, as one step: a request without a valid key never reaches the
 * header, and a request without the header costs one header lookup.
 */
export function authenticatedHeaderFaults(ctx: FaultState, auth: Step): Step {
  return function keyThenHeaderFault(c, next) {
    if (!ctx.faults.headersEnabled) return auth(c, next)
    const header = requestHeader(c, FAULT_HEADER)
    if (header === undefined) return auth(c, next)
    return auth(c, () => {
      const request = faultRequestOf(c)
      const fault = headerFault(ctx, header, request, (f) => applicable(ctx, f, request))
      return fault ? applyFault(c, next, fault, request) : next()
    })
  }
}

function faultRequestOf(c: Context): FaultRequest {
  const accountId = scimAccountOf(c)
  const prefix = `/scim/v2/accounts/${accountId}`
  const path = c.req.path.startsWith(prefix) ? c.req.path.slice(prefix.length) || '/' : c.req.path
  return { accountId, method: c.req.method, path }
}

function headerFault(
  ctx: FaultState,
  text: string,
  request: FaultRequest,
  condition: (fault: ActiveFault) => boolean,
): ActiveFault | undefined {
  let rule
  try {
    rule = faultRuleFromText(text)
  } catch (error) {
    if (!(error instanceof FaultSpecError)) throw error
    throw badRequest('invalidSyntax', `The X-Mock-Fault header is not valid: ${error.message}`)
  }
  // Header faults with the same seed share one sequence per app, so `rate` repeats run to run.
  const random = ctx.faults.headerRandom(rule.seed)
  const fault: ActiveFault = { id: 'header', rule, applied: 1, random, served: new Set() }
  if (!matchesRoute(rule, request) || !condition(fault)) return undefined
  if (rule.rate < 1 && random() >= rule.rate) return undefined
  return fault
}

/** Faults that only make sense for some requests check them here, before a use is counted. */
function applicable(ctx: FaultState, fault: ActiveFault, request: FaultRequest): boolean {
  const action = fault.rule.action
  if (action?.type === 'conflict-after-success') {
    return request.method === 'POST' && /^\/Users\/?$/i.test(request.path)
  }
  if (action?.type !== 'not-found-after-create') return true
  const id = /^\/Users\/([^/]+)$/i.exec(request.path)?.[1]
  if (request.method !== 'GET' || id === undefined || fault.served.has(id)) return false
  const identity = ctx.store.get(request.accountId, decodeURIComponent(id))
  if (!identity || identity.deleted) return false
  return ctx.clock().getTime() - Date.parse(identity.created) < action.withinMs
}

async function applyFault(
  c: Context,
  next: () => Answer,
  fault: ActiveFault,
  request: FaultRequest,
): Promise<Response> {
  const { latencyMs, action } = fault.rule
  c.set('mockFault', injectedOf(fault.id, latencyMs, action))
  if (latencyMs > 0) await waitOrAbort(latencyMs, c.req.raw.signal)
  if (!action) return next()
  switch (action.type) {
    case 'status':
      throw statusError(action.status, action.retryAfterSeconds, fault.id)
    case 'reset':
      throw new SimulatedNetworkFailure('reset', fault.id)
    case 'timeout':
      await waitOrAbort(action.maxMs, c.req.raw.signal)
      throw new SimulatedNetworkFailure('timeout', fault.id)
    case 'slow-body':
      return slowAnswer(c, await next(), action.chunkBytes, action.delayMs)
    case 'conflict-after-success':
      return conflictAfterCreate(next, fault.id)
    case 'not-found-after-create':
      fault.served.add(request.path.slice('/Users/'.length))
      throw notFound(
        `No User with this id yet (fault ${fault.id}: ${describeAction(action)}). Read it again shortly; do not create it again.`,
      )
  }
}

async function conflictAfterCreate(next: () => Answer, faultId: string): Promise<Response> {
  const answer = await next()
  if (answer.status !== 201) return answer
  throw conflict(
    `The user already exists (fault ${faultId}: the create was applied, then answered 409 as a retried request would be). Look the user up by filter and adopt it.`,
    'userName',
  )
}

function statusError(status: number, retryAfter: number | undefined, faultId: string): ApiError {
  const headers = retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) }
  const wait =
    retryAfter === undefined
      ? 'Retry later with back-off.'
      : `Wait ${retryAfter} s (Retry-After) before the next request.`
  const detail = `Simulated ${status} (fault ${faultId}); the request was not applied. ${wait}`
  return new ApiError(status, detail, headers ? { headers } : {})
}

function injectedOf(id: string, latencyMs: number, action: FaultAction | undefined): InjectedFault {
  return {
    id,
    type: action?.type ?? 'latency',
    ...(action?.type === 'status' && { status: action.status }),
    ...(action?.type === 'status' &&
      action.retryAfterSeconds !== undefined && { retryAfterSeconds: action.retryAfterSeconds }),
    ...(latencyMs > 0 && { latencyMs }),
  }
}
