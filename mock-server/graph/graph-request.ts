/**
 * What runs before every fake Graph request: the trace identifiers Graph returns (`request-id`,
 * `client-request-id`, which also mark the request so errors render in Graph's shape), the bearer
 * token check (401 `InvalidAuthenticationToken` with Graph's messages), the tenant the token names,
 * and the tenant's faults. Routes then check the token's roles for what they read (403
 * `Authorization_RequestDenied`).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { MockContext } from '../context.ts'
import type { GraphSurface, GraphTrace } from '../errors/graph-error-body.ts'
import { BEARER_AUTHORIZATION } from '../http/bearer.ts'
import { forbidden, graphError, invalidToken } from './graph-errors.ts'
import type { GraphFaultRequest } from './graph-faults.ts'
import type { GraphTenant } from './graph-tenant.ts'

export interface GraphCaller {
  readonly tenant: GraphTenant
  readonly roles: readonly string[]
}

declare module 'hono' {
  interface ContextVariableMap {
    graphCaller: GraphCaller
  }
}

/** Graph's JSON content type. */
export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'

const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Marks the request for Graph-shaped errors and sets the trace headers. */
export function setGraphTrace(ctx: MockContext, c: Context, surface: GraphSurface): void {
  const requestId = crypto.randomUUID()
  const sent = c.req.header('client-request-id')
  // Graph echoes a client-request-id that is a GUID; otherwise the request id stands in.
  const clientRequestId = sent && GUID_TEXT.test(sent) ? sent : requestId
  const trace: GraphTrace = { surface, requestId, clientRequestId, at: ctx.clock() }
  c.set('graphTrace', trace)
  if (surface === 'graph') {
    c.header('request-id', requestId)
    c.header('client-request-id', clientRequestId)
    c.header('x-ms-ags-diagnostic', DIAGNOSTIC)
  } else {
    c.header('x-ms-request-id', requestId)
  }
}

const DIAGNOSTIC =
  '{"ServerInfo":{"DataCenter":"ClearID mock","Slice":"E","Ring":"1","ScaleUnit":"000","RoleInstance":"mock"}}'

export function graphTrace(ctx: MockContext, surface: GraphSurface): MiddlewareHandler {
  return async function graphTrace(c, next) {
    setGraphTrace(ctx, c, surface)
    await next()
  }
}

/** The path under `/v1.0`, for fault routes. */
function pathUnderVersion(c: Context): string {
  const path = c.req.path
  const at = path.indexOf('/v1.0')
  return at < 0 ? path : path.slice(at + '/v1.0'.length) || '/'
}

/** Token, tenant and faults, for every `/v1.0` request. */
export function graphAuth(ctx: MockContext): MiddlewareHandler {
  return async function graphAuth(c, next) {
    const header = c.req.header('authorization')
    const token = header === undefined ? undefined : BEARER_AUTHORIZATION.exec(header)?.[1]
    if (token === undefined) throw invalidToken('Access token is empty.')
    const check = await ctx.graph.signer.verify(token)
    if (!check.ok) {
      if (check.reason === 'expired')
        throw invalidToken('Lifetime validation failed, the token is expired.')
      if (check.reason === 'audience')
        throw invalidToken('Access token validation failure. Invalid audience.')
      throw invalidToken('Access token validation failure.')
    }
    const tenant = ctx.graph.get(check.claims.tid)
    if (!tenant) throw invalidToken('Access token validation failure. The tenant no longer exists.')
    await tenant.ready()
    const request: GraphFaultRequest = {
      method: c.req.method,
      path: pathUnderVersion(c),
      followsNextLink: new URL(c.req.url).searchParams.has('$skiptoken'),
    }
    // An expiredToken fault expires every token issued so far, this one included.
    if (tenant.faults.take(['expiredToken'], request)) tenant.tokens.expireAll()
    if (tenant.tokens.isExpired(check.claims.uti)) {
      throw invalidToken('Lifetime validation failed, the token is expired.')
    }
    const fault = tenant.faults.take(['throttle', 'unavailable', 'brokenNextLink'], request)
    if (fault?.type === 'throttle') {
      throw graphError(
        429,
        'TooManyRequests',
        'Too many requests. Please retry after the number of seconds in the Retry-After header.',
        { 'Retry-After': String(fault.retryAfter ?? 2) },
      )
    }
    if (fault?.type === 'unavailable') {
      throw graphError(
        503,
        'serviceNotAvailable',
        'The service is temporarily unavailable. Please retry later.',
        fault.retryAfter === undefined ? undefined : { 'Retry-After': String(fault.retryAfter) },
      )
    }
    if (fault?.type === 'brokenNextLink') {
      throw graphError(
        400,
        'Directory_ExpiredPageToken',
        'The specified page token value has expired and can no longer be included in your request.',
      )
    }
    c.set('graphCaller', { tenant, roles: check.claims.roles ?? [] })
    await next()
  }
}

/** The caller's tenant, after checking the token grants one of `roles`. */
export function requireRole(c: Context, roles: readonly string[]): GraphTenant {
  const caller = c.get('graphCaller')
  if (!caller.roles.some((role) => roles.includes(role))) throw forbidden()
  return caller.tenant
}

/** A Graph JSON answer. */
export function graphJson(c: Context, body: unknown, status: 200 | 201 = 200): Response {
  return c.body(JSON.stringify(body), status, {
    'Content-Type': GRAPH_JSON,
    'OData-Version': '4.0',
  })
}
