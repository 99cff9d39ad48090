/**
 * The filter evaluators compared by the oracle: the mock's engine and three npm packages. Each is
 * split into a compile step (parse the filter once) and a per-resource test, so that a package
 * that crashes on one resource (a missing `name`, an empty array) is reported for that resource
 * only, and the rest of its answer can still be compared.
 *
 * @module
 */
import { parse as parseScim2, filter as compileScim2 } from 'scim2-parse-filter'
import { compileFilter as compileQueryParser } from 'scim-query-filter-parser'
import SCIMMY from 'scimmy'
import { compileFilter, parseFilter } from '../mock-server/scim/filter/index.ts'
import type { CorpusUser, UserId } from './corpus/users.ts'

export type FilterEngineName = 'scim2-parse-filter' | 'scim-query-filter-parser' | 'scimmy'

export interface FilterEngine<Name extends string = string> {
  readonly name: Name
  /** Throws when the filter is refused; the predicate may throw on a single resource. */
  readonly compile: (filter: string) => (user: CorpusUser) => boolean
}

/**
 * What an engine made of one filter over the corpus, as a short comparable text:
 * `error` (refused the filter, as a server answering 400 invalidFilter), `[u1 u3]` (the matches),
 * or `[u1] threw on [u5]` (it crashed while testing u5).
 */
export type FilterOutcome = string

export function outcomeOf(ids: readonly UserId[] | 'error'): FilterOutcome {
  return ids === 'error' ? 'error' : `[${[...ids].sort().join(' ')}]`
}

export function runEngine(
  engine: FilterEngine,
  filter: string,
  users: readonly CorpusUser[],
): FilterOutcome {
  let test: (user: CorpusUser) => boolean
  try {
    test = engine.compile(filter)
  } catch {
    return 'error'
  }
  const matched: UserId[] = []
  const threw: UserId[] = []
  for (const user of users) {
    try {
      // A deep copy each time, so an engine that mutates cannot change what the next one sees.
      if (test(structuredClone(user))) matched.push(user.id)
    } catch {
      threw.push(user.id)
    }
  }
  if (threw.length === users.length) return 'error'
  const base = outcomeOf(matched)
  return threw.length === 0 ? base : `${base} threw on ${outcomeOf(threw)}`
}

export const mockEngine: FilterEngine<'mock'> = {
  name: 'mock',
  compile: (filter) => compileFilter(parseFilter(filter)),
}

export const PACKAGE_ENGINES: readonly FilterEngine<FilterEngineName>[] = [
  {
    name: 'scim2-parse-filter',
    compile: (filter) => compileScim2(parseScim2(filter)),
  },
  {
    name: 'scim-query-filter-parser',
    compile: (filter) => compileQueryParser(filter),
  },
  {
    name: 'scimmy',
    compile: (filter) => {
      const parsed = new SCIMMY.Types.Filter(filter)
      return (user) => parsed.match([user]).length === 1
    },
  },
]
