/**
 * A compact description of one HTTP operation and its conversion to an OpenAPI 3.1 operation
 * object, so the operation tables read as data rather than nested JSON.
 *
 * @module
 */
import { SCIM_CONTENT_TYPE } from '../../model/scim-protocol.ts'

export type Security = 'none' | 'bearer' | 'admin' | 'client' | 'scim'

export interface ParamSpec {
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly description: string
  readonly required?: boolean
  readonly schema?: Record<string, unknown>
  /** Repeatable query parameter (`include=a&include=b`). */
  readonly array?: boolean
  readonly example?: unknown
}

/** A named request example (OpenAPI Example Object): one per client dialect, for instance. */
export interface ExampleSpec {
  readonly summary: string
  readonly description?: string
  readonly value: unknown
}

export interface BodySpec {
  readonly contentType: string
  readonly schema: Record<string, unknown>
  readonly example?: unknown
  /** Several named examples instead of one `example`. */
  readonly examples?: Readonly<Record<string, ExampleSpec>>
}

export interface ResponseSpec {
  readonly description: string
  readonly schema?: Record<string, unknown>
  readonly contentType?: string
  readonly headers?: readonly string[]
}

export interface OperationSpec {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** OpenAPI template path, e.g. `/identityservice/api/v2/accounts/{accountId}/identities`. */
  readonly path: string
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly security: Security
  readonly params?: readonly ParamSpec[]
  readonly body?: BodySpec
  readonly responses: Readonly<Record<number, ResponseSpec>>
}

export const ref = (name: string): Record<string, unknown> => ({
  $ref: `#/components/schemas/${name}`,
})

const SECURITY: Record<Security, Record<string, string[]>[]> = {
  none: [],
  bearer: [{ clearidToken: [] }],
  admin: [{ adminToken: [] }],
  client: [{}, { clientBasic: [] }],
  scim: [{ scimKey: [] }],
}

/** The error format of a path, as `errors/render-error.ts` chooses it. */
type Surface = 'scim' | 'oauth' | 'problem'

function surfaceOf(path: string): Surface {
  if (path.startsWith('/scim/')) return 'scim'
  if (path.startsWith('/sts/')) return 'oauth'
  return 'problem'
}

/**
 * Default content type of a response: SCIM answers everything as `application/scim+json`; the
 * other surfaces answer JSON, and errors as OAuth errors (token service) or problem details.
 */
function contentTypeOf(spec: OperationSpec, status: number, response: ResponseSpec): string {
  if (response.contentType) return response.contentType
  const surface = surfaceOf(spec.path)
  if (surface === 'scim') return SCIM_CONTENT_TYPE
  if (status < 400 || surface === 'oauth') return 'application/json'
  return 'application/problem+json'
}

const ERROR_SCHEMAS: Record<Surface, string> = {
  scim: 'ScimError',
  oauth: 'OAuthError',
  problem: 'Problem',
}

function defaultErrorSchema(spec: OperationSpec): Record<string, unknown> {
  return ref(ERROR_SCHEMAS[surfaceOf(spec.path)])
}

/**
 * `get/scim/v2/accounts/{accountId}/Users` becomes `getScimV2AccountsAccountIdUsers`; a path with a
 * trailing slash (served alongside the one without) gets `Slash` so the two ids stay distinct.
 */
export function operationIdOf(spec: Pick<OperationSpec, 'method' | 'path'>): string {
  const words = spec.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) =>
    (ch ?? '').toUpperCase(),
  )
  return `${spec.method}${words}${spec.path.length > 1 && spec.path.endsWith('/') ? 'Slash' : ''}`
}

function parameterOf(param: ParamSpec): Record<string, unknown> {
  const schema = param.schema ?? { type: 'string' }
  return {
    name: param.name,
    in: param.in,
    description: param.description,
    required: param.in === 'path' ? true : (param.required ?? false),
    schema: param.array ? { type: 'array', items: schema } : schema,
    ...(param.array ? { style: 'form', explode: true } : {}),
    ...(param.example === undefined ? {} : { example: param.example }),
  }
}

function responseOf(
  spec: OperationSpec,
  status: number,
  response: ResponseSpec,
): Record<string, unknown> {
  const out: Record<string, unknown> = { description: response.description }
  const schema = response.schema ?? (status >= 400 ? defaultErrorSchema(spec) : undefined)
  if (schema) out.content = { [contentTypeOf(spec, status, response)]: { schema } }
  if (response.headers) {
    out.headers = Object.fromEntries(
      response.headers.map((h) => [h, { schema: { type: 'string' } }]),
    )
  }
  return out
}

export function toOpenApiOperation(spec: OperationSpec): Record<string, unknown> {
  const operation: Record<string, unknown> = {
    tags: [spec.tag],
    summary: spec.summary,
    operationId: operationIdOf(spec),
    security: SECURITY[spec.security],
  }
  if (spec.description) operation.description = spec.description
  if (spec.params?.length) operation.parameters = spec.params.map(parameterOf)
  if (spec.body) {
    const media: Record<string, unknown> = { schema: spec.body.schema }
    if (spec.body.example !== undefined) media.example = spec.body.example
    if (spec.body.examples) media.examples = spec.body.examples
    operation.requestBody = { required: true, content: { [spec.body.contentType]: media } }
  }
  operation.responses = Object.fromEntries(
    Object.entries(spec.responses).map(([status, response]) => [
      status,
      responseOf(spec, Number(status), response),
    ]),
  )
  return operation
}

/**
 * The same operation at the path with (or without) a trailing slash, which the app serves too:
 * clients that join a base URL and a path with a slash send it.
 */
export function slashVariant(spec: OperationSpec): OperationSpec {
  const path = spec.path.endsWith('/') ? spec.path.slice(0, -1) : `${spec.path}/`
  return {
    ...spec,
    path,
    summary: `${spec.summary} (${path.endsWith('/') ? 'with' : 'without'} a trailing slash)`,
    description: `The same as ${spec.method.toUpperCase()} ${spec.path}.${spec.description ? ` ${spec.description}` : ''}`,
  }
}
