/**
 * What one run is asked to do: target, rules, dialects, safety limits and the hooks that watch it.
 * Its own file, so the runner and the report builder share it without importing each other.
 *
 * @module
 */
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { RuleProfile } from '../../model/rule.ts'
import type { Dialect, RuleResult } from '../../reports/model.ts'
import type { ServerRule } from '../../rules/server/define.ts'
import type { Target } from '../targets/target.ts'

export interface RunProgress {
  ruleStarted?(rule: ServerRule, dialect: Dialect | undefined): void
  ruleFinished?(result: RuleResult): void
  /** The sizing scenario: users through the initial cycle (provisioned or failed) of `total`. */
  users?(done: number, total: number): void
  /** Cleanup: identities deleted of `total` to delete; called with 0 first. */
  cleanup?(done: number, total: number): void
}

export interface RunOptions {
  readonly target: Target
  readonly rules: readonly ServerRule[]
  readonly dialects: readonly Dialect[]
  readonly seed: number
  readonly runId: string
  readonly concurrency?: number
  readonly allowWrites: boolean
  readonly dryRun?: boolean
  readonly maxCreates?: number
  readonly timeoutMs?: number
  /** Most bytes of one answer's body read (default 4 MiB); past it the rule gets a finding. */
  readonly maxResponseBytes?: number
  readonly maxRetries?: number
  readonly maxRetryWaitMs?: number
  readonly sleep?: (ms: number) => Promise<void>
  /** Interrupts the run (Ctrl-C): nothing new starts, then cleanup runs and the report says so. */
  readonly signal?: AbortSignal
  /** Abandons cleanup (a second Ctrl-C): what is not deleted yet is listed as left. */
  readonly abandonCleanup?: AbortSignal
  readonly progress?: RunProgress
  /** Every request sent (dry run: every request that would be sent), redacted. */
  readonly onRequest?: (answer: HttpAnswer) => void
  /** Profiles the run was asked to judge, for the report (default: those of the rules). */
  readonly profiles?: readonly RuleProfile[]
  /** Recorded in `run.options`. */
  readonly options?: Record<string, unknown>
}
