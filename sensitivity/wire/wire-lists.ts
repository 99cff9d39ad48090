/**
 * Wire defects of list queries: filters, paging, projection, `/.search`. See `wire.ts`.
 *
 * @module
 */
import { CORE_USER_SCHEMA, EXTENSION_ATTRIBUTES } from '../../model/attributes.ts'
import { ApiError, badRequest, notFound } from '../../mock-server/errors/api-error.ts'
import { parseFilter, type AttrPath, type FilterNode } from '../../mock-server/scim/filter/index.ts'
import {
  answerJson,
  isRecord,
  isUsers,
  isUsersItem,
  setQuery,
  setRequest,
  setRequestJson,
  requestJson,
  withJson,
  type Wire,
  type WireDefects,
} from './wire.ts'

type Body = Record<string, unknown>

const isList = (wire: Wire): boolean => wire.method === 'GET' && isUsers(wire)

const isSearch = (wire: Wire): boolean => wire.method === 'POST' && wire.path === '/Users/.search'

/** The body of a `/.search`, kept by a request hook: the mock has read it by the time it answers. */
const searches = new WeakMap<Wire['c'], Body>()

async function keepSearch(wire: Wire): Promise<void> {
  const body = isSearch(wire) ? await requestJson(wire) : undefined
  if (isRecord(body)) searches.set(wire.c, body)
}

/** The filter of a list or of a search (kept by `keepSearch`); undefined when blank. */
function queryFilterOf(wire: Wire): string | undefined {
  const filter = isSearch(wire) ? searches.get(wire.c)?.filter : filterOf(wire)
  return typeof filter === 'string' && filter.trim() !== '' ? filter : undefined
}

/** The raw query string's `filter`, decoded as the mock decodes it. */
function filterOf(wire: Wire): string | undefined {
  return isList(wire)
    ? (new URL(wire.c.req.url).searchParams.get('filter') ?? undefined)
    : undefined
}

/** Rewrites the `filter` query parameter of a GET /Users. */
function rewriteFilter(wire: Wire, change: (filter: string) => string): void {
  const filter = filterOf(wire)
  if (filter === undefined) return
  const next = change(filter)
  if (next !== filter) setQuery(wire, (params) => params.set('filter', next))
}

function parsed(filter: string | undefined): FilterNode | undefined {
  try {
    return filter === undefined ? undefined : parseFilter(filter)
  } catch {
    return undefined
  }
}

/** Keeps only the resources `keep` accepts, as if the server had matched them. */
async function narrow(
  answer: Response,
  keep: (user: Body) => boolean,
): Promise<Response | undefined> {
  const body = await answerJson(answer)
  if (!body || !Array.isArray(body.Resources)) return undefined
  const kept = body.Resources.filter((r) => isRecord(r) && keep(r))
  const dropped = body.Resources.length - kept.length
  return withJson(answer, {
    ...body,
    totalResults: Number(body.totalResults) - dropped,
    itemsPerPage: kept.length,
    Resources: kept,
  })
}

function compareOf(node: FilterNode | undefined) {
  return node?.kind === 'compare' && typeof node.value === 'string' ? node : undefined
}

const SPELLINGS = [
  'userName',
  'displayName',
  'active',
  'id',
  'externalId',
  'meta',
  ...EXTENSION_ATTRIBUTES.map((definition) => definition.name),
]

/** A path spelled in another case than the catalogue's, or carrying the core URN. */
function miscased(path: AttrPath): boolean {
  return (
    path.uri?.toLowerCase() === CORE_USER_SCHEMA.toLowerCase() ||
    SPELLINGS.some((s) => s !== path.name && s.toLowerCase() === path.name.toLowerCase())
  )
}

function pathsOf(node: FilterNode): AttrPath[] {
  switch (node.kind) {
    case 'compare':
    case 'present':
    case 'valuePath':
      return [node.path]
    case 'and':
    case 'or':
      return [...pathsOf(node.left), ...pathsOf(node.right)]
    case 'not':
      return pathsOf(node.expr)
  }
}

