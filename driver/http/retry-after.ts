/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Entra pauses for that long on a
 * 429, so the harness does the same, within a bound so a hostile value cannot stall a run.
 *
 * @module
 */

/** Milliseconds to wait, or `undefined` when the header is absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** The wait before retry number `attempt` (0-based): `Retry-After` when given, else back-off. */
export function retryDelay(
  header: string | undefined,
  attempt: number,
  options: { readonly now: number; readonly maxWaitMs: number; readonly baseDelayMs: number },
): number {
  const asked = parseRetryAfter(header, options.now)
  const fallback = options.baseDelayMs * 2 ** attempt
  return Math.min(asked ?? fallback, options.maxWaitMs)
}
