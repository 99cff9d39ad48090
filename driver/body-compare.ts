/**
 * Compares a recorded response body with a replayed one, ignoring what legitimately changes
 * between runs: ids, meta timestamps, versions and locations (and any extra paths the caller
 * names). Differences are listed as JSON pointers.
 *
 * @module
 */

/** Ignored at any depth: `id` anywhere, `meta.created` in any object that has `meta`. */
export const VOLATILE_PATHS: readonly string[] = [
  'id',
  'meta.created',
  'meta.lastModified',
  'meta.version',
  'meta.location',
]

export interface BodyDifference {
  /** JSON pointer into the body, `''` for the whole body. */
  readonly pointer: string
  readonly expected: unknown
  readonly actual: unknown
}

const MAX_DIFFERENCES = 20

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A copy of `value` without the ignored paths. */
export function withoutVolatile(
  value: unknown,
  ignore: readonly string[] = VOLATILE_PATHS,
): unknown {
  const paths = ignore.map((path) => path.split('.'))
  return strip(value, paths)
}

function strip(value: unknown, paths: readonly string[][]): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, paths))
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (paths.some((p) => p.length === 1 && p[0] === key)) continue
    const deeper = paths.filter((p) => p.length > 1 && p[0] === key).map((p) => p.slice(1))
    out[key] = strip(item, deeper.length > 0 ? [...paths, ...deeper] : paths)
  }
  return out
}

export function bodyDifferences(expected: unknown, actual: unknown): BodyDifference[] {
  const out: BodyDifference[] = []
  walk(expected, actual, '', out)
  return out
}

function walk(expected: unknown, actual: unknown, pointer: string, out: BodyDifference[]): void {
  if (out.length >= MAX_DIFFERENCES) return
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length)
    for (let i = 0; i < length; i++) walk(expected[i], actual[i], `${pointer}/${i}`, out)
    return
  }
  if (isRecord(expected) && isRecord(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
    for (const key of keys) walk(expected[key], actual[key], `${pointer}/${escape(key)}`, out)
    return
  }
  if (!Object.is(expected, actual)) out.push({ pointer, expected, actual })
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}
