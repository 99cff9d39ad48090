/**
 * How an identity field mapping turns one source value into a field's text, the same for every
 * source: Direct passes it, Fixed ignores it, Regex replaces every match of its pattern (as .NET's
 * `Regex.Replace` does) and passes a value the pattern does not match unchanged, which the
 * checkers report. Empty values (absent, or only spaces) are not mapped.
 *
 * @module
 */

/** An absent value, or one of only spaces: the mapping gives nothing. */
export const isBlank = (value: string | undefined): value is undefined =>
  value === undefined || value.trim() === ''

/** A Regex mapping's pattern, compiled as every source uses it (global: every match replaced). */
export function mappingRegex(pattern: string): RegExp {
  return new RegExp(pattern, 'g')
}

/** The value with every match replaced, or undefined when `regex` does not match it. */
export function applyRegex(regex: RegExp, replacement: string, value: string): string | undefined {
  regex.lastIndex = 0
  if (!regex.test(value)) return undefined
  regex.lastIndex = 0
  return value.replace(regex, replacement)
}
