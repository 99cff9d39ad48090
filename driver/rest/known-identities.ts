/**
 * `--against` of the previews before a synchronization (`csv check`, `graph preview`): reads a
 * target's identities through ClearID's REST API, read-only (a token from the token service, then
 * the identity service v3 list), and tells for each identity a synchronization would write whether
 * it creates, updates or leaves one alone. Works the same against the mock and a tenant.
 * Credentials come from CLEARID_CLIENT_ID and CLEARID_CLIENT_SECRET; they are never printed.
 *
 * @module
 */
import { EXTENSION_ATTRIBUTES } from '../../model/attributes.ts'
import type { MappedIdentity } from '../../model/sync/mapped-identity.ts'
import type { AttributeValue, JsonValue } from '../../model/identity.ts'
import { formatBytes, readJsonObject } from '../../model/read-response.ts'

/** Compares an identity with the target's (`--against`). */
export type Classifier = (identity: MappedIdentity) => {
  outcome: 'create' | 'update' | 'unchanged'
  changes?: string[]
}

export interface AgainstTarget {
  /** The identity service base URL: `https://…/identityservice` on the mock. */
  readonly identityService: string
  /** The token service base URL (its `/connect/token`). */
  readonly tokenService: string
  readonly accountId: string
  readonly clientId: string
  readonly clientSecret: string
  /** Default: the global fetch. */
  readonly fetch?: (request: Request) => Promise<Response>
}

type Http = (request: Request) => Promise<Response>

export class AgainstError extends Error {
  override readonly name = 'AgainstError'
}

interface KnownIdentity {
  readonly displayName: string
  readonly active: boolean
  readonly attributes: Readonly<Record<string, AttributeValue>>
  readonly rest: Readonly<Record<string, JsonValue>>
}

/**
 * Most entries (deleted ones included) and pages read; a larger list is compared by its first
 * ones, and the note says so.
 */
const MAX_IDENTITIES = 2_000_000
const MAX_PAGES = 100_000
/** Largest answers read: a token answer, and a page of the list (ClearID's pages are far smaller). */
const TOKEN_BYTES = 1024 * 1024
const PAGE_BYTES = 64 * 1024 * 1024

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

async function token(target: AgainstTarget, http: Http): Promise<string> {
  const url = `${target.tokenService.replace(/\/+$/, '')}/connect/token`
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: target.clientId,
    client_secret: target.clientSecret,
  })
  let res: Response
  try {
    res = await http(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    )
  } catch (error) {
    throw new AgainstError(`the token service ${url} did not answer: ${(error as Error).message}`)
  }
  const json = await readJsonObject(res, TOKEN_BYTES)
  if (json === 'too large')
    throw new AgainstError(
      `the token service ${url} answered with more than ${formatBytes(TOKEN_BYTES)}: it is not a token answer.`,
    )
  if (!res.ok || typeof json?.access_token !== 'string')
    throw new AgainstError(
      `the token service ${url} refused the client credentials (HTTP ${res.status}): check CLEARID_CLIENT_ID and CLEARID_CLIENT_SECRET.`,
    )
  return json.access_token
}

/** A REST identity's catalogue values, read from where ClearID's REST JSON puts each. */
export function fromRestIdentity(json: Json): KnownIdentity {
  const attributes: Record<string, AttributeValue> = {}
  for (const definition of EXTENSION_ATTRIBUTES) {
    const rest = definition.rest
    if (!rest) continue
    const holder = rest.group === 'top' ? json : json[rest.group]
    if (!isObject(holder)) continue
    const value = holder[rest.member ?? definition.name]
    if (typeof value === 'string' || typeof value === 'boolean') attributes[definition.name] = value
  }
  const rest: Record<string, JsonValue> = {}
  for (const [name, group] of [
    ['picture', 'top'],
    ['birthday', 'privateData'],
    ['activationDateUtc', 'systemData'],
    ['expirationDateUtc', 'systemData'],
  ] as const) {
    const holder = group === 'top' ? json : json[group]
    const value = isObject(holder) ? holder[name] : undefined
    if (value !== undefined && value !== null) rest[name] = value as JsonValue
  }
  return {
    displayName: typeof json.displayName === 'string' ? json.displayName : '',
    active: json.status !== 'Inactive',
    attributes,
    rest,
  }
}

/** Every identity of the account by External ID (deleted ones left out). */
export async function readTarget(
  target: AgainstTarget,
): Promise<{ byExternalId: Map<string, KnownIdentity>; truncated: boolean }> {
  const http: Http = target.fetch ?? ((request) => fetch(request))
  const bearer = await token(target, http)
  const base = `${target.identityService.replace(/\/+$/, '')}/api/v3/accounts/${encodeURIComponent(target.accountId)}/identities`
  const byExternalId = new Map<string, KnownIdentity>()
  let continuation: string | null = ''
  // Every continuation given so far: a server that hands one back again never ends the list.
  const given = new Set<string>()
  let read = 0
  let pages = 0
  while (continuation !== null) {
    if (++pages > MAX_PAGES) return { byExternalId, truncated: true }
    const url = `${base}?include=privateData,companyData,systemData&continuation=${encodeURIComponent(continuation)}`
    let res: Response
    try {
      res = await http(
        new Request(url, {
          headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
        }),
      )
    } catch (error) {
      throw new AgainstError(
        `the identity service did not answer ${base}: ${(error as Error).message}`,
      )
    }
    const json = await readJsonObject(res, PAGE_BYTES)
    if (json === 'too large')
      throw new AgainstError(
        `the identity service answered a page of ${base} with more than ${formatBytes(PAGE_BYTES)}: check --against.`,
      )
    if (!res.ok || !json || !Array.isArray(json.identities))
      throw new AgainstError(
        `the identity service answered HTTP ${res.status} to ${base} without an identity list: check --against and --account.`,
      )
    for (const item of json.identities) {
      // Deleted ones count too: a list of nothing else must still end.
      if (++read > MAX_IDENTITIES) return { byExternalId, truncated: true }
      if (!isObject(item) || item.isDeleted === true) continue
      const known = fromRestIdentity(item)
      const externalId = known.attributes.externalId
      if (typeof externalId === 'string') byExternalId.set(externalId, known)
    }
    const next =
      typeof json.continuation === 'string' && json.continuation !== '' ? json.continuation : null
    if (next !== null && (given.has(next) || json.identities.length === 0))
      throw new AgainstError(
        `the identity service gave a continuation that reads nothing new (${base}): the list was not read to its end.`,
      )
    if (next !== null) given.add(next)
    continuation = next
  }
  return { byExternalId, truncated: false }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Create, update (with the fields that change) or unchanged, as an upload would find it. */
export function classifierFor(byExternalId: ReadonlyMap<string, KnownIdentity>): Classifier {
  return (identity: MappedIdentity) => {
    const known =
      identity.externalId === undefined ? undefined : byExternalId.get(identity.externalId)
    if (!known) return { outcome: 'create' }
    const changes: string[] = []
    for (const [name, value] of Object.entries(identity.attributes))
      if (!same(known.attributes[name], value)) changes.push(name)
    for (const name of identity.cleared)
      if (known.attributes[name] !== undefined) changes.push(name)
    if (identity.displayName !== '' && identity.displayName !== known.displayName)
      changes.push('displayName')
    if (identity.active !== undefined && identity.active !== known.active) changes.push('status')
    for (const [name, value] of Object.entries(identity.rest))
      if (!same(known.rest[name], value)) changes.push(name)
    return changes.length === 0 ? { outcome: 'unchanged' } : { outcome: 'update', changes }
  }
}
