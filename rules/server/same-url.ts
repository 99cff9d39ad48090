/**
 * URL comparison for rule checks. RFC 3986 §6.2.2.2: percent-encoding an unreserved character, or
 * a character allowed in a path segment such as `@`, names the same resource, so `…/Users/a%40b`
 * and `…/Users/a@b` are one URL. The checks compare after decoding every valid `%XX` triple.
 *
 * @module
 */

/** `text` with each valid percent-encoded UTF-8 sequence decoded; an invalid one is kept as is. */
export function decodePercents(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/** The two URLs are equal once percent-encoding is normalised. */
export function sameUrl(a: string, b: string): boolean {
  return decodePercents(a) === decodePercents(b)
}

/** `url` ends with `/Users/{id}` (or any `suffix`), percent-encoding normalised on both sides. */
export function urlEndsWith(url: string, suffix: string): boolean {
  return decodePercents(url).endsWith(decodePercents(suffix))
}
