/**
 * The `Prefer` request header (RFC 7240): which preferences a request states. Only `return=minimal`
 * is read (the control plane's seeding answers with a count then, not every identity).
 *
 * @module
 */

/**
 * Whether `header` (the `Prefer` value, several headers joined by commas) asks for
 * `return=minimal`: token and value in any case, the value quoted or not, parameters after `;`.
 */
export function prefersMinimalReturn(header: string | undefined): boolean {
  if (header === undefined) return false
  return header.split(',').some((preference) => {
    const [head = ''] = preference.split(';', 1)
    const equals = head.indexOf('=')
    if (equals === -1) return false
    const token = head.slice(0, equals).trim().toLowerCase()
    const value = head
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase()
    return token === 'return' && value === 'minimal'
  })
}
