/**
 * Bodies as the traffic log keeps them: at most the log's limit (`maxBodyChars`, 16 KiB by
 * default), with the secrets in play removed, and copied out of the text they were cut from.
 *
 * Why copy: in V8 a `slice` of a long string shares the whole string's memory, so a 16 KiB cut of
 * a refused 1 MB request kept the megabyte alive for as long as the exchange stayed in the log
 * (1,000 such requests took the mock from 183 MB to 1.2 GB). A copy holds only what is kept.
 *
 * @module
 */
import { SECRETS_IN_PLAY } from '../../model/secret-values.ts'
import { scrub } from './capture.ts'
import type { KeptText } from './captured-exchange.ts'

/**
 * Characters read past the limit before cutting, so a secret that straddles the cut is found and
 * removed whole rather than leaving its first characters in the kept text.
 */
export const STRADDLE_CHARS = 1024

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * `text` without the request's own `credential` and the secrets in play, cut to `limit` characters
 * (and then copied, with the length it had). Undefined for an absent or empty body.
 */
export function keptText(
  text: string | undefined,
  limit: number,
  credential: string | readonly string[] | undefined,
): KeptText | undefined {
  if (text === undefined || text === '') return undefined
  if (text.length <= limit) return { text: SECRETS_IN_PLAY.redact(scrub(text, credential)) }
  const head = SECRETS_IN_PLAY.redact(scrub(text.slice(0, limit + STRADDLE_CHARS), credential))
  return { text: copied(cutAt(head, limit)), cutFrom: text.length }
}

/** The first `limit` characters, one fewer when the cut would split a surrogate pair. */
function cutAt(text: string, limit: number): string {
  if (text.length <= limit) return text
  const last = text.charCodeAt(limit - 1)
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit)
}

/** A string of its own: decoding new bytes cannot share memory with the text it came from. */
export function copied(text: string): string {
  return decoder.decode(encoder.encode(text))
}
