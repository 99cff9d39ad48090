/**
 * The filter evaluators compared by the oracle: the mock's engine and three npm packages, each
 * wrapped as `(filter, resources) → matching ids | 'error'`. An engine that throws, at parse or at
 * evaluation time, answers 'error', as a server would answer 400 invalidFilter.
 *
 * @module
 */
import { parse as parseScim2, filter as compileScim2 } from 'scim2-parse-filter'
import { compileFilter as compileQueryParser } from 'scim-query-filter-parser'
import SCIMMY from 'scimmy'
import { evaluateFilter, parseFilter } from '../mock-server/scim/filter/index.ts'
import type { CorpusUser, UserId } from './corpus/users.ts'

export type FilterOutcome = readonly UserId[] | 'error'

export type FilterEngineName = 'scim2-parse-filter' | 'scim-query-filter-parser' | 'scimmy'

export interface FilterEngine<Name extends string = string> {
  readonly name: Name
  readonly run: (filter: string, users: readonly CorpusUser[]) => FilterOutcome
}

function ids(matches: readonly CorpusUser[]): UserId[] {
  return matches.map((user) => user.id).sort()
}

/** Every engine sees its own deep copy, so one that mutates cannot change what the next one sees. */
function guarded(run: (filter: string, users: CorpusUser[]) => CorpusUser[]): FilterEngine['run'] {
  return (filter, users) => {
    try {
      return ids(run(filter, structuredClone(users) as CorpusUser[]))
    } catch {
      return 'error'
    }
  }
}

export const mockEngine: FilterEngine<'mock'> = {
  name: 'mock',
  run: guarded((filter, users) => {
    const node = parseFilter(filter)
    return users.filter((user) => evaluateFilter(node, user))
  }),
}

export const PACKAGE_ENGINES: readonly FilterEngine<FilterEngineName>[] = [
  {
    name: 'scim2-parse-filter',
    run: guarded((filter, users) => users.filter(compileScim2(parseScim2(filter)))),
  },
  {
    name: 'scim-query-filter-parser',
    run: guarded((filter, users) => users.filter(compileQueryParser(filter))),
  },
  {
    name: 'scimmy',
    run: guarded((filter, users) => new SCIMMY.Types.Filter(filter).match(users) as CorpusUser[]),
  },
]
