/**
 * Runs the sizing scenario as a run of its own: preflight, the initial cycle for N users, cleanup,
 * and a report whose one result is SRV-CYCLE-001 at scale, with the latency it measured. Interrupted,
 * it stops starting users, lets those in flight finish, cleans up, and reports how far it got.
 *
 * @module
 */
import { InterruptedError } from '../../driver/http/errors.ts'
import type { Dialect, RuleResult } from '../../reports/model.ts'
import { initialCycleRule } from '../../rules/server/cycles.ts'
import {
  runSizing,
  sizingNotStarted,
  usersThrough,
  type SizingResult,
} from '../scenarios/sizing.ts'
import { cleanupCreated, type CleanupOutcome } from './cleanup.ts'
import { watchPhases } from './interruption.ts'
import { preflight } from './preflight.ts'
import { buildReport, type ResponsesOverLimit } from './report.ts'
import { cleanupOptionsOf, createHttp, type RunOptions } from './run.ts'

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
  const phases = watchPhases(options.signal)
  const progress = options.progress
  let sizing: SizingResult | undefined
  let cleanup: CleanupOutcome | undefined
  try {
    await preflight(http)
    phases.enter('scenario')
    sizing = await runSizing({
      http,
      users: options.users,
      concurrency: options.concurrency ?? 8,
      seed: options.seed,
      runId: options.runId,
      dialect: options.dialect,
      ...(progress?.users ? { onProgress: (done, total) => progress.users?.(done, total) } : {}),
    })
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error
    sizing = sizingNotStarted(options.users, error.reason)
  } finally {
    phases.enter('cleanup')
    cleanup = await cleanupCreated(http, cleanupOptionsOf(options, 8))
  }
  const overLimit = http.responsesOverLimit
  const interrupted = phases.interruption(cleanup.abandoned === true)
  const report = buildReport({
    options: {
      ...options,
      dialects: [options.dialect],
      rules: [initialCycleRule],
      options: {
        ...options.options,
        scenario: 'initial-cycle',
        users: options.users,
        usersPerSecond: Math.round(sizing.usersPerSecond * 10) / 10,
      },
    },
    startedAt,
    results: [resultOf(sizing, options)],
    latency: sizing.latency,
    cleanup,
    ...(overLimit && { responsesOverLimit: overLimit }),
    ...(interrupted && { interrupted }),
  })
  return { sizing, cleanup, report, ...(overLimit && { responsesOverLimit: overLimit }) }
}

/**
 * SRV-CYCLE-001 at scale: failed when any user failed (those failures are real whatever came
 * after), skipped when the cycle stopped early without one (it did not vouch for every user),
 * passed only when every user went through.
 */
function resultOf(sizing: SizingResult, options: { users: number; dialect: Dialect }): RuleResult {
  const rule = initialCycleRule
  const failed = sizing.failures.length > 0
  const stopped =
    sizing.stopped === undefined
      ? undefined
      : `${sizing.stopped}; ${usersThrough(sizing)} of ${options.users} users went through the cycle`
  return {
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
    status: failed ? 'failed' : stopped === undefined ? 'passed' : 'skipped',
    ...(stopped === undefined ? {} : { reason: stopped }),
    findings: sizing.failures.slice(0, 50).map((failure) => ({
      severity: 'error' as const,
      message: `${failure.step} of ${failure.userName}: ${failure.message}`,
      ...(failure.answer ? { exchange: failure.answer.exchange } : {}),
    })),
    durationMs: Math.round(sizing.durationMs),
  }
}
