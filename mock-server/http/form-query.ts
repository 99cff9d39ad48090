/**
 * The parameters of a form-encoded query string (`+` is a space), first value per name, with the
 * answers `URLSearchParams.get` gives. Decoding only what needs it (most SCIM query strings carry
 * one `filter`) is several times cheaper than `URLSearchParams`, which showed in the profile of
 * Entra's per-user look-up. A property test holds it to `URLSearchParams`.
 *
 * @module
 */

export interface QueryParams {
  get(name: string): string | null
}

export class FormQuery implements QueryParams {
  readonly #values = new Map<string, string>()

  /** `query`: the text after `?`, without it. */
  constructor(query: string) {
    let start = 0
    while (start < query.length) {
      let end = query.indexOf('&', start)
      if (end === -1) end = query.length
      if (end > start) {
        const equals = query.indexOf('=', start)
        const hasValue = equals !== -1 && equals < end
        const name = decodeForm(query.slice(start, hasValue ? equals : end))
        if (!this.#values.has(name)) {
          this.#values.set(name, hasValue ? decodeForm(query.slice(equals + 1, end)) : '')
        }
      }
      start = end + 1
    }
  }

  get(name: string): string | null {
    return this.#values.get(name) ?? null
  }
}

/** Form decoding of one name or value. */
function decodeForm(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    // A stray `%` or bytes that are not UTF-8: URLSearchParams keeps or replaces them; ask it.
    return new URLSearchParams(`x=${text}`).get('x') ?? ''
  }
}
