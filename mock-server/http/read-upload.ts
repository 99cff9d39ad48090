/**
 * Reads an uploaded file's bytes (a CSV upload or template, a Graph user's photo), within a limit,
 * through the mock's one bounded reader (`read-body.ts`). Bytes, not text: an ISO-8859-1 file is
 * not UTF-8, and reading it as text would lose what the encoding rule must see; a photo is not text
 * at all. The routes that take a file skip the control plane's text body limit (`admin-router.ts`).
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError } from '../errors/api-error.ts'
import { joined, readBytes } from './read-body.ts'

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
  const { chunks, bytes } = await readBytes(c, limit, {
    tooLarge: () => tooLarge(limit, why, hint),
    broken: () =>
      new ApiError(
        400,
        'The upload could not be read to its end (the connection closed): send the file again.',
      ),
  })
  return joined(chunks, bytes)
}
