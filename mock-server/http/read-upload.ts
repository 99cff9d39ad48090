/**
 * Reads an uploaded file's bytes (a CSV upload or template, a Graph user's photo), within a limit:
 * a declared `Content-Length` over it is refused unread and a body without one is counted as it
 * arrives, stopping at the first byte over. Bytes, not text: an ISO-8859-1 file is not UTF-8, and
 * reading it as text would lose what the encoding rule must see; a photo is not text at all. The
 * routes that take a file skip the control plane's text body limit (`admin-router.ts`).
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError } from '../errors/api-error.ts'

/** The largest file the mock takes in one upload (it holds the file while it applies it). */
export const MOCK_UPLOAD_LIMIT = 64 * 1024 * 1024

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

function tooLarge(limit: number, why: string, hint: string): ApiError {
  return new ApiError(413, `The file is larger than ${mib(limit)}, ${why}: ${hint}`)
}

/** `why` names the limit; `hint` says what to do instead. */
export async function readUpload(
  c: Context,
  limit: number,
  why: string,
  hint = 'split it into several files sharing External IDs.',
): Promise<Uint8Array> {
  const stream = c.req.raw.body
  if (stream === null) return new Uint8Array(0)
  const declared = Number(c.req.header('content-length') ?? Number.NaN)
  if (declared > limit) {
    stream.cancel().catch(() => undefined)
    throw tooLarge(limit, why, hint)
  }
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      throw new ApiError(
        400,
        'The upload could not be read to its end (the connection closed): send the file again.',
      )
    }
    if (chunk.done) break
    bytes += chunk.value.byteLength
    if (bytes > limit) {
      reader.cancel().catch(() => undefined)
      throw tooLarge(limit, why, hint)
    }
    chunks.push(chunk.value)
  }
  const whole = new Uint8Array(bytes)
  let offset = 0
  for (const chunk of chunks) {
    whole.set(chunk, offset)
    offset += chunk.byteLength
  }
  return whole
}
