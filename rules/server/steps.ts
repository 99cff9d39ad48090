/**
 * Steps many checks share: create identities through the Entra client, read them back, query with a
 * filter. A step the check depends on that fails stops the check with a `SetupFailure` finding.
 *
 * @module
 */
import type { UserOverrides } from '../../fixtures/test-data.ts'
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import { createUserBody } from '../../driver/entra/requests.ts'
import { idProblem, resourcePath } from '../../driver/http/resource-path.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { ServerCheckContext } from './context.ts'
import { CannotTest, RuleNotApplicable, setupFailed } from './check-stops.ts'
import { errorDetail, isObject, type Json } from './findings.ts'

export interface CreatedUser {
  readonly id: string
  readonly values: ClearIdUserValues
  readonly resource: Json
  readonly answer: HttpAnswer
}

/** Creates a valid identity the way Entra does; stops the check when the server refuses it. */
export async function createUser(
  ctx: ServerCheckContext,
  overrides: UserOverrides = {},
): Promise<CreatedUser> {
  const values = ctx.data.user(overrides)
  const answer = await ctx.entra.createUser(values)
  return expectCreated(answer, values)
}

/** POSTs a body built for `values` (maybe altered) and requires a created resource. */
export async function createFromBody(
  ctx: ServerCheckContext,
  values: ClearIdUserValues,
  alter: (body: Json) => Json = (body) => body,
): Promise<CreatedUser> {
  const body = alter(createUserBody(values, ctx.dialect, ctx.entra.mapping))
  return expectCreated(await ctx.entra.postUser(body), values)
}

function expectCreated(answer: HttpAnswer, values: ClearIdUserValues): CreatedUser {
  const resource = answer.body
  if ((answer.status !== 201 && answer.status !== 200) || !isObject(resource)) {
    const detail = errorDetail(answer)
    setupFailed(
      'create a valid identity (POST /Users)',
      `the server answered HTTP ${answer.status}${detail ? ` (${detail})` : ''}`,
      answer,
    )
  }
  const id = resource.id
  if (typeof id !== 'string' || id === '')
    setupFailed('create a valid identity (POST /Users)', 'the created identity has no "id"', answer)
  const unsafe = idProblem(id)
  if (unsafe !== undefined)
    setupFailed(
      'create a valid identity (POST /Users)',
      `the server gave the created identity the id ${JSON.stringify(id)}, which ${unsafe}; the harness sends no request with it. Return ids that are not empty, "." or "..", and contain no "/".`,
      answer,
    )
  return { id, values, resource, answer }
}

export async function createUsers(
  ctx: ServerCheckContext,
  count: number,
  overrides: UserOverrides = {},
): Promise<CreatedUser[]> {
  const users: CreatedUser[] = []
  for (let i = 0; i < count; i += 1) users.push(await createUser(ctx, overrides))
  return users
}

/** `GET /Users/{id}`; stops the check unless it answers 200 with a resource. */
export async function readUser(
  ctx: ServerCheckContext,
  id: string,
  query = '',
): Promise<{ answer: HttpAnswer; resource: Json }> {
  const answer = await ctx.http.send({
    method: 'GET',
    path: resourcePath('Users', id, query),
  })
  if (answer.status !== 200 || !isObject(answer.body)) {
    setupFailed(
      'read the identity back (GET /Users/{id})',
      `the server answered HTTP ${answer.status}`,
      answer,
    )
  }
  return { answer, resource: answer.body }
}

/** `/Users?filter=…&…`, form-encoded the way Entra encodes queries. */
export function usersQuery(
  filter: string | undefined,
  params: Record<string, string> = {},
): string {
  const search = new URLSearchParams()
  if (filter !== undefined) search.set('filter', filter)
  for (const [name, value] of Object.entries(params)) search.set(name, value)
  const text = search.toString()
  return text === '' ? '/Users' : `/Users?${text}`
}

export function queryUsers(
  ctx: ServerCheckContext,
  filter: string | undefined,
  params: Record<string, string> = {},
): Promise<HttpAnswer> {
  return ctx.http.send({ method: 'GET', path: usersQuery(filter, params) })
}

/** A SCIM filter string literal. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/**
 * A filter that selects exactly the identities this check created: `userName sw "<its prefix>"`,
 * or, on a server that refuses `sw`, `userName eq … or …` over the userNames it made. A server that
 * refuses both cannot be scoped: the check stops with "could not test", not a failure, since the
 * clause is the harness's tool and not the rule's subject.
 */
export async function ownUsersFilter(ctx: ServerCheckContext): Promise<string> {
  const sw = `userName sw ${quote(ctx.data.prefix)}`
  const swProbe = await ctx.filterSupport.accepts(ctx.http, 'sw', sw)
  if (swProbe.accepted) return sw
  const eqs = ctx.data.userNames.map((userName) => `userName eq ${quote(userName)}`)
  if (eqs.length === 1) return eqs[0] as string
  const orProbe =
    eqs.length > 1
      ? await ctx.filterSupport.accepts(ctx.http, 'or', `${eqs[0]} or ${eqs[1]}`)
      : undefined
  if (orProbe?.accepted) return `(${eqs.join(' or ')})`
  throw new CannotTest(
    `needs the "sw" or the "or" filter operator to find the identities it created, and the server refused "userName sw" (HTTP ${swProbe.status})${orProbe ? ` and "or" (HTTP ${orProbe.status})` : ''}. RFC 7644 lets a server support a subset of filters; this rule's subject was not tested`,
  )
}

/**
 * Stops the check as not-applicable when the server refuses a filter the check only uses as a
 * tool (400 invalidFilter): RFC 7644 lets a server support a subset of filters.
 */
export function needFilter(answer: HttpAnswer, filter: string): HttpAnswer {
  const body = answer.body as { scimType?: unknown } | undefined
  if (answer.status === 400 && body?.scimType === 'invalidFilter') {
    throw new RuleNotApplicable(
      `the server does not support the filter ${filter} (400 invalidFilter), which this check needs as a tool`,
    )
  }
  return answer
}

/** A filter query the check needs as a tool: not-applicable when the server does not support it. */
export async function toolQuery(
  ctx: ServerCheckContext,
  filter: string,
  params: Record<string, string> = {},
): Promise<HttpAnswer> {
  return needFilter(await queryUsers(ctx, filter, params), filter)
}

/** A display name no other identity has: `<name> <6 hex>`. */
export function uniqueDisplayName(ctx: ServerCheckContext, name: string): string {
  return `${name} ${ctx.data.faker.string.hexadecimal({ length: 6, prefix: '' }).toLowerCase()}`
}
