/**
 * Runs the sizing scenario as a run of its own: preflight, the initial cycle for N users, cleanup,
 * and a report whose one result is SRV-CYCLE-001 at scale, with the latency it measured.
 *
 * @module
 */
import type { Dialect, RuleResult } from '../../reports/model.ts'
import { initialCycleRule } from '../../rules/server/cycles.ts'
import { runSizing, type SizingResult } from '../scenarios/sizing.ts'
import { cleanupCreated, type CleanupOutcome } from './cleanup.ts'
import { preflight } from './preflight.ts'
import { buildReport, type ResponsesOverLimit } from './report.ts'
import { createHttp, type RunOptions } from './run.ts'

export interface ScenarioOutcome {
  readonly sizing: SizingResult
  readonly cleanup: CleanupOutcome
  readonly report: ReturnType<typeof buildReport>
  readonly responsesOverLimit?: ResponsesOverLimit
}

export async function runInitialCycleScenario(
  options: RunOptions & { readonly users: number; readonly dialect: Dialect },
): Promise<ScenarioOutcome> {
  const startedAt = new Date()
  const http = createHttp(options)
  let sizing: SizingResult | undefined
  let cleanup: CleanupOutcome | undefined
  try {
    await preflight(http)
    sizing = await runSizing({
      http,
      users: options.users,
      concurrency: options.concurrency ?? 8,
      seed: options.seed,
      runId: options.runId,
      dialect: options.dialect,
    })
  } finally {
    cleanup = await cleanupCreated(http, options.concurrency ?? 8)
  }
  const rule = initialCycleRule
  const overLimit = http.responsesOverLimit
  const failed = sizing.failures.length > 0
  const result: RuleResult = {
    ruleId: rule.id,
    title: `${rule.title} (${options.users} users)`,
    level: rule.level,
    side: rule.side,
    profile: rule.profile,
    area: rule.area,
    tags: [...rule.tags, 'sizing'],
    sources: rule.sources,
    fix: rule.fix,
    dialect: options.dialect,
    status: failed ? 'failed' : 'passed',
    findings: sizing.failures.slice(0, 50).map((failure) => ({
      severity: 'error' as const,
      message: `${failure.step} of ${failure.userName}: ${failure.message}`,
      ...(failure.answer ? { exchange: failure.answer.exchange } : {}),
    })),
    durationMs: Math.round(sizing.durationMs),
  }
  const report = buildReport({
    options: {
      ...options,
      dialects: [options.dialect],
      rules: [rule],
      options: {
        ...options.options,
        scenario: 'initial-cycle',
        users: options.users,
        usersPerSecond: Math.round(sizing.usersPerSecond * 10) / 10,
      },
    },
    startedAt,
    results: [result],
    latency: sizing.latency,
    cleanup,
    ...(overLimit && { responsesOverLimit: overLimit }),
  })
  return { sizing, cleanup, report, ...(overLimit && { responsesOverLimit: overLimit }) }
}
