/**
 * A rule is not done until it can fail: for every defect switch, the rules it names fail and no
 * other MUST rule does; every server rule is named by a switch; every switch is noticed.
 */
import { describe, expect, it } from 'vitest'
import { DEFECTS } from './defects.ts'
import { RULES } from '../rules/index.ts'
import { evaluateDefect, runWithDefects, serverRuleIds } from './evaluate.ts'
import { DOMAIN_DEFECTS } from './in-domain.ts'
import { HOOK_DEFECTS } from './rest/hook-defects.ts'
import { REST_WIRE_DEFECTS } from './rest/rest-wire-defects.ts'
import { WIRE_DEFECTS } from './wire/wire-defects.ts'

describe.each(DEFECTS.map((defect) => [defect.id, defect] as const))('defect %s', (_id, defect) => {
  it('fails the rules it targets and no unrelated MUST rule', async () => {
    const breaks: readonly string[] = defect.breaks
    expect(breaks.length, 'a defect must name the rules it breaks').toBeGreaterThan(0)
    const verdict = await evaluateDefect(defect)
    expect(verdict.failed.length, 'no rule noticed this defect').toBeGreaterThan(0)
    expect(verdict.missed, 'targeted rules that did not fail').toEqual([])
    expect(verdict.unrelatedMust, 'unrelated MUST failures').toEqual([])
  })
})

it('every server-side rule is named by at least one defect', () => {
  const named = new Set(DEFECTS.flatMap((defect) => defect.breaks as readonly string[]))
  expect(serverRuleIds().filter((id) => !named.has(id))).toEqual([])
})

it('defect ids are unique', () => {
  expect(new Set(DEFECTS.map((d) => d.id)).size).toBe(DEFECTS.length)
})

it('every defect has one behaviour: at the SCIM or REST wire, in webhook delivery, or inside the mock', () => {
  const places = [WIRE_DEFECTS, REST_WIRE_DEFECTS, HOOK_DEFECTS, DOMAIN_DEFECTS]
  const where = (id: string) => places.filter((place) => id in place).length
  expect(DEFECTS.filter((d) => where(d.id) !== 1).map((d) => d.id)).toEqual([])
})

it('a dialect defect fails only the runs in that dialect', async () => {
  const results = await runWithDefects(
    ['patch-ops-case-sensitive'],
    RULES.filter((rule) => rule.perDialect),
  )
  const failed = results.filter((r) => r.status === 'failed')
  expect(failed.length).toBeGreaterThan(3)
  expect(failed.every((r) => r.dialect === 'entra-default')).toBe(true)
})

it('every rule that a defect breaks exists in the catalogue', () => {
  const ids = new Set(RULES.map((r) => r.id))
  for (const defect of DEFECTS)
    for (const id of defect.breaks as readonly string[]) expect(ids.has(id), id).toBe(true)
})
