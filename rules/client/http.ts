/**
 * Client rules about the HTTP envelope: media types, well-formed JSON bodies, and resource paths
 * under the Tenant URL.
 *
 * @module
 */
import { defineClientRule, type TrafficRecord } from './client-rule.ts'
import { describeRequest, isGroupsPath, isObject, statusOf } from './inspect/requests.ts'
import { rfc7644, spec } from './sources.ts'
import { SCIM_CONTENT_TYPE } from '../../model/scim-protocol.ts'

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH'])
const ACCEPTED = new Set([SCIM_CONTENT_TYPE, 'application/json'])

function mediaTypeOf(record: TrafficRecord): string | undefined {
  return record.request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase() || undefined
}

/** A write that carried a body (recorded, or declared by a Content-Type). */
function sentBody(record: TrafficRecord): boolean {
  if (!WRITE_METHODS.has(record.request.method)) return false
  return record.request.body !== undefined || mediaTypeOf(record) !== undefined
}

const noWrites = (session: readonly TrafficRecord[]) =>
  session.some(sentBody) ? undefined : 'No request carried a body.'

export const acceptedMediaType = defineClientRule({
  id: 'CLI-HTTP-001',
  level: 'MUST',
  title: 'Request bodies are sent as application/scim+json or application/json',
  profile: 'clearid',
  area: 'http',
  tags: ['http', 'media-type'],
  sources: [spec('2.1', 'accept application/scim+json and application/json'), rfc7644('3.1')],
  fix: 'Send JSON bodies with "Content-Type: application/scim+json" (or application/json).',
  notApplicable: noWrites,
  check: (exchange) => {
    const type = mediaTypeOf(exchange)
    const refused = statusOf(exchange) === 415
    if (!refused && (type === undefined || ACCEPTED.has(type) || !sentBody(exchange))) return []
    return [
      {
        key: type ?? 'none',
        message: `${describeRequest(exchange)} declared Content-Type "${type ?? '(none)'}"; ClearID accepts only application/scim+json and application/json.`,
        expected: 'application/scim+json',
        actual: type,
      },
    ]
  },
})

export const scimMediaType = defineClientRule({
  id: 'CLI-HTTP-002',
  level: 'SHOULD',
  title: 'Request bodies declare application/scim+json',
  profile: 'rfc',
  area: 'http',
  tags: ['http', 'media-type'],
  sources: [rfc7644('3.1'), rfc7644('8.1')],
  fix: 'Declare "Content-Type: application/scim+json" on every request with a body, as Entra does.',
  notApplicable: noWrites,
  check: (exchange) => {
    if (!sentBody(exchange) || exchange.request.body === undefined) return []
    const type = mediaTypeOf(exchange)
    if (type === 'application/scim+json' || (type !== undefined && !ACCEPTED.has(type))) return []
    const what = type === undefined ? 'no Content-Type' : 'Content-Type application/json'
    return [
      {
        key: type ?? 'none',
        message: `${describeRequest(exchange)} was sent with ${what}; SCIM's media type is application/scim+json.`,
      },
    ]
  },
})

export const wellFormedBody = defineClientRule({
  id: 'CLI-HTTP-003',
  level: 'MUST',
  title: "Request bodies are JSON objects within ClearID's limits",
  profile: 'rfc',
  area: 'http',
  tags: ['http', 'bad-input'],
  sources: [rfc7644('3.12'), spec('2.3', 'malformed: 400 invalidSyntax')],
  fix: 'Serialise each request body as one JSON object (a SCIM resource or PatchOp message), well under 1 MiB.',
  notApplicable: noWrites,
  check: (exchange) => {
    if (!WRITE_METHODS.has(exchange.request.method) || isGroupsPath(exchange)) return []
    if (statusOf(exchange) === 413) {
      return [
        {
          key: 'size',
          message: `${describeRequest(exchange)} was refused with 413: the body is larger than the mock accepts.`,
        },
      ]
    }
    const { body, bodyCut } = exchange.request
    if (bodyCut === true) return []
    if (
      body === undefined &&
      statusOf(exchange) === 400 &&
      exchange.rejection?.scimType === 'invalidSyntax'
    ) {
      return [
        { key: 'empty', message: `${describeRequest(exchange)} had no body; send a JSON object.` },
      ]
    }
    if (body === undefined || isObject(body)) return []
    const what = typeof body === 'string' ? 'is not valid JSON' : 'is JSON but not an object'
    return [
      { key: what, message: `The body of ${describeRequest(exchange)} ${what}.`, actual: body },
    ]
  },
})

const RESOURCE_PATHS = [
  /^\/Users\/?$/,
  /^\/Users\/\.search$/,
  /^\/Users\/[^/]+$/,
  /^\/Groups\/?$/,
  /^\/Groups\/[^/]+$/,
  /^\/ServiceProviderConfig$/,
  /^\/ResourceTypes(?:\/[^/]+)?$/,
  /^\/Schemas(?:\/[^/]+)?$/,
]

export const resourcePaths = defineClientRule({
  id: 'CLI-HTTP-004',
  level: 'MUST',
  title: 'Requests address SCIM resources under the Tenant URL',
  profile: 'clearid',
  area: 'http',
  tags: ['http', 'configuration'],
  sources: [
    spec(
      '2.1',
      'Base URL per account: {origin}/scim/v2/accounts/{accountId}; resources /Users and discovery',
    ),
    rfc7644('3.2'),
  ],
  fix: 'Use the Tenant URL exactly as ClearID shows it and append only the SCIM resource: /Users, /Users/{id}, /ServiceProviderConfig, /ResourceTypes, /Schemas (names are case-sensitive).',
  check: (exchange) => {
    const { path } = exchange.request
    if (RESOURCE_PATHS.some((pattern) => pattern.test(path))) return []
    const first = path.split('/')[1] ?? ''
    return [
      {
        key: first,
        message: `${exchange.request.method} ${path.slice(0, 120)} is not a SCIM resource under the Tenant URL (answered ${statusOf(exchange) ?? 'nothing'}).`,
      },
    ]
  },
})
