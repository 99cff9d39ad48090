/**
 * Rule id patterns, one syntax for every place that names rules: `run --rule` selection and waiver
 * files. `*` stands for any run of characters, `?` for one; matching ignores case.
 *
 * @module
 */

/**
 * `prefix`: a pattern without a wildcard also matches ids it starts (`SRV-FILTER`), which suits
 * selection. `exact`: it must be the whole id, which suits waivers: a waiver hides a failure, so it
 * must not grow to rules nobody named (`SRV-PATCH-1` waiving SRV-PATCH-101).
 */
export type IdMatchMode = 'prefix' | 'exact'

/** `SRV-FILTER` (prefix, in `prefix` mode), `SRV-*-001` (glob) or an exact id; case-insensitive. */
export function idMatcher(pattern: string, mode: IdMatchMode = 'prefix'): (id: string) => boolean {
  const upper = pattern.toUpperCase()
  if (!isIdGlob(upper)) {
    return mode === 'prefix'
      ? (id) => id.toUpperCase().startsWith(upper)
      : (id) => id.toUpperCase() === upper
  }
  const source = upper
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  const regex = new RegExp(`^${source}$`)
  return (id) => regex.test(id.toUpperCase())
}

/** Whether `pattern` has a wildcard (`*` or `?`). */
export function isIdGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?')
}
