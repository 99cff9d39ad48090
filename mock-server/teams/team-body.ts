/**
 * Bodies of the role service, in the shapes real clients send (fernando-delosrios/ClearID,
 * src/http-client.ts; ronaldomoscosorm/clearid-identity-hub, src/lib/argus-client.ts DTOs):
 *
 * - add members: `{identityIds: [...], reason, sourceId, startDateTimeUtc?, endDateTimeUtc?}`;
 * - remove members: `{teamMembers: [{identityId, sourceId}], reason}`;
 * - a team: `{name, description?, status?}` (identity-hub's `ClearIdTeam`).
 *
 * Member names match case-insensitively, as ASP.NET binds them.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { fieldError, isObject, memberOf } from '../rest/rest-values.ts'
import { DEFAULT_SOURCE, type TeamStatus } from './team-store.ts'

export interface TeamInput {
  readonly name: string
  readonly description: string | null
  readonly status: TeamStatus
}

export interface AddMembers {
  readonly identityIds: string[]
  readonly sourceId: string
  readonly reason: string | null
  readonly startDateTimeUtc: string | null
  readonly endDateTimeUtc: string | null
}

export interface RemoveMembers {
  readonly members: { readonly identityId: string; readonly sourceId: string }[]
}

/** Identities one request may name; a mock needs no more. */
export const MAX_IDENTITIES_PER_REQUEST = 1000

type Json = Record<string, unknown>

function object(body: unknown, example: string): Json {
  if (!isObject(body)) throw new ApiError(400, `The body must be a JSON object such as ${example}.`)
  return body
}

function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw fieldError(field, 'must be a string or null.')
  if (value.length > max) throw fieldError(field, `must be at most ${max} characters.`)
  return value
}

function requiredText(field: string, value: unknown, max: number): string {
  const text = optionalText(field, value, max)
  if (text === null || text.trim() === '') throw fieldError(field, 'is required.')
  return text
}

export function readTeam(body: unknown): TeamInput {
  const input = object(body, '{"name": "Contractors", "description": "…"}')
  const status = memberOf(input, 'status') ?? 'Active'
  if (status !== 'Active' && status !== 'Inactive') {
    throw fieldError(
      'status',
      `must be "Active" or "Inactive"; got ${JSON.stringify(status)?.slice(0, 40)}.`,
    )
  }
  return {
    name: requiredText('name', memberOf(input, 'name'), 256),
    description: optionalText('description', memberOf(input, 'description'), 1024),
    status,
  }
}

function identityIdsOf(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw fieldError(field, 'must be a non-empty array of identity ids.')
  }
  if (value.length > MAX_IDENTITIES_PER_REQUEST) {
    throw fieldError(field, `may name at most ${MAX_IDENTITIES_PER_REQUEST} identities.`)
  }
  return value.map((id, index) => {
    if (typeof id !== 'string' || id.trim() === '') {
      throw fieldError(`${field}[${index}]`, 'must be an identity id (a string).')
    }
    return id
  })
}

function dateOf(field: string, value: unknown): string | null {
  const text = optionalText(field, value, 64)
  if (text === null) return null
  const date = new Date(text)
  if (Number.isNaN(date.getTime()))
    throw fieldError(field, `"${text.slice(0, 40)}" is not an ISO 8601 date.`)
  return date.toISOString()
}

const sourceOf = (field: string, value: unknown): string =>
  optionalText(field, value, 256) ?? DEFAULT_SOURCE

export function readAddMembers(body: unknown): AddMembers {
  const input = object(
    body,
    '{"identityIds": ["<guid>"], "reason": "…", "sourceId": "TeamService"}',
  )
  const start = dateOf('startDateTimeUtc', memberOf(input, 'startDateTimeUtc'))
  const end = dateOf('endDateTimeUtc', memberOf(input, 'endDateTimeUtc'))
  if (start !== null && end !== null && start > end) {
    throw fieldError('endDateTimeUtc', 'must not be before startDateTimeUtc.')
  }
  return {
    identityIds: identityIdsOf('identityIds', memberOf(input, 'identityIds')),
    sourceId: sourceOf('sourceId', memberOf(input, 'sourceId')),
    reason: optionalText('reason', memberOf(input, 'reason'), 1024),
    startDateTimeUtc: start,
    endDateTimeUtc: end,
  }
}

export function readRemoveMembers(body: unknown): RemoveMembers {
  const example =
    '{"teamMembers": [{"identityId": "<guid>", "sourceId": "TeamService"}], "reason": "…"}'
  const input = object(body, example)
  optionalText('reason', memberOf(input, 'reason'), 1024)
  const list = memberOf(input, 'teamMembers')
  if (!Array.isArray(list) || list.length === 0) {
    const hint =
      memberOf(input, 'identityIds') === undefined
        ? ''
        : ' (identityIds is the shape of adding members; removing takes teamMembers)'
    throw fieldError(
      'teamMembers',
      `must be a non-empty array of {"identityId", "sourceId"}${hint}.`,
    )
  }
  if (list.length > MAX_IDENTITIES_PER_REQUEST) {
    throw fieldError('teamMembers', `may name at most ${MAX_IDENTITIES_PER_REQUEST} members.`)
  }
  return {
    members: list.map((entry: unknown, index) => {
      const field = `teamMembers[${index}]`
      if (!isObject(entry)) throw fieldError(field, 'must be an object {"identityId", "sourceId"}.')
      const identityId = memberOf(entry, 'identityId')
      if (typeof identityId !== 'string' || identityId.trim() === '') {
        throw fieldError(`${field}.identityId`, 'is required.')
      }
      return { identityId, sourceId: sourceOf(`${field}.sourceId`, memberOf(entry, 'sourceId')) }
    }),
  }
}
