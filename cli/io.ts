/**
 * What commands need from the outside world, injectable so tests run them in-process: output
 * streams, terminal facts, the environment, and the network.
 *
 * @module
 */
import type { FetchLike } from '../driver/http/types.ts'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** stdout is an interactive terminal. */
  readonly isTTY?: boolean
  /** stderr, where progress goes, is an interactive terminal; default `isTTY`. */
  readonly stderrIsTTY?: boolean
  readonly columns?: number
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Network access for URL targets; default the global fetch. */
  readonly fetch?: FetchLike
  /** Aborts the run (the CLI wires Ctrl-C to it). */
  readonly signal?: AbortSignal
  /** Abandons a run's cleanup (the CLI wires a second Ctrl-C to it). */
  readonly abandon?: AbortSignal
  /** Waits between 429 retries; tests shorten it. */
  readonly sleep?: (ms: number) => Promise<void>
}

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
/**
 * INCOMPLETE: MUST rules did not run (`run --require-complete`; `verify-client` that received no
 * request). Distinct from 1: nothing failed, something was not tested.
 */
export const EXIT_INCOMPLETE = 3
export const EXIT_INTERRUPTED = 130

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/**
 * Whether output may carry ANSI colour: `NO_COLOR` (any value) turns it off and `FORCE_COLOR`
 * (any value but `0`) on, as no-color.org and the Node ecosystem agree; otherwise only an
 * interactive terminal outside CI gets colour.
 */
export function colorOf(io: CliIo): boolean {
  const env = io.env ?? {}
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0')
    return true
  const ci = env.CI
  return io.isTTY === true && (ci === undefined || ci === '' || ci === 'false')
}

/**
 * Whether progress may rewrite one line in place: stderr (where it goes) is an interactive
 * terminal outside CI. A log file or a CI console gets plain lines instead.
 */
export function progressTty(io: CliIo): boolean {
  const ci = io.env?.CI
  return (io.stderrIsTTY ?? io.isTTY) === true && (ci === undefined || ci === '' || ci === 'false')
}

/** The real process: stdout/stderr, TTY detection, environment, and the interrupt signals. */
export function processIo(
  interrupts: { readonly stop?: AbortSignal; readonly abandon?: AbortSignal } = {},
): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns ?? process.stderr.columns,
    env: process.env,
    ...(interrupts.stop ? { signal: interrupts.stop } : {}),
    ...(interrupts.abandon ? { abandon: interrupts.abandon } : {}),
  }
}
