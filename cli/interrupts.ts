/**
 * What Ctrl-C (SIGINT) and SIGTERM do, as a small state machine the process entry drives. For a
 * command that cleans up after itself (`run`): the first stops the work (then cleanup runs and the
 * report is written), the second abandons cleanup (what is left is printed with the `sweep` that
 * removes it), the third exits at once. For any other command: the first stops it, the second
 * exits at once.
 *
 * @module
 */

export interface Interrupts {
  /** Aborted by the first interrupt: stop starting work. */
  readonly stop: AbortSignal
  /** Aborted by the second interrupt of a command that cleans up: abandon cleanup. */
  readonly abandon: AbortSignal
  /** One more interrupt arrived: what to say on stderr, and whether to exit at once. */
  receive(): { readonly message: string; readonly exit: boolean }
}

export function createInterrupts(cleansUp: boolean): Interrupts {
  const stop = new AbortController()
  const abandon = new AbortController()
  let received = 0
  return {
    stop: stop.signal,
    abandon: abandon.signal,
    receive() {
      received += 1
      if (received === 1) {
        stop.abort()
        return {
          message: cleansUp
            ? '\nInterrupted: stopping; then deleting what this run created (Ctrl-C again to abandon that cleanup)…\n'
            : '\nInterrupted: finishing up (Ctrl-C again to quit at once)…\n',
          exit: false,
        }
      }
      if (received === 2 && cleansUp) {
        abandon.abort()
        return {
          message:
            '\nAbandoning cleanup: deletes in flight finish, then what is left is listed (Ctrl-C again to quit at once)…\n',
          exit: false,
        }
      }
      return { message: '', exit: true }
    },
  }
}
