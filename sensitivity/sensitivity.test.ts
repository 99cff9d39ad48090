/**
 * A rule is not done until it can fail: every server rule is named by a switch, every switch acts
 * on one surface, and the rules a switch is run against are those its surface reaches. Each
 * switch's own test (its rules fail, no other MUST rule does) is in `switches-*.test.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFECTS, type DefectId } from './defects.ts'
import { RULES } from '../rules/index.ts'
import { runWithDefects, serverRuleIds } from './evaluate.ts'
import { DOMAIN_DEFECTS } from './in-domain.ts'
import { measureReach, rulesReached, type RuleReach } from './reach.ts'
import { HOOK_DEFECTS } from './rest/hook-defects.ts'
import { REST_WIRE_DEFECTS } from './rest/rest-wire-defects.ts'
import { WIRE_DEFECTS } from './wire/wire-defects.ts'

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

describe('the rules each switch runs against', () => {
  let reach: RuleReach
  beforeAll(async () => {
    reach = await measureReach(RULES)
  }, 120_000)

  it('are read off the traffic: SCIM rules speak SCIM only, REST rules speak REST and some SCIM', () => {
    const speaks = (id: string) => [...(reach.get(id) ?? [])].sort().join('+')
    const scimRules = RULES.filter((rule) => rule.surface === 'scim')
    expect(scimRules.filter((rule) => speaks(rule.id) !== 'scim').map((r) => r.id)).toEqual([])
    const restRules = RULES.filter((rule) => rule.surface === 'rest')
    expect(restRules.filter((rule) => !reach.get(rule.id)?.has('rest'))).toEqual([])
    // Entra's cycle through SCIM beside the REST API, and the SCIM key the control plane rotates.
    for (const id of ['REST-RESET-001', 'REST-INTEROP-002', 'REST-KEY-001'])
      expect(speaks(id), id).toBe('rest+scim')
    expect(speaks('REST-TOKEN-001')).toBe('rest')
  })

  it('include every rule a switch names', () => {
    const unreached = DEFECTS.flatMap((defect) => {
      const ids = [defect.id as DefectId]
      const run = new Set(rulesReached(RULES, reach, ids).map((rule) => rule.id))
      return defect.breaks.filter((id) => !run.has(id)).map((id) => `${defect.id}: ${id}`)
    })
    expect(unreached).toEqual([])
  })

  it('leave out the rules of the other surface', () => {
    const ids = (defect: DefectId) => rulesReached(RULES, reach, [defect]).map((rule) => rule.id)
    expect(ids('client-credentials-no-token-type').every((id) => id.startsWith('REST-'))).toBe(true)
    const scim = ids('error-status-as-number')
    expect(scim).toContain('SRV-ERR-001')
    expect(scim).toContain('REST-RESET-001')
    expect(scim).not.toContain('REST-TOKEN-001')
  })
})
