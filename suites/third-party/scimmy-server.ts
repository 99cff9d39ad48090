/**
 * A strict, RFC-shaped SCIM server built from SCIMMY and scimmy-routers (peers.md §5, sketch A),
 * in memory, on a free loopback port. It is a known-behaviour target for the harness: it filters
 * case-sensitively, refuses Entra's string booleans and empty Operations, and has /.search, sorting
 * and Bulk.
 *
 * SCIMMY keeps its resource handlers in module state, so the handlers are declared once and find
 * the store of the server that received the request through the router's `context` callback; two
 * servers started side by side keep separate data. (scimmy-routers also sets the base path of
 * `meta.location` in module state on each request, so two servers answering at the same moment
 * may print each other's origin there.)
 *
 * @module
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import express from 'express'
import SCIMMY from 'scimmy'
import SCIMMYRouters from 'scimmy-routers'
import { listenOnLoopback, type RunningServer } from './listen.ts'

type Stored = Record<string, unknown> & {
  id: string
  meta: { created: Date; lastModified: Date }
}

interface Stores {
  readonly User: Map<string, Stored>
  readonly Group: Map<string, Stored>
}

type ResourceName = keyof Stores

let declared = false

/** The parts of a SCIMMY resource instance the handlers read. */
interface Target {
  readonly id?: string
  readonly filter?: { match(values: unknown[]): unknown[] }
}

// SCIMMY's d.ts types scimType as string, but it omits a null one from the error body, which is
// right for 404 (RFC 7644 §3.12 defines no scimType for it).
const NO_SCIM_TYPE = null as unknown as string

const notFound = (id: string | undefined) =>
  new SCIMMY.Types.Error(404, NO_SCIM_TYPE, `Resource ${String(id)} not found`)

function storesOf(ctx: unknown): Stores {
  const stores = (ctx as { stores?: Stores } | undefined)?.stores
  if (stores === undefined)
    throw new SCIMMY.Types.Error(500, NO_SCIM_TYPE, 'no store for this request')
  return stores
}

function sameUserName(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase()
}

function handlers(name: ResourceName) {
  return {
    ingress: (target: Target, data: unknown, ctx?: unknown): Stored => {
      const store = storesOf(ctx)[name]
      if (target.id !== undefined && !store.has(target.id)) throw notFound(target.id)
      const record = { ...(data as Record<string, unknown>) }
      if (name === 'User') {
        for (const user of store.values()) {
          if (user.id !== target.id && sameUserName(user['userName'], record['userName'])) {
            throw new SCIMMY.Types.Error(409, 'uniqueness', 'userName is already in use')
          }
        }
      }
      const id = target.id ?? randomUUID()
      const now = new Date()
      const stored: Stored = {
        ...record,
        id,
        meta: { created: store.get(id)?.meta.created ?? now, lastModified: now },
      }
      store.set(id, stored)
      return stored
    },
    egress: (target: Target, ctx?: unknown): Stored | Stored[] => {
      const store = storesOf(ctx)[name]
      if (target.id !== undefined) {
        const found = store.get(target.id)
        if (found === undefined) throw notFound(target.id)
        return found
      }
      const all = [...store.values()]
      return target.filter === undefined ? all : (target.filter.match(all) as Stored[])
    },
    degress: (target: Target, ctx?: unknown): void => {
      if (target.id === undefined || !storesOf(ctx)[name].delete(target.id))
        throw notFound(target.id)
    },
  }
}

// The store holds plain SCIM JSON, which SCIMMY runs through its schema on the way in and out, so
// the handlers are typed loosely and cast to SCIMMY's schema-typed handler signatures here.
type UserHandlers = typeof SCIMMY.Resources.User
type GroupHandlers = typeof SCIMMY.Resources.Group

function declareOnce(): void {
  if (declared) return
  declared = true
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false)
  const user = handlers('User')
  const group = handlers('Group')
  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .ingress(user.ingress as unknown as Parameters<UserHandlers['ingress']>[0])
    .egress(user.egress as unknown as Parameters<UserHandlers['egress']>[0])
    .degress(user.degress)
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress(group.ingress as unknown as Parameters<GroupHandlers['ingress']>[0])
    .egress(group.egress as unknown as Parameters<GroupHandlers['egress']>[0])
    .degress(group.degress)
}

function tokenMatches(header: string | undefined, expected: string): boolean {
  const given = Buffer.from(header ?? '')
  const wanted = Buffer.from(`Bearer ${expected}`)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

/** Starts a fresh, empty SCIMMY server. Base URL: `http://127.0.0.1:<port>/scim/v2`. */
export async function startScimmyServer(): Promise<RunningServer> {
  declareOnce()
  const token = randomBytes(24).toString('hex')
  const stores: Stores = { User: new Map(), Group: new Map() }
  const app = express()
  const listening = await listenOnLoopback(app)
  const baseUrl = `${listening.origin}/scim/v2`
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (req) => {
        if (!tokenMatches(req.header('Authorization'), token)) throw new Error('Unauthorized')
        return 'harness'
      },
      context: () => ({ stores }),
      baseUri: () => listening.origin,
    }),
  )
  return { baseUrl, token, close: listening.close }
}
