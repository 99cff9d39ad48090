/**
 * REST wire defects of the identity service v2: create, read, lookup, merge PATCH, replacing PUT,
 * the eTag checks, delete, validation and uniqueness, `include=`, problem details, and how REST
 * sees identities SCIM wrote. See `rest-wire.ts`.
 *
 * @module
 */
import { restETagOf } from '../../mock-server/rest/identity-shape.ts'
import { perApp } from './per-app.ts'
import {
  identityItem,
  isIdentityCollection,
  isRecord,
  restAnswerJson,
  restRequestJson,
  restWithJson,
  setRestBody,
  setRestUrl,
  type RestWire,
  type RestWireDefects,
} from './rest-wire.ts'

type Body = Record<string, unknown>

/** A member by name, case-insensitively, as the mock reads bodies. */
function hasMember(body: Body, name: string): boolean {
  return Object.keys(body).some((key) => key.toLowerCase() === name.toLowerCase())
}

/** The stored identity a v2 item path names. */
function stored(wire: RestWire) {
  const item = identityItem(wire)
  return item && wire.ctx.store.get(item.accountId, item.id)
}

function currentETag(wire: RestWire): string | undefined {
  const identity = stored(wire)
  return identity && !identity.deleted ? restETagOf(identity) : undefined
}

/** Changes the JSON request body of a write. */
async function changeBody(wire: RestWire, change: (body: Body) => Body | undefined): Promise<void> {
  const body = await restRequestJson(wire)
  const changed = body && change(body)
  if (changed) await setRestBody(wire, JSON.stringify(changed))
}

const CLEARED_BY_PUT = ['email', 'middleName', 'description'] as const
const INCLUDE_CANONICAL = new Set(['CompanyData', 'PrivateData', 'SystemData', 'UserPermissions'])
const GROUPS = ['companyData', 'privateData', 'systemData', 'userPermissions'] as const

/** The eTag each identity last had in a REST answer, per app. */
const lastRestETags = perApp(() => new Map<string, string>())

