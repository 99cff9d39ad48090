/**
 * Wire defects of writes: PATCH, PUT, DELETE, ETag and If-Match, and defensive body reading. See
 * `wire.ts`.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, isExtensionUrn } from '../../model/attributes.ts'
import { ApiError, badRequest } from '../../mock-server/errors/api-error.ts'
import { nestingDepth } from '../../mock-server/http/read-json-body.ts'
import { etagOf, toScimUser } from '../../mock-server/scim/user-resource.ts'
import {
  answerJson,
  isRecord,
  isUsersItem,
  requestJson,
  requestText,
  setRequest,
  setRequestJson,
  withJson,
  withoutHeader,
  userIdOf,
  type Wire,
  type WireDefects,
} from './wire.ts'
import { SCIM_ERROR_SCHEMA } from '../../model/scim-protocol.ts'

type Body = Record<string, unknown>

const idOf = (wire: Wire): string => userIdOf(wire) ?? ''

const isPatch = (wire: Wire): boolean => wire.method === 'PATCH' && isUsersItem(wire)

/** The stored identity the request names, rendered as the mock renders it. */
function currentUser(wire: Wire): Body | undefined {
  const identity = wire.ctx.store.get(wire.accountId, idOf(wire))
  if (!identity || identity.deleted) return undefined
  const base = wire.c.req.url.split('?')[0]?.replace(/\/Users\/[^/]*$/, '') ?? ''
  return toScimUser(identity, base)
}

/** The Operations of a PATCH body, rewritten by `change`. */
async function changeOperations(wire: Wire, change: (operations: Body[]) => unknown[]) {
  if (!isPatch(wire)) return
  const body = await requestJson(wire)
  if (!isRecord(body) || !Array.isArray(body.Operations)) return
  const operations = body.Operations.filter(isRecord)
  if (operations.length !== body.Operations.length) return
  setRequestJson(wire, { ...body, Operations: change(operations) })
}

/** Path-less operations with their value object's keys filtered by `keep`. */
function pathlessKeys(operations: Body[], keep: (key: string) => boolean): Body[] {
  return operations.map((operation) =>
    operation.path === undefined && isRecord(operation.value)
      ? {
          ...operation,
          value: Object.fromEntries(Object.entries(operation.value).filter(([key]) => keep(key))),
        }
      : operation,
  )
}

async function scimTypeOf(answer: Response): Promise<unknown> {
  return answer.status === 400 ? (await answerJson(answer))?.scimType : undefined
}

/** The version a write started from, per request (`version-unchanged-on-write`). */
const previousVersions = new WeakMap<Wire['c'], string>()

const badBody = (): ApiError => new ApiError(500, 'The mock could not read the request.')

