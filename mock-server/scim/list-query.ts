/**
 * Query parameters of a SCIM list or search (RFC 7644 §3.4.2): filter, paging, projection. Read the
 * same way from a query string (GET) and from a SearchRequest body (POST `/.search`).
 *
 * @module
 */
import { badRequest } from '../errors/api-error.ts'
import type { QueryParams } from '../http/form-query.ts'
import type { Behaviour } from '../behaviour.ts'
import { SCIM_SEARCH_SCHEMA } from '../../model/scim-protocol.ts'
import { parseAttributeList } from './projection.ts'

export interface ListQuery {
  readonly filter?: string
  /** 1-based (RFC 7644 §3.4.2.4); values below 1 are read as 1. */
  readonly startIndex: number
  /** Capped at `maxResults`; 0 asks for totals only. */
  readonly count: number
  readonly attributes: string[]
  readonly excludedAttributes: string[]
}

function readInteger(name: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim())
  if (!Number.isInteger(value)) {
    throw badRequest('invalidValue', `${name} must be an integer; got ${JSON.stringify(raw)}.`)
  }
  return value
}

function listOf(name: string, raw: unknown): string[] {
  if (raw === undefined || raw === null) return []
  if (typeof raw === 'string') return parseAttributeList(raw)
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return raw as string[]
  throw badRequest(
    'invalidValue',
    `${name} must be a comma-separated string or an array of strings.`,
  )
}

function build(raw: Record<string, unknown>, behaviour: Behaviour): ListQuery {
  const filter = raw.filter
  if (filter !== undefined && typeof filter !== 'string') {
    throw badRequest('invalidFilter', 'filter must be a string.')
  }
  const startIndex = Math.max(1, readInteger('startIndex', raw.startIndex) ?? 1)
  const requested = readInteger('count', raw.count) ?? behaviour.maxResults
  const count = Math.min(Math.max(0, requested), behaviour.maxResults)
  const attributes = listOf('attributes', raw.attributes)
  const excludedAttributes = listOf('excludedAttributes', raw.excludedAttributes)
  // Two literals rather than a spread: V8 spreads an object into a new one slowly.
  return filter === undefined || filter.trim() === ''
    ? { startIndex, count, attributes, excludedAttributes }
    : { filter, startIndex, count, attributes, excludedAttributes }
}

export function listQueryFromParams(params: QueryParams, behaviour: Behaviour): ListQuery {
  // A literal, not a loop over names: objects built key by key were most of this function's cost.
  return build(
    {
      filter: params.get('filter') ?? undefined,
      startIndex: params.get('startIndex') ?? undefined,
      count: params.get('count') ?? undefined,
      attributes: params.get('attributes') ?? undefined,
      excludedAttributes: params.get('excludedAttributes') ?? undefined,
    },
    behaviour,
  )
}

export function listQueryFromSearch(body: unknown, behaviour: Behaviour): ListQuery {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalidSyntax', 'The /.search body must be a SearchRequest JSON object.')
  }
  const record = body as Record<string, unknown>
  const schemas = record.schemas
  if (
    !Array.isArray(schemas) ||
    !schemas.some(
      (s) => typeof s === 'string' && s.toLowerCase() === SCIM_SEARCH_SCHEMA.toLowerCase(),
    )
  ) {
    throw badRequest(
      'invalidSyntax',
      `A SearchRequest must list "${SCIM_SEARCH_SCHEMA}" in schemas.`,
    )
  }
  return build(record, behaviour)
}
