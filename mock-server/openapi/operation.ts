/**
 * A compact description of one HTTP operation and its conversion to an OpenAPI 3.1 operation
 * object, so the operation tables read as data rather than nested JSON.
 *
 * @module
 */

export type Security = 'none' | 'bearer' | 'admin' | 'client'

export interface ParamSpec {
  readonly name: string
  readonly in: 'path' | 'query'
  readonly description: string
  readonly required?: boolean
  readonly schema?: Record<string, unknown>
  /** Repeatable query parameter (`include=a&include=b`). */
  readonly array?: boolean
}

export interface BodySpec {
  readonly contentType: string
  readonly schema: Record<string, unknown>
  readonly example?: unknown
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
}

/** Default content type of a response: problem details for errors under the REST surfaces. */
function contentTypeOf(spec: OperationSpec, status: number, response: ResponseSpec): string {
  if (response.contentType) return response.contentType
  if (status < 400) return 'application/json'
  return spec.path.startsWith('/sts/') ? 'application/json' : 'application/problem+json'
}

function defaultErrorSchema(spec: OperationSpec): Record<string, unknown> {
  return spec.path.startsWith('/sts/') ? ref('OAuthError') : ref('Problem')
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
    operationId: `${spec.method}${spec.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    security: SECURITY[spec.security],
  }
  if (spec.description) operation.description = spec.description
  if (spec.params?.length) operation.parameters = spec.params.map(parameterOf)
  if (spec.body) {
    const media: Record<string, unknown> = { schema: spec.body.schema }
    if (spec.body.example !== undefined) media.example = spec.body.example
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
