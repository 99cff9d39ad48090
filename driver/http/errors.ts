/**
 * Errors the HTTP layer raises. `TransportError` means no answer arrived; the `HarnessStop` family
 * means the harness itself refused to send (safety guards, interruption) and turns a rule into
 * `skipped` rather than `failed`.
 *
 * @module
 */
import type { Exchange } from '../../model/rule.ts'

/** No HTTP answer: connection refused, DNS failure, timeout, aborted. */
export class TransportError extends Error {
  override readonly name: string = 'TransportError'
  constructor(
    message: string,
    readonly exchange: Exchange,
  ) {
    super(message)
  }
}

/**
 * A path would carry an id or segment that addresses another resource (`..`, `.`, `a/b`): the
 * request is never sent, and the rule gets an error finding naming the value.
 */
export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError'
  constructor(
    /** The id or path refused. */
    readonly value: string,
    /** What is wrong with it: `contains "/" …`. */
    readonly problem: string,
  ) {
    super(`${JSON.stringify(value)} ${problem}`)
  }
}

/**
 * The answer's body went past the response limit: the harness stopped reading it and hung up. A
 * transport failure, since no usable answer arrived (a create that got one may still have been
 * applied; `sweep` finds it).
 */
export class ResponseTooLargeError extends TransportError {
  override readonly name = 'ResponseTooLargeError'
  constructor(
    message: string,
    exchange: Exchange,
    readonly limitBytes: number,
  ) {
    super(message, exchange)
  }
}

/** The harness declined to send a request; the rule is reported as skipped with `reason`. */
export class HarnessStop extends Error {
  override readonly name: string = 'HarnessStop'
  constructor(readonly reason: string) {
    super(reason)
  }
}

export const WRITES_REFUSED_REASON = 'writes not allowed: pass --allow-writes'

export class WritesRefusedError extends HarnessStop {
  override readonly name = 'WritesRefusedError'
  constructor() {
    super(WRITES_REFUSED_REASON)
  }
}

export class CreateCapError extends HarnessStop {
  override readonly name = 'CreateCapError'
  constructor(cap: number) {
    super(`create cap reached: this run may create at most ${cap} identities (--max-creates)`)
  }
}

export const INTERRUPTED_REASON = 'interrupted before this rule finished'

/** The run was interrupted (Ctrl-C, SIGTERM), or its cleanup abandoned: no new request is sent. */
export class InterruptedError extends HarnessStop {
  override readonly name = 'InterruptedError'
  constructor(reason: string = INTERRUPTED_REASON) {
    super(reason)
  }
}
