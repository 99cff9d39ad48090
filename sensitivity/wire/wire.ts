/**
 * Wire-level defects: one step of the SCIM surface (added through `createApp`'s
 * `components.scimSteps`) that rewrites requests before the mock sees them and answers after it
 * has answered. Each defect that can be emulated at the HTTP boundary is one entry of
 * `WIRE_DEFECTS` (area files beside this one), so the mock's own code carries no branch for it.
 *
 * @module
 */
import type { Context } from 'hono'
import type { MockContext } from '../../mock-server/context.ts'
import type { DefectId } from '../defects.ts'
import type { Step } from '../../mock-server/http/pipeline.ts'
import { scimAccountOf } from '../../mock-server/scim/scim-base.ts'
import { nestingDepth } from '../../mock-server/http/read-json-body.ts'
import { bodyLimitOf, readBody, replaceRequestBody } from '../../mock-server/http/read-body.ts'

/** One request as a wire defect sees it. */
export interface Wire {
  readonly ctx: MockContext
  readonly c: Context
  readonly method: string
  /** The path under the account's SCIM base: `/Users/{id}`, `/Groups`, `/Schemas`, … */
  readonly path: string
  readonly accountId: string
}

export interface WireDefect {
  /** May throw an ApiError (the answer), or replace the request with `setRequest`. */
  readonly request?: (wire: Wire) => void | Promise<void>
  /** Returns a replacement answer, or undefined to keep the mock's. */
  readonly response?: (
    wire: Wire,
    answer: Response,
  ) => Response | undefined | Promise<Response | undefined>
}

export type WireDefects = Partial<Record<DefectId, WireDefect>>

export function wireStep(ctx: MockContext, active: readonly WireDefect[]): Step {
  return async function defectWire(c, next) {
    const wire: Wire = {
      ctx,
      c,
      method: c.req.method,
      path: c.req.path.replace(/^\/scim\/v2\/accounts\/[^/]+/, '') || '/',
      accountId: scimAccountOf(c),
    }
    for (const defect of active) await defect.request?.(wire)
    let answer = await next()
    for (const defect of active) answer = (await defect.response?.(wire, answer)) ?? answer
    return answer
  }
}

// --- helpers for the area files ---

export const isUsersItem = (wire: Wire): boolean => /^\/Users\/(?!\.search$)[^/]+$/.test(wire.path)
/** The id of a `/Users/{id}` path; undefined when it does not decode. */
export function userIdOf(wire: Wire): string | undefined {
  try {
    return decodeURIComponent(wire.path.slice('/Users/'.length))
  } catch {
    return undefined
  }
}

export const isUsers = (wire: Wire): boolean => wire.path === '/Users'

/**
 * The request body as the mock reads it. The SCIM surface reads every body once, before the steps
 * (`mock-server/http/read-body.ts`), so steps read it from there rather than from the stream.
 */
export async function requestText(wire: Wire): Promise<string> {
  return (await readBody(wire.c, bodyLimitOf(wire.ctx.behaviour))).text
}

/** The request body as JSON; undefined when it is not JSON or nests deeper than the mock reads. */
export async function requestJson(wire: Wire): Promise<unknown> {
  const text = await requestText(wire)
  if (nestingDepth(text) > wire.ctx.behaviour.maxJsonDepth) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Replaces the request (same method and headers unless given). */
export function setRequest(
  wire: Wire,
  change: { url?: string; body?: string; headers?: Headers },
): void {
  const raw = wire.c.req.raw
  const init: RequestInit & { duplex?: 'half' } = {
    method: raw.method,
    headers: change.headers ?? raw.headers,
    signal: raw.signal,
  }
  if (wire.c.get('requestBody') !== undefined) {
    // Read already (`requestText`): the mock reads it from there, so a new body replaces that one.
    if (change.body !== undefined) replaceRequestBody(wire.c, change.body)
  } else if (raw.method !== 'GET' && raw.method !== 'HEAD') {
    init.body = change.body ?? raw.body
    init.duplex = 'half'
  }
  wire.c.req.raw = new Request(change.url ?? raw.url, init)
}

export function setRequestJson(wire: Wire, body: unknown): void {
  setRequest(wire, { body: JSON.stringify(body) })
}

export function setQuery(wire: Wire, change: (params: URLSearchParams) => void): void {
  const url = new URL(wire.c.req.url)
  const params = new URLSearchParams(url.search)
  change(params)
  url.search = params.toString()
  setRequest(wire, { url: url.toString() })
}

export async function answerJson(answer: Response): Promise<Record<string, unknown> | undefined> {
  if (!(answer.headers.get('content-type') ?? '').includes('json')) return undefined
  try {
    const body = (await answer.clone().json()) as unknown
    return isRecord(body) ? body : undefined
  } catch {
    return undefined
  }
}

export function withJson(
  answer: Response,
  body: unknown,
  status: number = answer.status,
): Response {
  const headers = new Headers(answer.headers)
  headers.delete('content-length')
  return new Response(JSON.stringify(body), { status, headers })
}

export function withoutHeader(answer: Response, name: string): Response {
  const headers = new Headers(answer.headers)
  headers.delete(name)
  return new Response(answer.body, { status: answer.status, headers })
}

export function withHeader(answer: Response, name: string, value: string): Response {
  const headers = new Headers(answer.headers)
  headers.set(name, value)
  return new Response(answer.body, { status: answer.status, headers })
}

/** The SCIM key the request presents as a Bearer token, if any. */
export function presentedKey(c: Context): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
}

/** Whether some account of the mock holds `key`. */
export function anyAccountHolds(ctx: MockContext, key: string): boolean {
  return ctx.accounts.list().some((account) => ctx.accounts.verifyScimKey(account.id, key))
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Applies `change` to a User resource or to every User of a ListResponse. */
export function mapUsers(
  body: Record<string, unknown>,
  change: (user: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> {
  if (Array.isArray(body.Resources)) {
    return { ...body, Resources: body.Resources.map((r) => (isRecord(r) ? change(r) : r)) }
  }
  return typeof body.id === 'string' && isRecord(body.meta) ? change(body) : body
}
