/**
 * The run id: the tag in every identity a run creates (`cc-<run id>-…`), so cleanup and `sweep`
 * find them. In-process runs are reproducible from the seed; runs against a deployment get a fresh
 * tag so two runs never share identities.
 *
 * @module
 */

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
  /** Against a deployment; the embedded mock has no limit. */
  maxCreates: 200,
  timeoutMs: 10_000,
} as const
