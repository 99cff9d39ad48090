/**
 * Which rules a defect switch can reach. A switch acts on one surface of the mock: the SCIM
 * endpoint (wire steps and the SCIM components) or the rest (the REST services, the token
 * service, the control plane and webhook delivery). A rule that sends no request to that surface
 * gets the same answers with the switch on as without it, so running it under the switch proves
 * nothing and only costs time. Which surfaces each rule speaks to is read off a run of the
 * catalogue without defects, one rule at a time, rather than declared: a rule that starts using
 * the other surface is counted there from its next run on.
 *
 * @module
 */
import type { DefectId } from './defects.ts'
import type { ServerRule } from '../rules/server/define.ts'
import { runConformance } from '../suites/runner/run.ts'
import { sensitivityTarget } from './sensitivity-target.ts'
import { DOMAIN_DEFECTS } from './in-domain.ts'
import { HOOK_DEFECTS } from './rest/hook-defects.ts'
import { REST_WIRE_DEFECTS } from './rest/rest-wire-defects.ts'
import { WIRE_DEFECTS } from './wire/wire-defects.ts'

export type Surface = 'scim' | 'rest'

/** Rule id → the surfaces its requests reached. */
export type RuleReach = ReadonlyMap<string, ReadonlySet<Surface>>

/** The surface of the in-process mock a request URL reaches. */
export function surfaceOf(url: string): Surface {
  return new URL(url).pathname.startsWith('/scim/') ? 'scim' : 'rest'
}

/** The surface a switch acts on; undefined for an id that is no switch. */
export function defectSurface(id: DefectId): Surface | undefined {
  if (id in WIRE_DEFECTS || id in DOMAIN_DEFECTS) return 'scim'
  if (id in REST_WIRE_DEFECTS || id in HOOK_DEFECTS) return 'rest'
  return undefined
}

/**
 * The surfaces each rule's requests reach, from one run of `rules` without defects at
 * concurrency 1 (so every request belongs to the rule that started last). Preflight, discovery
 * and cleanup belong to no rule.
 */
export async function measureReach(rules: readonly ServerRule[]): Promise<RuleReach> {
  const reach = new Map<string, Set<Surface>>()
  let current: Set<Surface> | undefined
  await runConformance({
    target: sensitivityTarget(),
    rules,
    dialects: ['entra-default', 'entra-flag'],
    seed: 1,
    runId: 'reach',
    allowWrites: true,
    maxCreates: 10_000,
    concurrency: 1,
    progress: {
      ruleStarted: (rule) => {
        current = reach.get(rule.id) ?? new Set()
        reach.set(rule.id, current)
      },
      ruleFinished: () => {
        current = undefined
      },
    },
    onRequest: (answer) => current?.add(surfaceOf(answer.exchange.request.url)),
  })
  return reach
}

/**
 * The rules to run under `defects`: those whose requests reach a surface one of them acts on. A
 * switch of unknown surface reaches every rule.
 */
export function rulesReached(
  rules: readonly ServerRule[],
  reach: RuleReach,
  defects: readonly DefectId[],
): ServerRule[] {
  const surfaces = defects.map(defectSurface)
  if (surfaces.includes(undefined)) return [...rules]
  return rules.filter((rule) => surfaces.some((s) => s && reach.get(rule.id)?.has(s)))
}
