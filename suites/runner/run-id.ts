/**
 * The run id: the tag in every identity a run creates (`cc-<run id>-…`), so cleanup and `sweep`
 * find them. In-process runs are reproducible from the seed; runs against a deployment get a fresh
 * tag so two runs never share identities.
 *
 * @module
 */
import { CATALOGUE_CREATES } from '../../rules/creates.ts'

/** Why a given run id is refused, or undefined when it is usable. */
export function runIdProblem(given: string): string | undefined {
  return /^[a-z0-9]{1,16}$/.test(given) ? undefined : 'must be 1–16 lower-case letters or digits'
}

export function defaultRunId(inProcess: boolean, seed: number): string {
  if (inProcess) return `s${seed}`
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => (b % 36).toString(36)).join(
    '',
  )
}

/** Defaults the CLI and the library share. */
export const RUN_DEFAULTS = {
  seed: 1,
  concurrency: 4,
  /**
   * Against a deployment: what the whole catalogue creates against a conformant server, in both
   * dialects (`rules/creates.ts`), so a full run fits, and a runaway rule still stops there. The
   * embedded mock has no limit.
   */
  maxCreates: CATALOGUE_CREATES,
  timeoutMs: 10_000,
} as const

/** `--max-creates` when none is given: no limit for the embedded mock. */
export function defaultMaxCreates(targetKind: string): number {
  return targetKind === 'in-process' ? Number.MAX_SAFE_INTEGER : RUN_DEFAULTS.maxCreates
}