export const IDENTITY_DEFECTS: RestWireDefects = {
  'create-answer-without-system-data': {
    response: async (wire, answer) => {
      if (!isIdentityCollection(wire) || wire.method !== 'POST' || answer.status !== 201)
        return undefined
      const body = await restAnswerJson(answer)
      if (!isRecord(body)) return undefined
      const { systemData: _dropped, ...rest } = body
      return restWithJson(answer, rest)
    },
  },
  'fresh-read-without-last-name': {
    response: async (wire, answer) => {
      if (wire.method !== 'GET' || !identityItem(wire) || answer.status !== 200) return undefined
      const body = await restAnswerJson(answer)
      // Only an identity no write has changed since its creation.
      return isRecord(body) && body.eTag === 'W/"1"'
        ? restWithJson(answer, { ...body, lastName: null })
        : undefined
    },
  },
  'lookup-external-id-case-insensitive': {
    response: async (wire, answer) => {
      if (wire.method !== 'GET' || !isIdentityCollection(wire) || answer.status !== 200)
        return undefined
      const wanted = new URL(wire.c.req.url).searchParams.get('externalId')
      const body = await restAnswerJson(answer)
      if (wanted === null || !Array.isArray(body) || body.length > 0) return undefined
      const accountId = decodeURIComponent(wire.path.split('/')[4] ?? '')
      for (const identity of wire.ctx.store.scan(accountId, false)) {
        const externalId = identity.attributes.externalId
        if (typeof externalId === 'string' && externalId.toLowerCase() === wanted.toLowerCase())
          return restWithJson(answer, [{ identityId: identity.id }])
      }
      return undefined
    },
  },
  'status-patch-clears-unsent': {
    request: (wire) =>
      wire.method === 'PATCH' && identityItem(wire)
        ? changeBody(wire, (body) => {
            if (!hasMember(body, 'status')) return undefined
            const cleared: Body = { ...body }
            for (const name of CLEARED_BY_PUT) if (!hasMember(body, name)) cleared[name] = null
            return cleared
          })
        : undefined,
  },
  'put-keeps-unsent': {
    request: (wire) => {
      const identity = wire.method === 'PUT' ? stored(wire) : undefined
      if (!identity) return undefined
      return changeBody(wire, (body) => {
        const kept: Body = { ...body }
        for (const name of CLEARED_BY_PUT)
          if (!hasMember(body, name) && identity.attributes[name] !== undefined)
            kept[name] = identity.attributes[name]
        return kept
      })
    },
  },
  'stale-etag-put-accepted': {
    request: (wire) => {
      const current = wire.method === 'PUT' ? currentETag(wire) : undefined
      if (current === undefined) return undefined
      return changeBody(wire, (body) =>
        typeof body.eTag === 'string' && body.eTag !== current
          ? { ...body, eTag: current }
          : undefined,
      )
    },
  },
  'patch-without-etag-applied': {
    request: (wire) => {
      const current = wire.method === 'PATCH' ? currentETag(wire) : undefined
      if (current === undefined) return undefined
      return changeBody(wire, (body) =>
        hasMember(body, 'eTag') ? undefined : { ...body, eTag: current },
      )
    },
  },
  'second-delete-204': {
    response: (wire, answer) =>
      wire.method === 'DELETE' && identityItem(wire) && answer.status === 404
        ? new Response(null, { status: 204 })
        : undefined,
  },
  'nameless-create-named': {
    request: (wire) =>
      wire.method === 'POST' && isIdentityCollection(wire)
        ? changeBody(wire, (body) =>
            hasMember(body, 'firstName') || hasMember(body, 'lastName')
              ? undefined
              : { ...body, firstName: 'Unnamed' },
          )
        : undefined,
  },
  'duplicate-external-id-200': {
    response: (wire, answer) =>
      wire.method === 'POST' && isIdentityCollection(wire) && answer.status === 409
        ? restWithJson(answer, {}, 200)
        : undefined,
  },
  'unrequested-groups-returned': {
    response: async (wire, answer) => {
      if (wire.method !== 'GET' || !identityItem(wire) || answer.status !== 200) return undefined
      if (new URL(wire.c.req.url).searchParams.has('include')) return undefined
      const body = await restAnswerJson(answer)
      if (!isRecord(body)) return undefined
      const all: Body = { ...body }
      for (const group of GROUPS) all[group] ??= {}
      return restWithJson(answer, all)
    },
  },
  'include-values-case-sensitive': {
    request: (wire) => {
      if (wire.surface !== 'identity' || wire.method !== 'GET') return
      const url = new URL(wire.c.req.url)
      const values = url.searchParams.getAll('include')
      if (values.length === 0) return
      const kept = values.flatMap((value) =>
        value.split(',').filter((part) => INCLUDE_CANONICAL.has(part.trim())),
      )
      if (kept.length === values.flatMap((v) => v.split(',')).length) return
      url.searchParams.delete('include')
      for (const value of kept) url.searchParams.append('include', value)
      setRestUrl(wire, url)
    },
  },
  'problem-status-as-string': {
    response: async (wire, answer) => {
      if (wire.surface === 'sts' || wire.surface === 'admin') return undefined
      if (!(answer.headers.get('content-type') ?? '').includes('problem+json')) return undefined
      const body = await restAnswerJson(answer)
      return isRecord(body)
        ? restWithJson(answer, { ...body, status: String(body.status) })
        : undefined
    },
  },
  'scim-identities-email-missing-in-rest': {
    response: async (wire, answer) => {
      if (wire.method !== 'GET' || !isIdentityCollection(wire) || answer.status !== 200)
        return undefined
      const body = await restAnswerJson(answer)
      if (!Array.isArray(body)) return undefined
      const accountId = decodeURIComponent(wire.path.split('/')[4] ?? '')
      const scimMade = (item: unknown) =>
        isRecord(item) && wire.ctx.store.get(accountId, String(item.identityId))?.source === 'scim'
      if (!body.some(scimMade)) return undefined
      return restWithJson(
        answer,
        body.map((item) => (scimMade(item) && isRecord(item) ? { ...item, email: null } : item)),
      )
    },
  },
  'etag-per-door': {
    request: (wire) => {
      const item = wire.method === 'PATCH' ? identityItem(wire) : undefined
      const current = item && currentETag(wire)
      if (!item || current === undefined) return undefined
      const handedOut = lastRestETags(wire.ctx).get(item.id)
      // The eTag REST last gave out still counts, whatever another door changed since.
      return changeBody(wire, (body) =>
        handedOut !== undefined && body.eTag === handedOut && handedOut !== current
          ? { ...body, eTag: current }
          : undefined,
      )
    },
    response: async (wire, answer) => {
      const item = identityItem(wire)
      if (!item || answer.status !== 200) return undefined
      const body = await restAnswerJson(answer)
      if (isRecord(body) && typeof body.eTag === 'string')
        lastRestETags(wire.ctx).set(item.id, body.eTag)
      return undefined
    },
  },
  'scim-deleted-still-in-rest': {
    response: (wire, answer) => {
      if (wire.method !== 'GET' || answer.status !== 404) return undefined
      const identity = stored(wire)
      return identity?.deleted && identity.source === 'scim'
        ? restWithJson(answer, { identityId: identity.id }, 200)
        : undefined
    },
  },
}
