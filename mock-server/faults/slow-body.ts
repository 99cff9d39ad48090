/**
 * Re-streams a response body in small chunks with a pause before each, so a client's body timeout
 * and partial-read handling get exercised. Cancelling the stream cancels the source.
 *
 * The slowed answer is handed to the traffic recorder with the text the route rendered
 * (`traffic/rendered-body.ts`). Without it the recorder read a copy of the slow stream and held the
 * answer back until the whole body had trickled into that copy, so with recording on (the default)
 * the client got the body in one piece at the end.
 *
 * @module
 */
import type { Context } from 'hono'
import { renderedBody } from '../traffic/rendered-body.ts'

/** `response` slowed down, noted for the recorder with the text it carries. */
export async function slowAnswer(
  c: Context,
  response: Response,
  chunkBytes: number,
  delayMs: number,
): Promise<Response> {
  const rendered = renderedBody(c, response)
  // The mock's own answer, already in memory: reading it here costs no wait.
  const text = rendered?.text ?? (response.body ? await response.text() : undefined)
  if (text === undefined) return response
  const slowed = slowBody(new Response(text, response), chunkBytes, delayMs)
  c.set('renderedBody', {
    text,
    headers: rendered?.headers ?? Object.fromEntries(slowed.headers),
    response: slowed,
  })
  return slowed
}

export function slowBody(response: Response, chunkBytes: number, delayMs: number): Response {
  const source = response.body
  if (!source) return response
  const reader = source.getReader()
  let pending = new Uint8Array(0)
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending.length === 0) {
        const { value, done } = await reader.read()
        if (done) {
          controller.close()
          return
        }
        pending = value
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      controller.enqueue(pending.slice(0, chunkBytes))
      pending = pending.subarray(chunkBytes)
    },
    cancel: (reason) => reader.cancel(reason),
  })
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(stream, { status: response.status, headers })
}

/** Resolves after `ms`, or as soon as `signal` aborts (the client gave up). */
export function waitOrAbort(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve()
      return
    }
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