/** The comparisons an `and` chain requires. */
function conjuncts(node: FilterNode): FilterNode[] {
  return node.kind === 'and' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node]
}

/** Encodes every "+" inside a quoted filter value so it reads as a plus sign. */
function plusInQuotesLiteral(search: string): string {
  return search.replace(
    /(^\?|&)(filter=)([^&]*)/,
    (_all, lead: string, name: string, value: string) => {
      let inQuote = false
      let out = ''
      for (let i = 0; i < value.length; i++) {
        if (value.startsWith('%22', i)) {
          inQuote = !inQuote
          out += '%22'
          i += 2
        } else {
          const ch = value[i] ?? ''
          if (ch === '"') inQuote = !inQuote
          out += ch === '+' && inQuote ? '%2B' : ch
        }
      }
      return `${lead}${name}${out}`
    },
  )
}

export const LIST_DEFECTS: WireDefects = {
  'case-sensitive-username-filter': {
    request: keepSearch,
    response: (wire, answer) => {
      const node = compareOf(parsed(queryFilterOf(wire)))
      if (node?.op !== 'eq' || node.path.name.toLowerCase() !== 'username') return undefined
      // Compared as stored: `attributes` may have left userName out of the answer.
      const stored = (user: Body) => wire.ctx.store.get(wire.accountId, String(user.id))
      return narrow(answer, (user) => stored(user)?.userName === node.value)
    },
  },
  'no-match-filter-404': {
    request: keepSearch,
    response: async (wire, answer) => {
      if (queryFilterOf(wire) === undefined || !answer.ok) return undefined
      if ((await answerJson(answer))?.totalResults === 0) {
        throw notFound('No User matches the filter.')
      }
      return undefined
    },
  },
  'wrong-total-results': {
    response: async (wire, answer) => {
      const body = isList(wire) || isSearch(wire) ? await answerJson(answer) : undefined
      return body && Array.isArray(body.Resources)
        ? withJson(answer, { ...body, totalResults: body.Resources.length })
        : undefined
    },
  },
  'ignore-excluded-attributes': {
    request: async (wire) => {
      if (wire.method === 'GET' && (isUsers(wire) || isUsersItem(wire))) {
        if (new URL(wire.c.req.url).searchParams.has('excludedAttributes')) {
          setQuery(wire, (params) => params.delete('excludedAttributes'))
        }
        return
      }
      const body = isSearch(wire) ? await requestJson(wire) : undefined
      if (isRecord(body) && 'excludedAttributes' in body) {
        const { excludedAttributes: _e, ...rest } = body
        setRequestJson(wire, rest)
      }
    },
  },
  'plus-not-space': {
    request: (wire) => {
      const url = new URL(wire.c.req.url)
      const search = isList(wire) ? plusInQuotesLiteral(url.search) : url.search
      if (search !== url.search) {
        url.search = search
        setRequest(wire, { url: url.toString() })
      }
    },
  },
  'username-filter-finds-nothing': {
    response: (wire, answer) => {
      const node = compareOf(parsed(filterOf(wire)))
      return node?.op === 'eq' && node.path.name.toLowerCase() === 'username'
        ? narrow(answer, () => false)
        : undefined
    },
  },
  'display-name-filter-case-sensitive': {
    response: (wire, answer) => {
      const node = compareOf(parsed(filterOf(wire)))
      if (node?.path.name.toLowerCase() !== 'displayname' || node.op !== 'eq') return undefined
      return narrow(answer, (user) => user.displayName === node.value)
    },
  },
  'filter-co-case-sensitive': {
    response: (wire, answer) => {
      const node = parsed(filterOf(wire))
      const contains = node
        ? conjuncts(node).flatMap((n) => (compareOf(n)?.op === 'co' ? [n] : []))
        : []
      if (contains.length === 0) return undefined
      return narrow(answer, (user) =>
        contains.every(
          (n) => n.kind === 'compare' && String(user[n.path.name] ?? '').includes(String(n.value)),
        ),
      )
    },
  },
  'filter-escapes-unsupported': {
    request: (wire) => {
      if (filterOf(wire)?.includes('\\')) throw badRequest('invalidFilter', 'Bad filter.')
    },
  },
  'filter-attribute-names-case-sensitive': {
    response: (wire, answer) => {
      const node = parsed(filterOf(wire))
      return node && pathsOf(node).some(miscased) ? narrow(answer, () => false) : undefined
    },
  },
  'filter-not-ignored': {
    request: (wire) => rewriteFilter(wire, (f) => f.replace(/\bnot\s*\(/gi, '(')),
  },
  'filter-gt-as-ge': {
    request: (wire) => rewriteFilter(wire, (f) => f.replace(/ gt /gi, ' ge ')),
  },
  'filter-or-as-and': {
    request: (wire) => rewriteFilter(wire, (f) => f.replace(/ or /gi, ' and ')),
  },
  'invalid-filter-500': {
    response: async (_wire, answer) =>
      answer.status === 400 && (await answerJson(answer))?.scimType === 'invalidFilter'
        ? new Response('Internal Server Error', { status: 500 })
        : undefined,
  },
  'start-index-zero-based': {
    request: (wire) => {
      const start = new URL(wire.c.req.url).searchParams.get('startIndex')
      if (isList(wire) && start !== null && /^\d+$/.test(start)) {
        setQuery(wire, (params) => params.set('startIndex', String(Number(start) + 1)))
      }
    },
  },
  'count-ignored': {
    request: (wire) => {
      if (isList(wire) && new URL(wire.c.req.url).searchParams.has('count')) {
        setQuery(wire, (params) => params.delete('count'))
      }
    },
  },
  'items-per-page-echoes-count': {
    response: async (wire, answer) => {
      const count = isList(wire) ? new URL(wire.c.req.url).searchParams.get('count') : null
      const body = count === null ? undefined : await answerJson(answer)
      return body && Array.isArray(body.Resources)
        ? withJson(answer, { ...body, itemsPerPage: Number(count) })
        : undefined
    },
  },
  'list-without-paging-fields': {
    response: async (wire, answer) => {
      const body = isList(wire) ? await answerJson(answer) : undefined
      if (!body || !Array.isArray(body.Resources)) return undefined
      const { startIndex: _s, itemsPerPage: _i, ...rest } = body
      return withJson(answer, rest)
    },
  },
  'ignore-attributes-parameter': {
    request: (wire) => {
      if (wire.method === 'GET' && new URL(wire.c.req.url).searchParams.has('attributes')) {
        setQuery(wire, (params) => params.delete('attributes'))
      }
    },
  },
  'projection-drops-id': {
    response: async (wire, answer) => {
      const params = new URL(wire.c.req.url).searchParams
      if (!params.has('attributes') && !params.has('excludedAttributes')) return undefined
      const body = await answerJson(answer)
      if (!body || !answer.ok) return undefined
      const drop = ({ id: _id, ...rest }: Body) => rest
      return withJson(
        answer,
        Array.isArray(body.Resources)
          ? { ...body, Resources: body.Resources.map((r) => (isRecord(r) ? drop(r) : r)) }
          : drop(body),
      )
    },
  },
  'search-ignores-attributes': {
    request: async (wire) => {
      if (wire.method !== 'POST' || wire.path !== '/Users/.search') return
      const body = await requestJson(wire)
      if (isRecord(body) && 'attributes' in body) {
        const { attributes: _a, ...rest } = body
        setRequestJson(wire, rest)
      }
    },
  },
  'disabled-hidden-from-filters': {
    response: (wire, answer) =>
      filterOf(wire) === undefined ? undefined : narrow(answer, (user) => user.active !== false),
  },
  'odd-query-500': {
    request: (wire) => {
      const params = new URL(wire.c.req.url).searchParams
      for (const name of ['startIndex', 'count']) {
        const value = params.get(name)
        if (value !== null && !/^-?\d+$/.test(value.trim())) throw new ApiError(500, 'Oops.')
      }
    },
  },
}
