/**
 * Defects of the Entra cycles as they run against ClearID: a sync-key filter that finds nothing, a
 * tenant that holds an identity to the dialect it was created in (refusing the "False" of an
 * on-demand disable), and a refused create that stores
 * the identity anyway.
 *
 * @module
 */
import { ENTRA_SCIM2_FLAG, EXTENSION_ATTRIBUTES, isExtensionUrn } from '../../model/attributes.ts'
import { SCIM_ERROR_SCHEMA } from '../../model/scim-protocol.ts'
import { badRequest } from '../../mock-server/errors/api-error.ts'
import {
  answerJson,
  isRecord,
  isUsers,
  isUsersItem,
  requestJson,
  setQuery,
  setRequestJson,
  userIdOf,
  withJson,
  type Wire,
  type WireDefects,
} from './wire.ts'

type Body = Record<string, unknown>

/** The body's ClearID extension: its key and value. */
function extensionOf(body: Body): [string, Body] | undefined {
  const key = Object.keys(body).find(isExtensionUrn)
  const value = key === undefined ? undefined : body[key]
  return key !== undefined && isRecord(value) ? [key, value] : undefined
}

const isBooleanName = (name: string) =>
  EXTENSION_ATTRIBUTES.some(
    (known) => known.type === 'boolean' && known.name.toLowerCase() === name.toLowerCase(),
  )

/** The POST /Users body, when it is one. */
async function createBody(wire: Wire): Promise<Body | undefined> {
  if (wire.method !== 'POST' || !isUsers(wire)) return undefined
  const body = await requestJson(wire)
  return isRecord(body) ? body : undefined
}

/** Ids created with JSON extension booleans (the flag dialect), per mock. */
const flagCreated = new WeakMap<Wire['ctx'], Set<string>>()
/** The string booleans stripped from a create, so the identity is stored while refused. */
const strippedCreates = new WeakMap<Wire['c'], readonly string[]>()

export const CYCLE_DEFECTS: WireDefects = {
  'extension-external-id-filter-empty': {
    request: (wire) => {
      if (wire.method !== 'GET' || !isUsers(wire)) return
      const filter = new URL(wire.c.req.url).searchParams.get('filter') ?? ''
      if (!/^urn:[^ ]*:externalId\s+eq\s/i.test(filter)) return
      // A filter no identity can match: the list answers empty, as if the path were unknown.
      setQuery(wire, (params) => params.set('filter', 'userName eq "no-such-user-anywhere"'))
    },
  },
  'dialect-pinned-per-identity': {
    request: async (wire) => {
      if (wire.method !== 'PATCH' || !isUsersItem(wire)) return
      const id = userIdOf(wire)
      if (id === undefined || !flagCreated.get(wire.ctx)?.has(id)) return
      const body = await requestJson(wire)
      const operations = isRecord(body) && Array.isArray(body.Operations) ? body.Operations : []
      const stringActive = operations.some(
        (op) =>
          isRecord(op) &&
          typeof op.path === 'string' &&
          op.path.toLowerCase() === 'active' &&
          typeof op.value === 'string',
      )
      if (stringActive)
        throw badRequest(
          'invalidValue',
          'active must be a JSON boolean: this identity was provisioned with the SCIM 2.0 flag.',
        )
    },
    response: async (wire, answer) => {
      const body = answer.status === 201 ? await createBody(wire) : undefined
      const ext = body && extensionOf(body)
      if (
        !ext ||
        !Object.entries(ext[1]).some(([k, v]) => isBooleanName(k) && typeof v === 'boolean')
      )
        return undefined
      const created = await answerJson(answer)
      if (typeof created?.id !== 'string') return undefined
      const ids = flagCreated.get(wire.ctx) ?? new Set<string>()
      ids.add(created.id)
      flagCreated.set(wire.ctx, ids)
      return undefined
    },
  },
  'refused-create-half-written': {
    request: async (wire) => {
      const body = await createBody(wire)
      const ext = body && extensionOf(body)
      if (!body || !ext) return
      const strings = Object.keys(ext[1]).filter(
        (name) => isBooleanName(name) && typeof ext[1][name] === 'string',
      )
      if (strings.length === 0) return
      const kept = Object.fromEntries(
        Object.entries(ext[1]).filter(([name]) => !strings.includes(name)),
      )
      setRequestJson(wire, { ...body, [ext[0]]: kept })
      strippedCreates.set(wire.c, strings)
    },
    response: (wire, answer) => {
      const stripped = strippedCreates.get(wire.c)
      if (!stripped || answer.status !== 201) return undefined
      // Stored, yet answered as refused: Entra's next cycle will match a half-written identity.
      // The refusal itself reads as the mock's (attribute and flag named), so only SRV-CYCLE-006,
      // which looks at what was stored, can tell.
      return withJson(
        answer,
        {
          schemas: [SCIM_ERROR_SCHEMA],
          status: '400',
          scimType: 'invalidValue',
          detail: `${stripped.join(', ')} must be JSON booleans: append ?${ENTRA_SCIM2_FLAG} to the Tenant URL so Entra sends them.`,
        },
        400,
      )
    },
  },
}
