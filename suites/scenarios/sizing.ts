/**
 * The sizing scenario: one initial provisioning cycle for N users at a given concurrency, timed.
 * `run --scenario initial-cycle --users N` and `bench/conformance.bench.ts` both call it.
 *
 * @module
 */
import { TestData } from '../../fixtures/test-data.ts'
import type { Dialect, LatencyStats } from '../../reports/model.ts'
import { EntraClient } from '../../driver/entra/client.ts'
import { HarnessStop } from '../../driver/http/errors.ts'
import type { ScimHttpClient } from '../../driver/http/scim-http.ts'
import { initialCycle, type LinkedUser, type StepFailure } from '../../driver/provisioning.ts'

export const SIZING_SCOPE = 'initial-cycle'

export interface SizingOptions {
  readonly http: ScimHttpClient
  readonly users: number
  readonly concurrency: number
  readonly seed: number
  readonly runId: string
  readonly dialect: Dialect
  /** Users through the cycle (provisioned or failed) of `total`; called with 0 first. */
  readonly onProgress?: (done: number, total: number) => void
}

export interface SizingResult {
  readonly users: number
  readonly provisioned: number
  readonly failures: readonly StepFailure[]
  readonly durationMs: number
  readonly usersPerSecond: number
  readonly latency: Record<string, LatencyStats>
  /**
   * Why the cycle stopped before every user went through it (interrupted, creation cap): the
   * harness's reason. `provisioned` and `failures` then count the users that did.
   */
  readonly stopped?: string
}

export async function runSizing(options: SizingOptions): Promise<SizingResult> {
  const data = new TestData(options.seed, options.runId, SIZING_SCOPE)
  const sources = data.users(options.users)
  const entra = new EntraClient(options.http, options.dialect).exact()
  // Kept as users finish, so a cycle the harness stops still says how far it got.
  const linked: LinkedUser[] = []
  const failures: StepFailure[] = []
  const onUser = (outcome: LinkedUser | StepFailure) => {
    if ('step' in outcome) failures.push(outcome)
    else linked.push(outcome)
    options.onProgress?.(linked.length + failures.length, sources.length)
  }
  options.onProgress?.(0, sources.length)
  const started = performance.now()
  let stopped: string | undefined
  let cycle: { linked: readonly LinkedUser[]; failures: readonly StepFailure[] } | undefined
  try {
    cycle = await initialCycle(entra, sources, { concurrency: options.concurrency, onUser })
  } catch (error) {
    if (!(error instanceof HarnessStop)) throw error
    stopped = error.reason
  }
  const durationMs = performance.now() - started
  // A finished cycle lists users in source order, so the same seed gives the same report.
  const provisioned = (cycle ?? { linked }).linked.length
  return {
    users: options.users,
    provisioned,
    failures: cycle?.failures ?? failures,
    durationMs,
    usersPerSecond: durationMs > 0 ? provisioned / (durationMs / 1000) : 0,
    latency: options.http.latency.stats(),
    ...(stopped === undefined ? {} : { stopped }),
  }
}

/** The result of a scenario stopped before its cycle began (interrupted during preflight). */
export function sizingNotStarted(users: number, reason: string): SizingResult {
  return {
    users,
    provisioned: 0,
    failures: [],
    durationMs: 0,
    usersPerSecond: 0,
    latency: {},
    stopped: reason,
  }
}

/** How many users went through the cycle, provisioned or failed. */
export function usersThrough(result: SizingResult): number {
  return result.provisioned + result.failures.length
}

/** `1234 users in 2.1 s (587.6 users/s)` plus p50/p99 per operation. */
export function describeSizing(result: SizingResult): string {
  const lines = [
    `${result.provisioned}/${result.users} users provisioned in ${(result.durationMs / 1000).toFixed(2)} s (${result.usersPerSecond.toFixed(1)} users/s)`,
  ]
  if (result.stopped !== undefined)
    lines.push(
      `  stopped after ${usersThrough(result)} of ${result.users} users: ${result.stopped}`,
    )
  for (const [operation, stats] of Object.entries(result.latency)) {
    lines.push(
      `  ${operation.padEnd(24)} n=${String(stats.count).padStart(6)}  p50 ${stats.p50.toFixed(2)} ms  p99 ${stats.p99.toFixed(2)} ms`,
    )
  }
  if (result.failures.length > 0)
    lines.push(`  ${result.failures.length} failures, first: ${result.failures[0]?.message ?? ''}`)
  return `${lines.join('\n')}\n`
}
