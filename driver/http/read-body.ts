/**
 * Reads an answer's body with a limit. A server answering with 300 MB (or a body that never ends)
 * would otherwise fill the heap and kill the run before its report and cleanup; here the body is
 * read as a stream, and at the limit reading stops and the stream is cancelled, which hangs up on
 * the server. A `Content-Length` above the limit is refused before a byte is read.
 *
 * @module
 */

/** Default limit of one answer's body: far above any SCIM answer the rules ask for. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024

/** Bytes of a body past the limit kept to show in the report: the rest is dropped unread. */
const PREVIEW_BYTES = 8 * 1024

/**
 * What was read: the whole text, or, when the body went past the limit, a preview of its start
 * (the only part a report shows).
 */
export interface BodyText {
  readonly text: string
  readonly overLimit: boolean
}

export async function readBodyText(response: Response, maxBytes: number): Promise<BodyText> {
  const body = response.body
  if (body === null) return { text: '', overLimit: false }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body.cancel().catch(() => undefined)
    return { text: '', overLimit: true }
  }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { text: decode(chunks, bytes), overLimit: false }
    if (bytes + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined)
      chunks.push(value)
      return {
        text: decode(chunks, Math.min(bytes + value.byteLength, PREVIEW_BYTES)),
        overLimit: true,
      }
    }
    chunks.push(value)
    bytes += value.byteLength
  }
}

/** The first `bytes` bytes of `chunks` as text, in a buffer of its own. */
function decode(chunks: readonly Uint8Array[], bytes: number): string {
  const all = new Uint8Array(bytes)
  let offset = 0
  for (const chunk of chunks) {
    if (offset >= bytes) break
    const part = chunk.subarray(0, bytes - offset)
    all.set(part, offset)
    offset += part.byteLength
  }
  return new TextDecoder().decode(all)
}

/** `4 MiB`, `512 KiB`, `1000 bytes`: how a limit is named in messages. */
export function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}
