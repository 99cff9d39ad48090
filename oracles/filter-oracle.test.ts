/**
 * Differential test of the mock's filter engine: every corpus filter is evaluated by the mock, by
 * the hand-worked RFC answer, and by three npm packages. Each difference from the mock must be
 * listed, with the same answer, in `FILTER_DISAGREEMENTS`, and each listed one must still happen.
 *
 * @module
 */
import { describe, expect, it } from 'vitest'
import { FILTER_CASES } from './corpus/filters.ts'
import { USERS } from './corpus/users.ts'
import { FILTER_DISAGREEMENTS, type FilterOracle } from './expected-disagreements.ts'
import { mockEngine, outcomeOf, PACKAGE_ENGINES, runEngine } from './filter-engines.ts'

const listed = new Map(
  FILTER_DISAGREEMENTS.map((entry) => [`${entry.caseId}/${entry.engine}`, entry]),
)

const oracles: readonly { name: FilterOracle; run: (filter: string, id: string) => string }[] = [
  {
    name: 'expected',
    run: (_filter, id) => {
      const found = FILTER_CASES.find((c) => c.id === id)
      if (found === undefined) throw new Error(`no case ${id}`)
      return outcomeOf(found.expected)
    },
  },
  ...PACKAGE_ENGINES.map((engine) => ({
    name: engine.name,
    run: (filter: string) => runEngine(engine, filter, USERS),
  })),
]

describe('filter corpus', () => {
  it('has unique ids and enough cases to cover the grammar', () => {
    const ids = FILTER_CASES.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBeGreaterThanOrEqual(80)
  })

  it('lists each disagreement once, for a case and an oracle that exist', () => {
    const ids = new Set(FILTER_CASES.map((c) => c.id))
    const names = new Set<string>(oracles.map((o) => o.name))
    expect(listed.size).toBe(FILTER_DISAGREEMENTS.length)
    for (const entry of FILTER_DISAGREEMENTS) {
      expect(ids.has(entry.caseId), entry.caseId).toBe(true)
      expect(names.has(entry.engine), entry.engine).toBe(true)
      expect(entry.reason.length, `${entry.caseId}/${entry.engine}`).toBeGreaterThan(20)
    }
  })
})

describe('filter oracle: mock vs RFC answer and npm packages', () => {
  for (const c of FILTER_CASES) {
    it(`${c.id} ${c.filter}`, () => {
      const mock = runEngine(mockEngine, c.filter, USERS)
      for (const oracle of oracles) {
        const got = oracle.run(c.filter, c.id)
        const entry = listed.get(`${c.id}/${oracle.name}`)
        if (got === mock) {
          expect(
            entry,
            `${oracle.name} now agrees with the mock (${mock}); remove the listed disagreement`,
          ).toBeUndefined()
        } else {
          expect(
            entry?.got,
            `${oracle.name} answers ${got} but the mock ${mock}; list it with a reason`,
          ).toBe(got)
        }
      }
    })
  }
})
