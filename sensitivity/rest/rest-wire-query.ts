/**
 * REST wire defects of how the identity service binds its query: parameter names. See
 * `rest-wire.ts`.
 *
 * @module
 */
import { setRestUrl, type RestWireDefects } from './rest-wire.ts'

/** The query names the identity service knows, as ClearID's documentation spells them. */
const CANONICAL = new Set(['externalId', 'include', 'continuation'])

export const QUERY_DEFECTS: RestWireDefects = {
  'query-names-case-sensitive': {
    request: (wire) => {
      if (wire.surface !== 'identity') return
      const url = new URL(wire.c.req.url)
      const names = [...new Set(url.searchParams.keys())]
      const foreign = names.filter((name) => !CANONICAL.has(name))
      if (foreign.length === 0) return
      for (const name of foreign) url.searchParams.delete(name)
      setRestUrl(wire, url)
    },
  },
}
