/**
 * What the REST client may send, decided before a request exists: which requests change data
 * (refused without `--allow-writes`), which create an identity (counted against `--max-creates`,
 * and refused unless tagged with the run's `cc-<runId>-` prefix so `sweep` can find it), and which
 * control-plane requests a run may make at all. Pure functions, so the rules of the safety kit can
 * be read and tested without a server.
 *
 * @module
 */
import type { RestService } from './rest-endpoints.ts'

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const IDENTITY_COLLECTION = /^\/api\/v\d+\/accounts\/[^/?#]+\/identities\/?(?:[?#]|$)/i
const IDENTITY_ITEM = /^\/api\/v\d+\/accounts\/[^/?#]+\/identities\/[^/?#]+\/?(?:[?#]|$)/i
const SCIM_USERS = /^\/scim\/v2\/accounts\/([^/?#]+)\/Users\/?(?:[?#]|$)/i

export type RequestKind =
  | { readonly kind: 'read' }
  | { readonly kind: 'write' }
  /** Creates an identity: counted against the cap, must carry the run tag. */
  | { readonly kind: 'create'; readonly via: 'rest' | 'scim' }

/**
 * How a request counts. Token requests and searches change nothing, whatever their method: a
 * token service and a search service are read paths. Everything else that is not a read writes.
 */
export function kindOf(service: RestService, method: string, path: string): RequestKind {
  const upper = method.toUpperCase()
  if (service === 'sts' || service === 'search' || READ_METHODS.has(upper)) return { kind: 'read' }
  if (upper === 'POST' && service === 'identity' && IDENTITY_COLLECTION.test(path))
    return { kind: 'create', via: 'rest' }
  if (upper === 'POST' && service === 'mock' && SCIM_USERS.test(path))
    return { kind: 'create', via: 'scim' }
  return { kind: 'write' }
}

export function isIdentityItem(path: string): boolean {
  return IDENTITY_ITEM.test(path)
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A member by name, case-insensitively (ClearID binds member names that way). */
function member(object: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase()
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) return value
  return undefined
}

/**
 * Whether a create body carries the run's tag: a REST identity in `systemData.externalId` or
 * `firstName`, a SCIM user in `userName`. A body that is not JSON creates nothing a server could
 * keep, so it passes; a JSON value that is not an object is treated the same way.
 */
export function carriesTag(
  via: 'rest' | 'scim',
  bodyText: string | undefined,
  tag: string,
): boolean {
  if (bodyText === undefined) return true
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    return true
  }
  if (!isObject(body)) return true
  const tagged = (value: unknown) => typeof value === 'string' && value.startsWith(tag)
  if (via === 'scim') return tagged(member(body, 'userName'))
  const system = member(body, 'systemData')
  return (
    (isObject(system) && tagged(member(system, 'externalId'))) || tagged(member(body, 'firstName'))
  )
}

/** What this run made on the control plane, which alone it may change there. */
export interface ControlOwnership {
  readonly mainAccount: string
  /** Prefix of accounts this run may create and use freely: `cc-<runId>-`. */
  readonly scratchPrefix: string
  readonly webhooks: ReadonlySet<string>
  readonly integrations: ReadonlySet<string>
}

/**
 * Why the run may not send this control-plane write, or undefined when it may. A run may create
 * scratch accounts of its own and do anything inside them; in the main account it may only add
 * webhooks and API integrations and change or delete the ones it added. It never clears, resets or
 * re-keys the account the other rules work in.
 */
export function controlProblem(
  method: string,
  path: string,
  owned: ControlOwnership,
  body: unknown,
): string | undefined {
  const upper = method.toUpperCase()
  if (READ_METHODS.has(upper)) return undefined
  const pathname = path.split(/[?#]/, 1)[0] ?? ''
  if (upper === 'POST' && pathname === '/webhooks/drain') return undefined
  if (upper === 'POST' && /^\/accounts\/?$/.test(pathname)) {
    const id = isObject(body) ? body.accountId : undefined
    return typeof id === 'string' && id.startsWith(owned.scratchPrefix)
      ? undefined
      : `a new account must be named ${owned.scratchPrefix}…`
  }
  const parts = pathname.split('/').filter((p) => p !== '')
  const account = parts[0] === 'accounts' ? safeDecode(parts[1] ?? '') : undefined
  if (account === undefined) return 'it is not under /accounts/{accountId}'
  if (account.startsWith(owned.scratchPrefix)) return undefined
  if (account !== owned.mainAccount) return `account "${account}" is not this run's`
  const [, , area, id, sub] = parts
  const ownedSet =
    area === 'webhooks' ? owned.webhooks : area === 'integrations' ? owned.integrations : undefined
  if (ownedSet === undefined)
    return `only webhooks and API integrations of the main account may be changed, not ${area ?? 'the account'}`
  if (id === undefined) return upper === 'POST' ? undefined : `${upper} on the collection`
  if (!ownedSet.has(safeDecode(id))) return `${area} ${safeDecode(id)} was not created by this run`
  return sub === undefined || sub === 'key' ? undefined : `${upper} ${area}/{id}/${sub}`
}

/** The account of a scratch SCIM path (`/scim/v2/accounts/{id}/…`), for the `mock` service. */
export function scimAccountOfPath(path: string): string | undefined {
  const match = /^\/scim\/v2\/accounts\/([^/?#]+)/i.exec(path)
  return match?.[1] === undefined ? undefined : safeDecode(match[1])
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
