/**
 * The sizing scenario: one initial provisioning cycle for N users at a given concurrency, timed.
 * `run --scenario initial-cycle --users N` and `bench/conformance.bench.ts` both call it.
 *
 * @module
 */
import { TestData } from '../../fixtures/test-data.ts'
import type { Dialect, LatencyStats } from '../../reports/model.ts'
import { EntraClient } from '../../driver/entra/client.ts'
import type { ScimHttpClient } from '../../driver/http/scim-http.ts'
import { initialCycle, type StepFailure } from '../../driver/provisioning.ts'

export const SIZING_SCOPE = 'initial-cycle'

export interface SizingOptions {
  readonly http: ScimHttpClient
  readonly users: number
  readonly concurrency: number
  readonly seed: number
  readonly runId: string
  readonly dialect: Dialect
}

export interface SizingResult {
  readonly users: number
  readonly provisioned: number
  readonly failures: readonly StepFailure[]
  readonly durationMs: number
  readonly usersPerSecond: number
  readonly latency: Record<string, LatencyStats>
}

export async function runSizing(options: SizingOptions): Promise<SizingResult> {
  const data = new TestData(options.seed, options.runId, SIZING_SCOPE)
  const sources = data.users(options.users)
  const entra = new EntraClient(options.http, options.dialect).exact()
  const started = performance.now()
  const cycle = await initialCycle(entra, sources, { concurrency: options.concurrency })
  const durationMs = performance.now() - started
  return {
    users: options.users,
    provisioned: cycle.linked.length,
    failures: cycle.failures,
    durationMs,
    usersPerSecond: cycle.linked.length / (durationMs / 1000),
    latency: options.http.latency.stats(),
  }
}

/** `1234 users in 2.1 s (587.6 users/s)` plus p50/p99 per operation. */
export function describeSizing(result: SizingResult): string {
  const lines = [
    `${result.provisioned}/${result.users} users provisioned in ${(result.durationMs / 1000).toFixed(2)} s (${result.usersPerSecond.toFixed(1)} users/s)`,
  ]
  for (const [operation, stats] of Object.entries(result.latency)) {
    lines.push(
      `  ${operation.padEnd(24)} n=${String(stats.count).padStart(6)}  p50 ${stats.p50.toFixed(2)} ms  p99 ${stats.p99.toFixed(2)} ms`,
    )
  }
  if (result.failures.length > 0)
    lines.push(`  ${result.failures.length} failures, first: ${result.failures[0]?.message ?? ''}`)
  return `${lines.join('\n')}\n`
}
