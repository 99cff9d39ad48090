/**
 * Which phase a run was in when the first interrupt came: the report's `run.interrupted`.
 *
 * @module
 */
import type { RunInterruption } from '../../reports/model.ts'

export type RunPhase = RunInterruption['during']

export interface PhaseWatch {
  enter(phase: RunPhase): void
  /** The report's `run.interrupted`, or undefined when nothing interrupted the run. */
  interruption(cleanupAbandoned: boolean): RunInterruption | undefined
}

export function watchPhases(signal: AbortSignal | undefined): PhaseWatch {
  let phase: RunPhase = 'preflight'
  let during: RunPhase | undefined = signal?.aborted === true ? phase : undefined
  signal?.addEventListener(
    'abort',
    () => {
      during ??= phase
    },
    { once: true },
  )
  return {
    enter(next) {
      phase = next
    },
    interruption(cleanupAbandoned) {
      // Abandoning cleanup without a first interrupt happens only through the library API.
      const at = during ?? (cleanupAbandoned ? 'cleanup' : undefined)
      if (at === undefined) return undefined
      return { during: at, ...(cleanupAbandoned && { cleanupAbandoned }) }
    },
  }
}
