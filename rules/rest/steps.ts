/**
 * Steps the REST rules share: build a tagged identity, create it, read it, look it up, update it,
 * and read an answer as RFC 7807 problem details. A step the check depends on that fails stops the
 * check with a finding that names the step (`setupFailed`).
 *
 * @module
 */
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { RestHttpClient } from '../../driver/rest/rest-http.ts'
import type { RestCheckContext, ServerCheckContext } from '../server/context.ts'
import { setupFailed } from '../server/check-stops.ts'
import { errorDetail, isObject, type Json } from '../server/findings.ts'
import type { Findings } from '../server/findings.ts'

/**
 * Nested groups whose members ClearID and the mock may place differently (research/
 * clearid-fidelity.md R6): rules read such members through `restValue` only, never by path.
 */
const NESTED = ['companyData', 'privateData', 'systemData', 'userPermissions'] as const

/**
 * A member of a REST identity wherever ClearID puts it: at the top level or in any nested group.
 * The one place that knows members move between `companyData` and `privateData`.
 */
export function restValue(identity: unknown, name: string): unknown {
  if (!isObject(identity)) return undefined
  if (name in identity) return identity[name]
  for (const group of NESTED) {
    const nested = identity[group]
    if (isObject(nested) && name in nested) return nested[name]
  }
  return undefined
}

/** `systemData.externalId`, the sync key both doors share. */
export function externalIdOf(identity: unknown): unknown {
  return isObject(identity) && isObject(identity.systemData)
    ? identity.systemData.externalId
    : undefined
}

/**
 * A REST create body for `values`, with the members whose place is settled: names, display name,
 * e-mail, country, status and `systemData.externalId` (tagged `cc-<runId>-`, which `sweep` finds).
 */
export function restIdentityBody(values: ClearIdUserValues, extra: Json = {}): Json {
  const ext = values.ext
  return {
    displayName: values.displayName,
    firstName: ext.firstName,
    lastName: ext.lastName,
    ...(typeof ext.middleName === 'string' ? { middleName: ext.middleName } : {}),
    ...(typeof ext.description === 'string' ? { description: ext.description } : {}),
    email: ext.email,
    countryCode: ext.countryCode,
    status: values.active ? 'Active' : 'Inactive',
    systemData: { externalId: ext.externalId },
    ...extra,
  }
}

export interface RestIdentity {
  readonly id: string
  readonly eTag: string
  readonly externalId: string
  readonly values: ClearIdUserValues
  /** The create answer's body. */
  readonly body: Json
  readonly answer: HttpAnswer
}

const CREATE = 'create an identity (POST …/identities)'

/** Creates a tagged, valid identity through REST; stops the check when the server refuses it. */
export async function createRestIdentity(
  ctx: ServerCheckContext,
  rest: RestCheckContext,
  extra: Json = {},
): Promise<RestIdentity> {
  const values = ctx.data.user({ active: true })
  const answer = await rest.http.send({
    service: 'identity',
    method: 'POST',
    path: rest.http.identitiesPath(),
    body: restIdentityBody(values, extra),
  })
  const body = answer.body
  if ((answer.status !== 201 && answer.status !== 200) || !isObject(body))
    setupFailed(CREATE, `the server answered HTTP ${answer.status}${detailOf(answer)}`, answer)
  const id = body.identityId
  if (typeof id !== 'string' || id === '')
    setupFailed(CREATE, 'the created identity has no "identityId"', answer)
  const eTag = eTagOf(answer)
  if (eTag === undefined) setupFailed(CREATE, 'the created identity has no "eTag"', answer)
  return { id, eTag, externalId: String(values.ext.externalId), values, body, answer }
}

/** `eTag` of a REST answer: the body's member, else the `ETag` header. */
export function eTagOf(answer: HttpAnswer): string | undefined {
  const body = answer.body
  if (isObject(body) && typeof body.eTag === 'string' && body.eTag !== '') return body.eTag
  return answer.headers.etag
}

export function identityPath(http: RestHttpClient, id: string, query = ''): string {
  return http.identitiesPath('v2', `/${encodeURIComponent(id)}${query}`)
}

export function getIdentity(rest: RestCheckContext, id: string, query = ''): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'identity',
    method: 'GET',
    path: identityPath(rest.http, id, query),
  })
}

/** `GET …/identities/{id}`; stops the check unless it answers 200 with an identity. */
export async function readRestIdentity(
  rest: RestCheckContext,
  id: string,
  query = '',
): Promise<{ answer: HttpAnswer; identity: Json }> {
  const answer = await getIdentity(rest, id, query)
  if (answer.status !== 200 || !isObject(answer.body))
    setupFailed(
      'read the identity (GET …/identities/{id})',
      `the server answered HTTP ${answer.status}${detailOf(answer)}`,
      answer,
    )
  return { answer, identity: answer.body }
}

/** `GET …/identities?externalId=…` with the parameter name as given. */
export function lookup(
  rest: RestCheckContext,
  externalId: string,
  extra = '',
  name = 'externalId',
): Promise<HttpAnswer> {
  const query = `?${encodeURIComponent(name)}=${encodeURIComponent(externalId)}${extra}`
  return rest.http.send({
    service: 'identity',
    method: 'GET',
    path: rest.http.identitiesPath('v2', query),
  })
}

/** PATCH with a merge body, as ClearID's clients send it (`application/json-patch+json`). */
export function patchIdentity(rest: RestCheckContext, id: string, body: Json): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'identity',
    method: 'PATCH',
    path: identityPath(rest.http, id),
    body,
    contentType: 'application/json-patch+json',
  })
}

export function putIdentity(rest: RestCheckContext, id: string, body: Json): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'identity',
    method: 'PUT',
    path: identityPath(rest.http, id),
    body,
  })
}

export function deleteIdentity(rest: RestCheckContext, id: string): Promise<HttpAnswer> {
  return rest.http.send({
    service: 'identity',
    method: 'DELETE',
    path: identityPath(rest.http, id),
  })
}

/** A short ` (detail)` of an error answer, for messages. */
export function detailOf(answer: HttpAnswer): string {
  const detail = errorDetail(answer)
  return detail ? ` (${detail})` : ''
}

/** The status is `status`; the body should be problem details (RFC 7807) that say what is wrong. */
export function expectProblem(
  f: Findings,
  answer: HttpAnswer,
  status: number | readonly number[],
  what: string,
): boolean {
  if (!f.status(answer, status, what)) return false
  if (
    !isObject(answer.body) ||
    (typeof answer.body.detail !== 'string' && typeof answer.body.title !== 'string')
  )
    f.warning(`${what}: the error should say what is wrong (problem details with "detail")`, answer)
  return true
}

/** An OAuth error answer (RFC 6749 §5.2): the status and the `error` code. */
export function expectOAuthError(
  f: Findings,
  answer: HttpAnswer,
  status: number | readonly number[],
  code: string,
  what: string,
): boolean {
  if (!f.status(answer, status, what)) return false
  const body = isObject(answer.body) ? answer.body : undefined
  return f.check(
    body?.error === code,
    `${what}: the error must be "${code}" (RFC 6749 §5.2)`,
    answer,
    code,
    body?.error,
  )
}
