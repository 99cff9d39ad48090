/**
 * Wire defects of User bodies (POST, PUT) and User answers: values the mock reads or returns
 * differently from SPEC §2.2. See `wire.ts`.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  ENTRA_SCIM2_FLAG,
  EXTENSION_ATTRIBUTES,
  findExtensionAttribute,
  isExtensionUrn,
  isUnsupportedAttribute,
} from '../../model/attributes.ts'
import { isIsoAlpha3 } from '../../model/validate.ts'
import { badRequest, conflict } from '../../mock-server/errors/api-error.ts'
import { toScimUser } from '../../mock-server/scim/user-resource.ts'
import {
  answerJson,
  isRecord,
  isUsers,
  isUsersItem,
  mapUsers,
  requestJson,
  setRequestJson,
  withJson,
  withoutHeader,
  userIdOf,
  type Wire,
  type WireDefects,
} from './wire.ts'

type Body = Record<string, unknown>

const BOOLEANS = new Set(
  EXTENSION_ATTRIBUTES.filter((d) => d.type === 'boolean').map((d) => d.name),
)
const USED_CORE = new Set([
  'schemas',
  'id',
  'meta',
  'username',
  'displayname',
  'active',
  'externalid',
])

const isWrite = (wire: Wire): boolean =>
  (wire.method === 'POST' && isUsers(wire)) || (wire.method === 'PUT' && isUsersItem(wire))

/** The body of a POST/PUT /Users as an object, or undefined. */
async function userBody(wire: Wire): Promise<Body | undefined> {
  if (!isWrite(wire)) return undefined
  const body = await requestJson(wire)
  return isRecord(body) ? body : undefined
}

/** The extension object of a body, whatever the case of its URN key. */
function extensionOf(body: Body): [string, Body] | undefined {
  const key = Object.keys(body).find(isExtensionUrn)
  const value = key === undefined ? undefined : body[key]
  return key !== undefined && isRecord(value) ? [key, value] : undefined
}

/** Rewrites the body's extension object, keeping its key. */
async function changeExtension(wire: Wire, change: (ext: Body, body: Body) => Body | undefined) {
  const body = await userBody(wire)
  const found = body && extensionOf(body)
  if (!body || !found) return
  const next = change(found[1], body)
  if (next) setRequestJson(wire, { ...body, [found[0]]: next })
}

function mapExtension(user: Body, change: (ext: Body) => Body): Body {
  const ext = user[CLEARID_USER_EXTENSION]
  return isRecord(ext) ? { ...user, [CLEARID_USER_EXTENSION]: change(ext) } : user
}

/** The `id` a POST sent, per request (`client-id-honoured`). */
const clientIds = new WeakMap<Wire['c'], string>()

function userAnswer(change: (user: Body) => Body, only?: (wire: Wire) => boolean) {
  return async (wire: Wire, answer: Response) => {
    if (only && !only(wire)) return undefined
    const body = await answerJson(answer)
    return body && answer.ok ? withJson(answer, mapUsers(body, change)) : undefined
  }
}

