/**
 * Paths built from ids a server returned. A hostile server can answer a create with the id
 * `../../other-account/Users/victim?x=`, `.` or `..`; put in a URL as they are, they send the
 * harness's authenticated PATCH or DELETE to another account, the collection or the tenant base.
 * Every `/{collection}/{id}` path is built here: ids are percent-encoded, and ids that no encoding
 * makes safe (empty, `.`, `..`, or with a `/` or `\`) are refused before any request exists. The
 * HTTP client checks every path once more (`pathProblem`), so a rule that forgets cannot send one.
 *
 * @module
 */
import { UnsafePathError } from './errors.ts'

export type Collection = 'Users' | 'Groups'

/** Why `id` cannot stand in a URL path, or `undefined` when it can. */
export function idProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'is not a string'
  if (id === '') return 'is empty'
  if (id === '.' || id === '..') return 'is "." or "..", which a URL resolves to another resource'
  if (/[/\\]/.test(id)) return 'contains "/" or "\\", which would reach another resource'
  return undefined
}

/** `/Users/{id}` (or `/Groups/{id}`) with the id percent-encoded; throws `UnsafePathError`. */
export function resourcePath(collection: Collection, id: string, query = ''): string {
  const problem = idProblem(id)
  if (problem !== undefined) throw new UnsafePathError(id, problem)
  return `/${collection}/${encodeURIComponent(id)}${query}`
}

/**
 * Why the HTTP client must not send `path` (relative to the SCIM base), or `undefined`: it must
 * start with `/` and have no `.` or `..` segment, encoded (`%2e`) or not, with `/` or `\` between.
 */
export function pathProblem(path: string): string | undefined {
  if (path !== '' && !path.startsWith('/') && !path.startsWith('?'))
    return 'does not start with "/"'
  const pathname = path.split(/[?#]/, 1)[0] ?? ''
  const dotSegment = pathname.split(/[/\\]/).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))
  return dotSegment
    ? 'has a "." or ".." segment, which a URL resolves to another resource'
    : undefined
}
