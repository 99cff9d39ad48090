/**
 * A rule is not done until it can fail: for every defect switch of the mock, the rules it names
 * fail and no other MUST rule does.
 */
import { describe, expect, it } from 'vitest'
import { DEFECTS } from '../mock-server/defects.ts'
import { RULES } from '../rules/index.ts'
import { runConformance } from './runner/run.ts'
import { inProcessTarget } from './targets/in-process.ts'

describe.each(DEFECTS.map((defect) => [defect.id, defect] as const))('defect %s', (_id, defect) => {
  it('fails the rules it targets and no unrelated MUST rule', async () => {
    const { report } = await runConformance({
      target: inProcessTarget({ defects: { [defect.id]: true } }),
      rules: RULES,
      dialects: ['entra-default', 'entra-flag'],
      seed: 1,
      runId: 'sens',
      allowWrites: true,
      maxCreates: 10_000,
    })
    const failedIds = new Set(
      report.results.filter((r) => r.status === 'failed').map((r) => r.ruleId),
    )
    const breaks: readonly string[] = defect.breaks
    expect(breaks.length, 'a defect must name the rules it breaks').toBeGreaterThan(0)
    expect(
      breaks.filter((id) => !failedIds.has(id)),
      'targeted rules that did not fail',
    ).toEqual([])
    const unrelated = report.results.filter(
      (r) => r.status === 'failed' && r.level === 'MUST' && !breaks.includes(r.ruleId),
    )
    expect(
      unrelated.map((r) => `${r.ruleId}${r.dialect ? ` [${r.dialect}]` : ''}`),
      'unrelated MUST failures',
    ).toEqual([])
  })
})

it('a dialect defect fails only the runs in that dialect', async () => {
  const { report } = await runConformance({
    target: inProcessTarget({ defects: { 'patch-ops-case-sensitive': true } }),
    rules: RULES.filter((rule) => rule.perDialect),
    dialects: ['entra-default', 'entra-flag'],
    seed: 1,
    runId: 'dialect',
    allowWrites: true,
  })
  const failed = report.results.filter((r) => r.status === 'failed')
  expect(failed.length).toBeGreaterThan(3)
  expect(failed.every((r) => r.dialect === 'entra-default')).toBe(true)
})

it('every rule that a defect breaks exists in the catalogue', () => {
  const ids = new Set(RULES.map((r) => r.id))
  for (const defect of DEFECTS)
    for (const id of defect.breaks as readonly string[]) expect(ids.has(id), id).toBe(true)
})
