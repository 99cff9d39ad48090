/**
 * Reading a request body from Node's request object (`c.env.incoming` under `@hono/node-server`)
 * as its chunks arrive, without building the WHATWG `Request` and web stream that `c.req.raw.body`
 * makes the adapter build (`read-body.ts` says why). No `node:` import: the request is read through
 * the few members of a Node `Readable` typed here.
 *
 * @module
 */
import type { Context } from 'hono'

/** What is read of Node's `IncomingMessage` (HTTP/1) or `Http2ServerRequest`. */
export interface NodeBody {
  /** True once any of the body was read: then someone else is reading it. */
  readonly readableDidRead: boolean
  readonly readableEnded: boolean
  readonly destroyed: boolean
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  on(event: 'end' | 'close' | 'error', listener: () => void): unknown
  removeListener(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  removeListener(event: 'end' | 'close' | 'error', listener: () => void): unknown
  pause(): unknown
}

/** The Node request under the adapter, when its body is still there to read; else undefined. */
export function nodeBodyOf(c: Context): NodeBody | undefined {
  const incoming = (c.env as { incoming?: Partial<NodeBody> } | undefined)?.incoming
  if (
    incoming === undefined ||
    typeof incoming.on !== 'function' ||
    typeof incoming.pause !== 'function' ||
    incoming.readableDidRead !== false ||
    incoming.readableEnded !== false ||
    incoming.destroyed !== false
  ) {
    return undefined
  }
  return incoming as NodeBody
}

export interface ReadChunks {
  readonly chunks: readonly Uint8Array[]
  readonly bytes: number
}

/**
 * The whole body as chunks; `too large` as soon as it passes `maxBytes` (reading stops there: the
 * adapter drains or drops the rest after the answer); `cut short` when the connection ends first.
 */
export function readNodeBody(
  incoming: NodeBody,
  maxBytes: number,
): Promise<ReadChunks | 'too large' | 'cut short'> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = []
    let bytes = 0
    const settle = (outcome: ReadChunks | 'too large' | 'cut short'): void => {
      incoming.removeListener('data', onData)
      incoming.removeListener('end', onEnd)
      incoming.removeListener('close', onShort)
      incoming.removeListener('error', onShort)
      resolve(outcome)
    }
    const onData = (chunk: Uint8Array): void => {
      bytes += chunk.byteLength
      if (bytes > maxBytes) {
        incoming.pause()
        settle('too large')
      } else chunks.push(chunk)
    }
    const onEnd = (): void => settle({ chunks, bytes })
    // `close` before `end`: the client went away mid-body; `error`: a broken chunked encoding.
    const onShort = (): void => settle('cut short')
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('close', onShort)
    incoming.on('error', onShort)
  })
}
