/**
 * The test every defect switch gets: the rules it names fail, and no rule it does not name fails,
 * whatever its level. The switches are split over several test files (`switches-*.test.ts`) so the
 * sensitivity tier runs on both cores; each file measures once which rules reach which surface.
 *
 * @module
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFECTS, type DefectDefinition } from './defects.ts'
import { RULES } from '../rules/index.ts'
import { evaluateDefect } from './evaluate.ts'
import { measureReach, type RuleReach } from './reach.ts'

/** Shard `index` of `count`: every switch is in exactly one. */
export function shard(index: number, count: number): readonly DefectDefinition[] {
  return DEFECTS.filter((_, i) => i % count === index)
}

export function describeSwitches(defects: readonly DefectDefinition[]): void {
  let reach: RuleReach
  beforeAll(async () => {
    reach = await measureReach(RULES)
  }, 120_000)
  describe.each(defects.map((defect) => [defect.id, defect] as const))(
    'defect %s',
    (_id, defect) => {
      it('fails the rules it targets and no other rule', async () => {
        const breaks: readonly string[] = defect.breaks
        expect(breaks.length, 'a defect must name the rules it breaks').toBeGreaterThan(0)
        const verdict = await evaluateDefect(defect, reach)
        expect(verdict.failed.length, 'no rule noticed this defect').toBeGreaterThan(0)
        expect(verdict.missed, 'targeted rules that did not fail').toEqual([])
        expect(verdict.unrelated, 'failures of rules it does not name').toEqual([])
      })
    },
  )
}