export const WRITE_DEFECTS: WireDefects = {
  'patch-empty-operations-500': {
    // Not a 400: RFC 7644 §3.5.2 forbids an empty Operations array, so refusing it is right.
    request: async (wire) => {
      const body = isPatch(wire) ? await requestJson(wire) : undefined
      if (isRecord(body) && Array.isArray(body.Operations) && body.Operations.length === 0) {
        throw new ApiError(500, 'Operations could not be applied.')
      }
    },
  },
  'patch-unknown-path-ignored': {
    response: async (wire, answer) => {
      if (!isPatch(wire) || (await scimTypeOf(answer)) !== 'invalidPath') return undefined
      const user = currentUser(wire)
      return user ? withJson(answer, user, 200) : undefined
    },
  },
  'patch-malformed-ignored': {
    response: async (wire, answer) => {
      if (!isPatch(wire) || (await scimTypeOf(answer)) !== 'invalidSyntax') return undefined
      const user = currentUser(wire)
      return user ? withJson(answer, user, 200) : undefined
    },
  },
  'patch-unknown-id-400': {
    response: (wire, answer) =>
      isPatch(wire) && answer.status === 404
        ? withJson(answer, { ...SCIM_400, detail: 'No such user.' }, 400)
        : undefined,
  },
  'patch-pathless-urn-keys-ignored': {
    request: (wire) =>
      changeOperations(wire, (operations) =>
        pathlessKeys(operations, (key) => !/^urn:.*:User:./i.test(key)),
      ),
  },
  'patch-pathless-core-keys-ignored': {
    request: (wire) =>
      changeOperations(wire, (operations) =>
        pathlessKeys(operations, (key) => !/^(userName|displayName|active)$/i.test(key)),
      ),
  },
  'patch-answers-501': {
    request: (wire) => {
      if (isPatch(wire))
        throw new ApiError(
          501,
          'This server does not support PATCH (defect switch patch-answers-501).',
        )
    },
  },
  'read-without-last-modified': {
    response: async (wire, answer) => {
      const body = wire.method === 'GET' && isUsersItem(wire) ? await answerJson(answer) : undefined
      if (!body || !isRecord(body.meta)) return undefined
      const { lastModified: _dropped, ...meta } = body.meta
      return withJson(answer, { ...body, meta })
    },
  },
  'patch-pathless-extension-object-ignored': {
    request: (wire) =>
      changeOperations(wire, (operations) =>
        pathlessKeys(operations, (key) => !isExtensionUrn(key)),
      ),
  },
  'patch-dotted-keys-rejected': {
    request: (wire) =>
      changeOperations(wire, (operations) => {
        for (const operation of operations) {
          if (operation.path !== undefined || !isRecord(operation.value)) continue
          const dotted = Object.keys(operation.value).find(
            (key) => key.includes('.') && !key.toLowerCase().startsWith('urn:'),
          )
          if (dotted) throw badRequest('invalidPath', `Unknown attribute "${dotted}".`)
        }
        return operations
      }),
  },
  'patch-filtered-path-rejected': {
    request: (wire) =>
      changeOperations(wire, (operations) => {
        if (operations.some((o) => typeof o.path === 'string' && o.path.includes('[')))
          throw badRequest('invalidPath', 'Filtered paths are not supported.')
        return operations
      }),
  },
  'patch-operations-reversed': {
    request: (wire) => changeOperations(wire, (operations) => [...operations].reverse()),
  },
  'patch-only-first-operation': {
    request: (wire) => changeOperations(wire, (operations) => operations.slice(0, 1)),
  },
  'put-keeps-core-attributes': {
    request: async (wire) => {
      const user = wire.method === 'PUT' && isUsersItem(wire) ? currentUser(wire) : undefined
      const body = user && (await requestJson(wire))
      if (isRecord(body)) setRequestJson(wire, { ...body, displayName: user?.displayName })
    },
  },
  'put-merges-extension': {
    request: async (wire) => {
      const user = wire.method === 'PUT' && isUsersItem(wire) ? currentUser(wire) : undefined
      const body = user && (await requestJson(wire))
      if (!user || !isRecord(body)) return
      const key = Object.keys(body).find(isExtensionUrn) ?? CLEARID_USER_EXTENSION
      const sent = isRecord(body[key]) ? body[key] : {}
      const stored = isRecord(user[CLEARID_USER_EXTENSION]) ? user[CLEARID_USER_EXTENSION] : {}
      setRequestJson(wire, { ...body, [key]: { ...stored, ...sent } })
    },
  },
  'put-skips-validation': {
    response: (wire, answer) => {
      if (wire.method !== 'PUT' || !isUsersItem(wire)) return undefined
      if (answer.status !== 400 && answer.status !== 409) return undefined
      const user = currentUser(wire)
      return user ? withJson(answer, user, 200) : undefined
    },
  },
  'delete-answers-200': {
    response: (wire, answer) =>
      wire.method === 'DELETE' && answer.status === 204
        ? withJson(answer, { deleted: idOf(wire) }, 200)
        : undefined,
  },
  'delete-unknown-204': {
    response: (wire, answer) =>
      wire.method === 'DELETE' && answer.status === 404
        ? new Response(null, { status: 204 })
        : undefined,
  },
  'unknown-id-plain-404': {
    response: (wire, answer) =>
      wire.method === 'GET' && isUsersItem(wire) && answer.status === 404
        ? new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
        : undefined,
  },
  'unknown-id-json-404': {
    // JSON, and sent as SCIM, but not a SCIM Error: no schemas, no string status.
    response: (wire, answer) =>
      wire.method === 'GET' && isUsersItem(wire) && answer.status === 404
        ? withJson(answer, { error: 'Not Found', message: 'No such user.' })
        : undefined,
  },
  'malformed-json-error-as-json': {
    response: (wire, answer) =>
      (wire.method === 'POST' || wire.method === 'PATCH') && answer.status === 400
        ? new Response(answer.body, {
            status: 400,
            headers: { 'Content-Type': 'application/json' },
          })
        : undefined,
  },
  'etag-header-missing': {
    response: (_wire, answer) =>
      answer.headers.has('etag') ? withoutHeader(answer, 'etag') : undefined,
  },
  'version-unchanged-on-write': {
    request: (wire) => {
      const identity = isUsersItem(wire)
        ? wire.ctx.store.get(wire.accountId, idOf(wire))
        : undefined
      if (identity && (wire.method === 'PATCH' || wire.method === 'PUT'))
        previousVersions.set(wire.c, etagOf(identity))
    },
    response: async (wire, answer) => {
      const previous = previousVersions.get(wire.c)
      const body = previous !== undefined && answer.ok ? await answerJson(answer) : undefined
      if (!body || previous === undefined) return undefined
      const meta = isRecord(body.meta) ? { ...body.meta, version: previous } : body.meta
      const headers = new Headers(answer.headers)
      headers.set('ETag', previous)
      return withJson(new Response(null, { status: answer.status, headers }), { ...body, meta })
    },
  },
  'if-match-ignored': {
    request: (wire) => {
      if (wire.c.req.header('if-match') === undefined) return
      const headers = new Headers(wire.c.req.raw.headers)
      headers.delete('if-match')
      setRequest(wire, { headers })
    },
  },
  'if-match-weak-refused': {
    request: (wire) => {
      if (/^\s*W\//.test(wire.c.req.header('if-match') ?? '')) {
        throw new ApiError(412, 'If-Match does not match.')
      }
    },
  },
  'malformed-json-500': {
    request: async (wire) => {
      if (wire.method === 'GET' || wire.method === 'DELETE') return
      const text = await requestText(wire)
      if (text.trim() === '') return
      try {
        JSON.parse(text)
      } catch {
        throw badBody()
      }
    },
  },
  'text-plain-accepted': {
    request: (wire) => {
      const type = wire.c.req.header('content-type')
      if (type !== undefined && !type.toLowerCase().includes('json')) {
        const headers = new Headers(wire.c.req.raw.headers)
        headers.set('content-type', 'application/json')
        setRequest(wire, { headers })
      }
    },
  },
  'oversized-body-400': {
    response: (_wire, answer) =>
      answer.status === 413
        ? withJson(answer, { ...SCIM_400, detail: 'Bad request.' }, 400)
        : undefined,
  },
  'deep-nesting-500': {
    request: async (wire) => {
      if (wire.method === 'GET') return
      if (nestingDepth(await requestText(wire)) > wire.ctx.behaviour.maxJsonDepth) throw badBody()
    },
  },
  'non-object-body-500': {
    request: async (wire) => {
      if (wire.method === 'GET' || wire.method === 'DELETE') return
      const text = await requestText(wire)
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        return
      }
      if (!isRecord(body)) throw badBody()
    },
  },
}

const SCIM_400 = { schemas: [SCIM_ERROR_SCHEMA], status: '400' }
