/**
 * Wire-level defects of the REST side: one middleware (added through `createApp`'s
 * `components.restMiddleware`) in front of the token service, the identity and search services and
 * the control plane, that rewrites requests before the mock sees them and answers after it has
 * answered. Each defect that can be emulated at that boundary is one entry of `REST_WIRE_DEFECTS`
 * (area files beside this one), so the mock's own code carries no branch for it.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { MockContext } from '../../mock-server/context.ts'
import { bodyLimitOf, readBody, replaceRequestBody } from '../../mock-server/http/read-body.ts'
import type { DefectId } from '../defects.ts'

export type RestSurface = 'sts' | 'identity' | 'search' | 'admin'

/** One request as a REST wire defect sees it. */
export interface RestWire {
  readonly ctx: MockContext
  readonly c: Context
  readonly method: string
  readonly surface: RestSurface
  /** The path under the surface's mount: `/connect/token`, `/api/v2/accounts/demo/identities/…`. */
  readonly path: string
}

export interface RestWireDefect {
  /** May throw an ApiError (the answer), or rewrite the request (`setRestUrl`, `setRestBody`). */
  readonly request?: (wire: RestWire) => void | Promise<void>
  /** Returns a replacement answer, or undefined to keep the mock's. */
  readonly response?: (
    wire: RestWire,
    answer: Response,
  ) => Response | undefined | Promise<Response | undefined>
}

export type RestWireDefects = Partial<Record<DefectId, RestWireDefect>>

const MOUNTS: readonly [string, RestSurface][] = [
  ['/sts', 'sts'],
  ['/identityservice', 'identity'],
  ['/searchservice', 'search'],
  ['/_admin', 'admin'],
]

function surfaceOf(path: string): { surface: RestSurface; rest: string } | undefined {
  for (const [mount, surface] of MOUNTS)
    if (path === mount || path.startsWith(`${mount}/`))
      return { surface, rest: path.slice(mount.length) || '/' }
  return undefined
}

export function restWireMiddleware(
  ctx: MockContext,
  active: readonly RestWireDefect[],
): MiddlewareHandler {
  return async function restDefectWire(c, next) {
    const where = surfaceOf(c.req.path)
    if (!where) return next()
    const wire: RestWire = {
      ctx,
      c,
      method: c.req.method,
      surface: where.surface,
      path: where.rest,
    }
    for (const defect of active) await defect.request?.(wire)
    await next()
    let answer = c.res
    for (const defect of active) answer = (await defect.response?.(wire, answer)) ?? answer
    if (answer !== c.res) {
      // Hono's setter copies the old answer's headers onto a new one: clear it first, so a
      // header a defect removed or changed stays so.
      c.res = undefined
      c.res = answer
    }
  }
}

// --- helpers for the area files ---

/** The request body as text, read once within the app's limit (the mock reads it from there). */
export async function restRequestText(wire: RestWire): Promise<string> {
  if (wire.method === 'GET' || wire.method === 'HEAD') return ''
  return (await readBody(wire.c, bodyLimitOf(wire.ctx.behaviour))).text
}

export async function restRequestJson(
  wire: RestWire,
): Promise<Record<string, unknown> | undefined> {
  try {
    const body = JSON.parse(await restRequestText(wire)) as unknown
    return isRecord(body) ? body : undefined
  } catch {
    return undefined
  }
}

/** Replaces the body the mock reads. */
export async function setRestBody(wire: RestWire, text: string): Promise<void> {
  await restRequestText(wire)
  replaceRequestBody(wire.c, text)
}

/** Replaces the request URL (same method, headers and body). */
export function setRestUrl(wire: RestWire, url: URL): void {
  const raw = wire.c.req.raw
  const init: RequestInit & { duplex?: 'half' } = { method: raw.method, headers: raw.headers }
  if (raw.method !== 'GET' && raw.method !== 'HEAD' && wire.c.get('requestBody') === undefined) {
    init.body = raw.body
    init.duplex = 'half'
  }
  wire.c.req.raw = new Request(url, init)
}

export async function restAnswerJson(answer: Response): Promise<unknown> {
  if (!(answer.headers.get('content-type') ?? '').includes('json')) return undefined
  try {
    return (await answer.clone().json()) as unknown
  } catch {
    return undefined
  }
}

export function restWithJson(answer: Response, body: unknown, status = answer.status): Response {
  const headers = new Headers(answer.headers)
  headers.delete('content-length')
  return new Response(JSON.stringify(body), { status, headers })
}

export function restWithHeaders(answer: Response, change: (headers: Headers) => void): Response {
  const headers = new Headers(answer.headers)
  change(headers)
  return new Response(answer.body, { status: answer.status, headers })
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const ITEM = /^\/api\/v2\/accounts\/([^/]+)\/identities\/([^/]+)$/
const COLLECTION = /^\/api\/v2\/accounts\/([^/]+)\/identities\/?$/

/** `{accountId, identityId}` of a v2 identity path, or undefined. */
export function identityItem(wire: RestWire): { accountId: string; id: string } | undefined {
  if (wire.surface !== 'identity') return undefined
  const match = ITEM.exec(wire.path)
  if (!match?.[1] || !match[2]) return undefined
  return { accountId: decodeURIComponent(match[1]), id: decodeURIComponent(match[2]) }
}

export function isIdentityCollection(wire: RestWire): boolean {
  return wire.surface === 'identity' && COLLECTION.test(wire.path)
}

export function isTokenRequest(wire: RestWire): boolean {
  return wire.surface === 'sts' && wire.method === 'POST' && wire.path === '/connect/token'
}

/** The form parameters of a token request. */
export async function tokenParams(wire: RestWire): Promise<URLSearchParams> {
  return new URLSearchParams(await restRequestText(wire))
}

/** The claims of a JWT, unverified; undefined when it is not one. */
export function jwtClaims(jwt: string): Record<string, unknown> | undefined {
  const part = jwt.split('.')[1]
  if (part === undefined) return undefined
  try {
    const text = atob(part.replace(/-/g, '+').replace(/_/g, '/'))
    const claims = JSON.parse(text) as unknown
    return isRecord(claims) ? claims : undefined
  } catch {
    return undefined
  }
}

/** A token answer as a lenient token service would give it. */
export function fakeToken(answer: Response): Response {
  return restWithJson(
    answer,
    { access_token: 'cc-not-a-token', token_type: 'Bearer', expires_in: 3600 },
    200,
  )
}

/** The bearer token a request presents. */
export function bearerOf(wire: RestWire): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(wire.c.req.header('authorization') ?? '')?.[1]
}
