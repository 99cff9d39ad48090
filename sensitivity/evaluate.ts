/**
 * Harness sensitivity: runs the catalogue against the mock once per defect switch and judges
 * whether the switch is caught (the rules it names fail), whether it is precise (no other MUST rule
 * fails), and which server rules no switch proves. Shared by `sensitivity.test.ts` and
 * `npm run sensitivity`.
 *
 * @module
 */
import { DEFECTS, type DefectDefinition, type DefectId } from './defects.ts'
import type { RuleResult } from '../reports/model.ts'
import { RULES } from '../rules/index.ts'
import type { ServerRule } from '../rules/server/define.ts'
import { runConformance } from '../suites/runner/run.ts'
import { defectComponents } from './defect-components.ts'
import { measureReach, rulesReached, type RuleReach } from './reach.ts'
import { sensitivityTarget } from './sensitivity-target.ts'

export interface DefectVerdict {
  readonly defect: DefectDefinition
  /** Rule ids that failed (any dialect). */
  readonly failed: readonly string[]
  /** Targeted rules that did not fail. */
  readonly missed: readonly string[]
  /**
   * Rules of any level that failed although the defect does not name them, with their dialect and
   * level: a switch trips its own rules and no other.
   */
  readonly unrelated: readonly string[]
  readonly durationMs: number
}

export interface SensitivityReport {
  readonly verdicts: readonly DefectVerdict[]
  /** Server-side rules of the catalogue (side `server` or `both`). */
  readonly serverRules: readonly string[]
  /** Server rules some defect names and breaks. */
  readonly proven: readonly string[]
  /** Server rules no defect names. */
  readonly uncovered: readonly string[]
  /** Defects no rule failed for. */
  readonly unnoticed: readonly string[]
  readonly score: number
  readonly ok: boolean
}

const label = (r: RuleResult): string => `${r.ruleId}${r.dialect ? ` [${r.dialect}]` : ''}`

/** Runs `rules` against a fresh in-process mock with `defects` on. */
export async function runWithDefects(
  defects: readonly DefectId[],
  rules: readonly ServerRule[] = RULES,
): Promise<readonly RuleResult[]> {
  const { report } = await runConformance({
    target: sensitivityTarget(defectComponents(defects)),
    rules,
    dialects: ['entra-default', 'entra-flag'],
    seed: 1,
    runId: 'sens',
    allowWrites: true,
    maxCreates: 10_000,
  })
  return report.results
}

/**
 * Runs the rules `defect` can reach (`reach.ts`) with it on. A rule it cannot reach answers as
 * without it: it neither fails for the switch nor could fail unrelated to it.
 */
export async function evaluateDefect(
  defect: DefectDefinition,
  reach: RuleReach,
): Promise<DefectVerdict> {
  const started = performance.now()
  const ids = [defect.id as DefectId]
  const results = await runWithDefects(ids, rulesReached(RULES, reach, ids))
  const failedResults = results.filter((r) => r.status === 'failed')
  const failed = [...new Set(failedResults.map((r) => r.ruleId))]
  return {
    defect,
    failed,
    missed: defect.breaks.filter((id) => !failed.includes(id)),
    unrelated: failedResults
      .filter((r) => !defect.breaks.includes(r.ruleId))
      .map((r) => `${label(r)} (${r.level})`),
    durationMs: performance.now() - started,
  }
}

export function serverRuleIds(rules: readonly ServerRule[] = RULES): string[] {
  return rules.filter((rule) => rule.side === 'server' || rule.side === 'both').map((r) => r.id)
}

export function summarise(
  verdicts: readonly DefectVerdict[],
  serverRules: readonly string[] = serverRuleIds(),
): SensitivityReport {
  const named = new Set(verdicts.flatMap((v) => v.defect.breaks))
  const provenSet = new Set(
    verdicts.flatMap((v) => v.defect.breaks.filter((id) => v.failed.includes(id))),
  )
  const proven = serverRules.filter((id) => provenSet.has(id))
  const uncovered = serverRules.filter((id) => !named.has(id))
  const unnoticed = verdicts.filter((v) => v.failed.length === 0).map((v) => v.defect.id)
  const score = serverRules.length === 0 ? 1 : proven.length / serverRules.length
  const precise = verdicts.every((v) => v.missed.length === 0 && v.unrelated.length === 0)
  return {
    verdicts,
    serverRules,
    proven,
    uncovered,
    unnoticed,
    score,
    ok: score === 1 && unnoticed.length === 0 && precise,
  }
}

/**
 * Every defect, one after the other (the runs are CPU-bound: in one thread, parallel runs gain
 * nothing), each over the rules it can reach.
 */
export async function evaluateAll(
  defects: readonly DefectDefinition[] = DEFECTS,
  onVerdict?: (verdict: DefectVerdict) => void,
): Promise<SensitivityReport> {
  const reach = await measureReach(RULES)
  const verdicts: DefectVerdict[] = []
  for (const defect of defects) {
    const verdict = await evaluateDefect(defect, reach)
    onVerdict?.(verdict)
    verdicts.push(verdict)
  }
  return summarise(verdicts)
}
