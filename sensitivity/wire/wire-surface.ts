/**
 * Wire defects of the protocol surface: authentication challenges, discovery documents, error
 * bodies and media types, unknown endpoints, /Groups. See `wire.ts`.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../../model/attributes.ts'
import { ApiError, badRequest, notFound } from '../../mock-server/errors/api-error.ts'
import { SCIM_CONTENT_TYPE, SCIM_ERROR_SCHEMA } from '../../model/scim-protocol.ts'
import {
  answerJson,
  anyAccountHolds,
  isRecord,
  presentedKey,
  withHeader,
  withJson,
  withoutHeader,
  type Wire,
  type WireDefects,
} from './wire.ts'

const hasAuthorization = (wire: Wire): boolean => wire.c.req.header('authorization') !== undefined

const unauthorized = (answer: Response): boolean => answer.status === 401

function discoveryList(
  answer: Response,
  change: (resources: Record<string, unknown>[]) => Record<string, unknown>[],
): Promise<Response | undefined> {
  return answerJson(answer).then((body) => {
    if (!body || !Array.isArray(body.Resources)) return undefined
    const resources = change(body.Resources.filter(isRecord))
    return withJson(answer, {
      ...body,
      totalResults: resources.length,
      itemsPerPage: resources.length,
      Resources: resources,
    })
  })
}

function changeSchemaAttribute(
  schemas: Record<string, unknown>[],
  urn: string,
  change: (attributes: Record<string, unknown>[]) => Record<string, unknown>[],
): Record<string, unknown>[] {
  return schemas.map((schema) =>
    schema.id === urn && Array.isArray(schema.attributes)
      ? { ...schema, attributes: change(schema.attributes.filter(isRecord)) }
      : schema,
  )
}

export const SURFACE_DEFECTS: WireDefects = {
  'error-status-as-number': {
    response: async (_wire, answer) => {
      const body = answer.status >= 400 ? await answerJson(answer) : undefined
      const isError = Array.isArray(body?.schemas) && body.schemas.includes(SCIM_ERROR_SCHEMA)
      return isError && typeof body?.status === 'string'
        ? withJson(answer, { ...body, status: Number(body.status) })
        : undefined
    },
  },
  'json-content-type': {
    response: (_wire, answer) =>
      answer.headers.get('content-type')?.startsWith(SCIM_CONTENT_TYPE)
        ? withHeader(answer, 'content-type', 'application/json')
        : undefined,
  },
  'groups-404': {
    response: (wire, answer) => {
      if (wire.method === 'GET' && wire.path === '/Groups' && answer.ok) {
        throw notFound('Groups are not supported.')
      }
      return undefined
    },
  },
  'foreign-key-distinct-detail': {
    response: async (wire, answer) => {
      const key = answer.status === 401 ? presentedKey(wire.c) : undefined
      const body = key !== undefined && anyAccountHolds(wire.ctx, key) && (await answerJson(answer))
      return body
        ? withJson(answer, { ...body, detail: 'This SCIM key belongs to another account.' })
        : undefined
    },
  },
  'missing-key-no-challenge': {
    response: (wire, answer) =>
      unauthorized(answer) && !hasAuthorization(wire)
        ? withoutHeader(answer, 'www-authenticate')
        : undefined,
  },
  'invalid-key-no-challenge': {
    response: (wire, answer) =>
      unauthorized(answer) && hasAuthorization(wire)
        ? withoutHeader(answer, 'www-authenticate')
        : undefined,
  },
  'non-bearer-scheme-400': {
    request: (wire) => {
      if (/^basic\s/i.test(wire.c.req.header('authorization') ?? '')) {
        throw badRequest('invalidSyntax', 'Unsupported Authorization header.')
      }
    },
  },
  'spc-omits-features': {
    response: async (wire, answer) => {
      const body = wire.path === '/ServiceProviderConfig' ? await answerJson(answer) : undefined
      if (!body) return undefined
      const { sort: _sort, changePassword: _changePassword, ...rest } = body
      return withJson(answer, rest)
    },
  },
  'spc-patch-unsupported': {
    response: async (wire, answer) => {
      const body = wire.path === '/ServiceProviderConfig' ? await answerJson(answer) : undefined
      return body ? withJson(answer, { ...body, patch: { supported: false } }) : undefined
    },
  },
  'resource-types-list-group': {
    response: (wire, answer) =>
      wire.path === '/ResourceTypes'
        ? discoveryList(answer, (types) => [
            ...types,
            {
              id: 'Group',
              name: 'Group',
              endpoint: '/Groups',
              schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
            },
          ])
        : undefined,
  },
  'schemas-omit-core-user': {
    response: (wire, answer) =>
      wire.path === '/Schemas'
        ? discoveryList(answer, (schemas) => schemas.filter((s) => s.id !== CORE_USER_SCHEMA))
        : undefined,
  },
  'extension-schema-missing-attribute': {
    response: (wire, answer) =>
      wire.path === '/Schemas'
        ? discoveryList(answer, (schemas) =>
            changeSchemaAttribute(schemas, CLEARID_USER_EXTENSION, (attributes) =>
              attributes.filter((a) => a.name !== 'isAdmin'),
            ),
          )
        : undefined,
  },
  'core-schema-username-case-exact': {
    response: (wire, answer) =>
      wire.path === '/Schemas'
        ? discoveryList(answer, (schemas) =>
            changeSchemaAttribute(schemas, CORE_USER_SCHEMA, (attributes) =>
              attributes.map((a) => (a.name === 'userName' ? { ...a, caseExact: true } : a)),
            ),
          )
        : undefined,
  },
  'post-groups-201': {
    request: (wire) => {
      if (wire.method === 'POST' && wire.path === '/Groups') {
        throw new ApiError(201, 'Group created.')
      }
    },
  },
  'group-writes-405': {
    request: (wire) => {
      if (wire.method !== 'GET' && wire.method !== 'POST' && wire.path.startsWith('/Groups/')) {
        throw new ApiError(405, 'Method not allowed on /Groups.')
      }
    },
  },
  'trailing-slash-list-404': {
    request: (wire) => {
      if (wire.method === 'GET' && wire.path === '/Users/') {
        throw new ApiError(404, 'GET /Users/ is not a ClearID SCIM resource.')
      }
    },
  },
  'unknown-endpoint-plain-404': {
    response: (wire, answer) =>
      answer.status === 404 && !/^\/(Users|Groups|Schemas|ResourceTypes)\b/.test(wire.path)
        ? new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
        : undefined,
  },
  'charset-media-type-refused': {
    request: (wire) => {
      if (/;\s*charset=/i.test(wire.c.req.header('content-type') ?? '')) {
        throw new ApiError(415, 'Unsupported media type.')
      }
    },
  },
  'invalid-syntax-as-invalid-value': {
    response: async (_wire, answer) => {
      const body = answer.status === 400 ? await answerJson(answer) : undefined
      return body?.scimType === 'invalidSyntax'
        ? withJson(answer, { ...body, scimType: 'invalidValue' })
        : undefined
    },
  },
}
