/**
 * A chain of request steps that stays synchronous for as long as every step does. Each step
 * answers itself or calls `next`; an error thrown (or rejected) inside becomes the error answer at
 * the step that threw it, so outer steps see an answer, as they would under Hono's compose.
 *
 * Why not Hono middleware: Hono runs a route that has middleware through its compose, where every
 * layer is an async function, so even a synchronous route answers through a chain of promises. A
 * route with exactly one handler is called directly and its response goes to the socket at once.
 * On Entra's per-user look-up under load, the async chain of the SCIM surface's three middlewares
 * cost about a tenth of the mock's throughput (BENCHMARKS.md). The SCIM surface therefore registers
 * one handler per route, and that handler runs this chain.
 *
 * @module
 */
import type { Context } from 'hono'

/** An answer now, or later when a step has to wait (a body to read, an injected delay). */
export type Answer = Response | Promise<Response>

/** One step: answer, or call `next` (at most once) and return or transform its answer. */
export type Step = (c: Context, next: () => Answer) => Answer

/** The answer for an error; throwing from it passes the error on (an injected connection drop). */
export type ErrorAnswer = (error: unknown, c: Context) => Response

export type Endpoint = (c: Context) => Answer

/** `steps` in order, then `endpoint`; every error becomes `onError`'s answer where it arose. */
export function pipeline(
  steps: readonly Step[],
  endpoint: Endpoint,
  onError: ErrorAnswer,
): (c: Context) => Answer {
  const failed = (c: Context, error: unknown): Response => {
    // As Hono's compose does: the error stays readable on the context (the recorder reads it).
    c.error = error instanceof Error ? error : new Error(String(error))
    return onError(error, c)
  }
  const run = (c: Context, index: number): Answer => {
    try {
      const step = steps[index]
      const answer = step === undefined ? endpoint(c) : step(c, () => run(c, index + 1))
      return answer instanceof Promise ? answer.catch((error: unknown) => failed(c, error)) : answer
    } catch (error) {
      return failed(c, error)
    }
  }
  return (c) => run(c, 0)
}