export const USER_DEFECTS: WireDefects = {
  'no-location-header': {
    response: (wire, answer) =>
      wire.method === 'POST' && answer.status === 201
        ? withoutHeader(answer, 'location')
        : undefined,
  },
  'client-id-honoured': {
    request: async (wire) => {
      const sent = await userBody(wire)
      if (wire.method === 'POST' && typeof sent?.id === 'string') clientIds.set(wire.c, sent.id)
    },
    response: async (wire, answer) => {
      const id = clientIds.get(wire.c)
      const body = id !== undefined && answer.status === 201 ? await answerJson(answer) : undefined
      return body ? withJson(answer, { ...body, id }) : undefined
    },
  },
  'schemas-listing-extension-refused': {
    request: async (wire) => {
      const schemas = (await userBody(wire))?.schemas
      if (
        Array.isArray(schemas) &&
        schemas.some((s) => typeof s === 'string' && isExtensionUrn(s))
      ) {
        throw badRequest('invalidSyntax', 'Unknown schema in "schemas".')
      }
    },
  },
  'core-external-id-as-sync-key': {
    request: async (wire) => {
      const body = await userBody(wire)
      if (typeof body?.externalId !== 'string' || extensionOf(body)?.[1].externalId !== undefined)
        return
      const ext = extensionOf(body)
      setRequestJson(wire, {
        ...body,
        [ext?.[0] ?? CLEARID_USER_EXTENSION]: { ...ext?.[1], externalId: body.externalId },
      })
    },
  },
  'numbers-coerced-to-strings': {
    request: async (wire) => {
      const body = await userBody(wire)
      if (typeof body?.userName === 'number')
        setRequestJson(wire, { ...body, userName: String(body.userName) })
    },
  },
  'active-strings-refused': {
    request: async (wire) => {
      if (typeof (await userBody(wire))?.active === 'string') {
        throw badRequest('invalidValue', 'active must be a boolean.', 'active')
      }
    },
  },
  'extension-boolean-strings-accepted': {
    request: (wire) =>
      changeExtension(wire, (ext) => {
        const next = { ...ext }
        for (const [name, value] of Object.entries(ext)) {
          if (BOOLEANS.has(name) && typeof value === 'string' && /^(true|false)$/i.test(value)) {
            next[name] = value.toLowerCase() === 'true'
          }
        }
        return next
      }),
  },
  'extension-boolean-flag-unnamed': {
    // Still a 400 invalidValue: only the detail loses the attribute and the flag to add.
    response: async (wire, answer) => {
      if (!isWrite(wire) || answer.status !== 400) return undefined
      const body = await answerJson(answer)
      if (typeof body?.detail !== 'string' || !body.detail.includes(ENTRA_SCIM2_FLAG)) {
        return undefined
      }
      return withJson(answer, { ...body, detail: 'Invalid value.' })
    },
  },
  'other-boolean-values-accepted': {
    request: async (wire) => {
      const body = await userBody(wire)
      if (body && typeof body.active !== 'boolean' && body.active !== undefined) {
        if (!/^(true|false)$/i.test(String(body.active))) {
          setRequestJson(wire, { ...body, active: Boolean(body.active) })
          return
        }
      }
      await changeExtension(wire, (ext) => {
        const next = { ...ext }
        for (const [name, value] of Object.entries(ext)) {
          if (
            BOOLEANS.has(name) &&
            typeof value !== 'boolean' &&
            !/^(true|false)$/i.test(String(value))
          ) {
            next[name] = Boolean(value)
          }
        }
        return next
      })
    },
  },
  'extension-booleans-as-strings': {
    response: userAnswer((user) =>
      mapExtension(user, (ext) => {
        const next = { ...ext }
        for (const name of BOOLEANS) {
          if (typeof ext[name] === 'boolean') next[name] = ext[name] ? 'True' : 'False'
        }
        return next
      }),
    ),
  },
  'job-title-lower-cased': {
    response: userAnswer(
      (user) =>
        mapExtension(user, (ext) =>
          typeof ext.jobTitle === 'string' ? { ...ext, jobTitle: ext.jobTitle.toLowerCase() } : ext,
        ),
      (wire) => wire.method === 'POST',
    ),
  },
  'attribute-names-case-sensitive': {
    request: (wire) =>
      changeExtension(wire, (ext) =>
        Object.fromEntries(
          Object.entries(ext).filter(([name]) => findExtensionAttribute(name)?.name === name),
        ),
      ),
  },
  'schema-urns-case-sensitive': {
    request: async (wire) => {
      const body = await userBody(wire)
      const found = body && extensionOf(body)
      if (body && found && found[0] !== CLEARID_USER_EXTENSION) {
        const { [found[0]]: _dropped, ...rest } = body
        setRequestJson(wire, rest)
      }
    },
  },
  'unsupported-attributes-refused': {
    request: (wire) =>
      changeExtension(wire, (ext) => {
        const name = Object.keys(ext).find(isUnsupportedAttribute)
        if (name) throw badRequest('invalidValue', `${name} is not supported.`, name)
        return undefined
      }),
  },
  'unknown-attributes-refused': {
    request: (wire) =>
      changeExtension(wire, (ext) => {
        const name = Object.keys(ext).find(
          (key) => !findExtensionAttribute(key) && !isUnsupportedAttribute(key),
        )
        if (name) throw badRequest('invalidValue', `${name} is not a ClearID attribute.`, name)
        return undefined
      }),
  },
  'unused-core-attributes-refused': {
    request: async (wire) => {
      const body = await userBody(wire)
      const name = Object.keys(body ?? {}).find(
        (key) => !key.toLowerCase().startsWith('urn:') && !USED_CORE.has(key.toLowerCase()),
      )
      if (name) throw badRequest('invalidValue', `${name} is not used by ClearID.`, name)
    },
  },
  'country-code-iso-enforced': {
    request: (wire) =>
      changeExtension(wire, (ext) => {
        const code = ext.countryCode
        if (typeof code === 'string' && /^[A-Za-z]{3}$/.test(code) && !isIsoAlpha3(code)) {
          throw badRequest(
            'invalidValue',
            `countryCode "${code}" is not ISO 3166-1.`,
            'countryCode',
          )
        }
        return undefined
      }),
  },
  'external-id-uniqueness-ignores-case': {
    request: (wire) =>
      changeExtension(wire, (ext) => {
        const wanted = ext.externalId
        if (typeof wanted !== 'string') return undefined
        for (const identity of wire.ctx.store.scan(wire.accountId, false)) {
          const held = identity.attributes.externalId
          if (
            typeof held === 'string' &&
            held !== wanted &&
            held.toLowerCase() === wanted.toLowerCase()
          )
            throw conflict(`externalId "${wanted}" is already used.`, 'externalId')
        }
        return undefined
      }),
  },
  'deleted-keys-reserved': {
    request: (wire) =>
      changeExtension(wire, (ext, body) => {
        for (const identity of wire.ctx.store.scan(wire.accountId, true)) {
          if (!identity.deleted) continue
          if (
            identity.attributes.externalId === ext.externalId ||
            identity.userName === body.userName
          )
            throw conflict('The identity is already used by a deleted identity.', 'externalId')
        }
        return undefined
      }),
  },
  'deleted-user-readable': {
    response: (wire, answer) => {
      if (wire.method !== 'GET' || !isUsersItem(wire) || answer.status !== 404) return undefined
      const id = userIdOf(wire)
      const identity = id === undefined ? undefined : wire.ctx.store.get(wire.accountId, id)
      if (!identity) return undefined
      const base = new URL(wire.c.req.url).href.replace(/\/Users\/[^/]*$/, '')
      return withJson(answer, toScimUser(identity, base.split('?')[0] ?? base), 200)
    },
  },
}
