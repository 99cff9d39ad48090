/**
 * Reads the body of an answer from a server the toolkit does not control (a SCIM or REST target, a
 * tenant's identity service, Graph, a mock at a URL) with a limit. A server answering with 300 MB
 * (or a body that never ends) would otherwise fill the heap: of a run, before its report and
 * cleanup; of the mock, through a Graph URL a configuration names. Here the body is read as a
 * stream, and at the limit reading stops and the stream is cancelled, which hangs up on the server.
 * A `Content-Length` above the limit is refused before a byte is read. Web streams only: the mock
 * reads with it too.
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
  const read = await readChunks(response, maxBytes)
  return read.overLimit
    ? { text: decode(read.chunks, Math.min(read.bytes, PREVIEW_BYTES)), overLimit: true }
    : { text: decode(read.chunks, read.bytes), overLimit: false }
}

/** The body's bytes within `maxBytes` (a picture); `too large` past the limit. */
export async function readBodyBytes(
  response: Response,
  maxBytes: number,
): Promise<Uint8Array | 'too large'> {
  const read = await readChunks(response, maxBytes)
  if (read.overLimit) return 'too large'
  const all = new Uint8Array(read.bytes)
  let offset = 0
  for (const chunk of read.chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return all
}

/**
 * The body's chunks, up to the first that passes `maxBytes` (kept, for a preview; `bytes` counts
 * it), then the stream cancelled; none when the declared length is over already.
 */
async function readChunks(
  response: Response,
  maxBytes: number,
): Promise<{ chunks: Uint8Array[]; bytes: number; overLimit: boolean }> {
  const body = response.body
  if (body === null) return { chunks: [], bytes: 0, overLimit: false }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body.cancel().catch(() => undefined)
    return { chunks: [], bytes: 0, overLimit: true }
  }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { chunks, bytes, overLimit: false }
    chunks.push(value)
    bytes += value.byteLength
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return { chunks, bytes, overLimit: true }
    }
  }
}

/**
 * The body as a JSON object within `maxBytes`: `too large` past the limit (nothing parsed),
 * undefined when it is not a JSON object.
 */
export async function readJsonObject(
  response: Response,
  maxBytes: number,
): Promise<Record<string, unknown> | undefined | 'too large'> {
  const read = await readBodyText(response, maxBytes).catch(() => ({ text: '', overLimit: false }))
  if (read.overLimit) return 'too large'
  try {
    const value: unknown = JSON.parse(read.text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
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
