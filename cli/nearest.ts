/**
 * "Did you mean …?" for a mistyped command or option name.
 *
 * @module
 */

/** The known name a mistyped one most likely meant: a prefix, or at most two edits away. */
export function nearest(typed: string, names: readonly string[]): string | undefined {
  const lower = typed.toLowerCase()
  const prefixed = names.find((name) => name.startsWith(lower) || lower.startsWith(name))
  if (prefixed !== undefined && lower.length >= 2) return prefixed
  let best: { name: string; distance: number } | undefined
  for (const name of names) {
    const distance = editDistance(lower, name)
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance }
  }
  return best?.name
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
