/**
 * When a `verify-client` session ends: Ctrl-C (the CLI's abort signal), `--duration`, or
 * `--idle-timeout` without a request (counted from the start and from each request).
 *
 * @module
 */
import type { Settings } from './settings.ts'

export interface StopWhen {
  /** Resolves with the reason, once. */
  readonly done: Promise<string>
  /** A request arrived: restart the idle countdown. */
  activity(): void
}

export function waitForStop(
  settings: Pick<Settings, 'durationMs' | 'idleMs'>,
  signal?: AbortSignal,
): StopWhen {
  let finish: (reason: string) => void = () => {}
  const timers: ReturnType<typeof setTimeout>[] = []
  let idle: ReturnType<typeof setTimeout> | undefined
  let finished = false
  const done = new Promise<string>((resolve) => {
    finish = (reason) => {
      finished = true
      for (const timer of timers) clearTimeout(timer)
      clearTimeout(idle)
      signal?.removeEventListener('abort', onAbort)
      resolve(reason)
    }
  })
  const onAbort = () => finish('interrupted')
  if (signal?.aborted) finish('interrupted')
  signal?.addEventListener('abort', onAbort, { once: true })
  const { durationMs, idleMs } = settings
  if (durationMs !== undefined)
    timers.push(setTimeout(() => finish(`--duration ${durationMs / 1000} s passed`), durationMs))
  const restartIdle = () => {
    if (idleMs === undefined || finished) return
    clearTimeout(idle)
    idle = setTimeout(() => finish(`no request for ${idleMs / 1000} s (--idle-timeout)`), idleMs)
  }
  restartIdle()
  return { done, activity: restartIdle }
}
