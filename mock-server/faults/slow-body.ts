/**
 * Re-streams a response body in small chunks with a pause before each, so a client's body timeout
 * and partial-read handling get exercised. Cancelling the stream cancels the source.
 *
 * @module
 */

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
