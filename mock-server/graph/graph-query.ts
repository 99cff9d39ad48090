/**
 * The OData query options of a Graph read: `$select`, `$filter`, `$top`, `$skiptoken`,
 * `$deltatoken`, `$count` and `$expand=manager`, each accepted only where the endpoint takes it,
 * names in any case, each at most once. What Graph refuses is refused with Graph's code and
 * message; what Graph supports but the fake does not (`$orderby`, `$search`) says so plainly.
 *
 * @module
 */
import { badRequest, graphError, unsupportedQuery } from './graph-errors.ts'
import { MAX_PAGE_SIZE } from './graph-constants.ts'
import { parseFilter, type FilterNode } from './graph-filter.ts'
import type { PropertySpec } from '../../model/graph/graph-properties.ts'
import type { GraphProps, GraphValue } from './graph-values.ts'

export type QueryOption =
  'select' | 'filter' | 'top' | 'skiptoken' | 'deltatoken' | 'count' | 'expand'

export interface Catalog {
  /** `User`, `Group`: as Graph's filter errors name the resource. */
  readonly resource: string
  /** `microsoft.graph.user`: as Graph's select errors name the type. */
  readonly type: string
  readonly defaults: readonly string[]
  property(name: string): { readonly name: string; readonly spec: PropertySpec } | undefined
}

export interface GraphQuery {
  readonly select?: readonly string[]
  readonly filter?: FilterNode
  readonly filterText?: string
  readonly top?: number
  readonly skipToken?: string
  readonly deltaToken?: string
  /** `$count=true` with `ConsistencyLevel: eventual`. */
  readonly count: boolean
  /** `$expand=manager` (optionally `manager($select=…)`). */
  readonly expandManager?: { readonly select?: readonly string[] }
}

/** Options Graph knows that the fake does not emulate, with what to do instead. */
const NOT_EMULATED: Readonly<Record<string, string>> = {
  orderby: 'The fake Graph source lists objects in id order; $orderby is not emulated.',
  search: '$search is not emulated by the fake Graph source; use $filter.',
  format: '$format is not supported: responses are JSON.',
}

export interface QueryInput {
  readonly url: URL
  readonly consistencyLevel: string | undefined
  readonly allowed: readonly QueryOption[]
  readonly catalog: Catalog
  /** The catalog `$expand=manager($select=…)` selects from (users). */
  readonly managerCatalog?: Catalog
}

export function readQuery(input: QueryInput): GraphQuery {
  const options = new Map<string, string>()
  for (const [rawName, value] of input.url.searchParams) {
    if (!rawName.startsWith('$')) continue
    const name = rawName.slice(1).toLowerCase()
    if (options.has(name)) throw badRequest(`Query option '$${name}' was specified more than once.`)
    options.set(name, value)
  }
  for (const name of options.keys()) {
    if (input.allowed.includes(name as QueryOption)) continue
    if (name === 'skip') throw badRequest("'$skip' is not supported by the service.")
    if (NOT_EMULATED[name]) throw unsupportedQuery(NOT_EMULATED[name])
    throw badRequest(`Query option '$${name}' is not allowed on this request.`)
  }
  const count = readCount(options.get('count'), input.consistencyLevel)
  const advanced = count && input.consistencyLevel?.toLowerCase() === 'eventual'
  const filterText = options.get('filter')
  const select = options.has('select')
    ? readSelect(options.get('select') ?? '', input.catalog)
    : undefined
  return {
    ...(select ? { select } : {}),
    ...(filterText === undefined
      ? {}
      : {
          filterText,
          filter: parseFilter(filterText, {
            resource: input.catalog.resource,
            property: (name) => input.catalog.property(name),
            advanced,
          }),
        }),
    ...(options.has('top') ? { top: readTop(options.get('top') ?? '') } : {}),
    ...(options.has('skiptoken') ? { skipToken: options.get('skiptoken') ?? '' } : {}),
    ...(options.has('deltatoken') ? { deltaToken: options.get('deltatoken') ?? '' } : {}),
    count,
    ...(options.has('expand')
      ? {
          expandManager: readExpand(
            options.get('expand') ?? '',
            input.managerCatalog ?? input.catalog,
          ),
        }
      : {}),
  }
}

function readCount(value: string | undefined, consistencyLevel: string | undefined): boolean {
  if (value === undefined || value.toLowerCase() === 'false') return false
  if (value.toLowerCase() !== 'true')
    throw badRequest(`$count must be true or false; got '${value.slice(0, 20)}'.`)
  if (consistencyLevel?.toLowerCase() !== 'eventual') {
    throw graphError(
      400,
      'Request_BadRequest',
      '$count is not currently supported. Send the ConsistencyLevel: eventual header with $count=true.',
    )
  }
  return true
}

export function readSelect(text: string, catalog: Catalog): string[] {
  const names: string[] = []
  for (const raw of text.split(',')) {
    const name = raw.trim()
    if (name === '') continue
    const found = catalog.property(name)
    if (!found) {
      throw badRequest(
        `Could not find a property named '${name.slice(0, 120)}' on type '${catalog.type}'.`,
      )
    }
    if (!names.includes(found.name)) names.push(found.name)
  }
  if (names.length === 0) throw badRequest('$select names no property.')
  return names
}

function readTop(text: string): number {
  const value = /^\d{1,9}$/.test(text.trim()) ? Number(text) : NaN
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw unsupportedQuery(
      `Invalid page size specified: '${text.slice(0, 20)}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
    )
  }
  return value
}

/** `manager` or `manager($select=id,displayName)`: the one expansion the fake supports. */
function readExpand(text: string, managerCatalog: Catalog): { select?: readonly string[] } {
  const match = /^\s*manager\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/i.exec(text)
  if (!match) {
    throw unsupportedQuery(
      `Expanding '${text.slice(0, 60)}' is not emulated; the fake Graph source expands manager only (manager or manager($select=id,displayName)).`,
    )
  }
  return match[1] === undefined ? {} : { select: readSelect(match[1], managerCatalog) }
}

/** An object's selected properties, in select order (Graph returns null for unset ones). */
export function project(props: GraphProps, select: readonly string[]): Record<string, GraphValue> {
  const out: Record<string, GraphValue> = {}
  for (const name of select) {
    const value = props[name]
    // Unset directory extension properties are left out, as Graph does.
    if (value === undefined && name.startsWith('extension_')) continue
    out[name] = value ?? null
  }
  return out
}

/** `{root}/$metadata#users(displayName,id)`: the context Graph gives a (selected) collection. */
export function contextOf(
  root: string,
  set: string,
  select?: readonly string[],
  entity = false,
): string {
  return `${root}/$metadata#${set}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`
}
