import { describe, expect, it } from 'vitest'
import { UnsafePathError } from './errors.ts'
import { idProblem, pathProblem, resourcePath } from './resource-path.ts'

describe('resourcePath', () => {
  it('percent-encodes the id', () => {
    expect(resourcePath('Users', 'a b?c#d%e')).toBe('/Users/a%20b%3Fc%23d%25e')
    expect(resourcePath('Groups', '2819c223', '?attributes=id')).toBe(
      '/Groups/2819c223?attributes=id',
    )
  })

  it('refuses ids no encoding makes safe, naming the id', () => {
    for (const id of ['', '.', '..', '../../other-account/Users/victim?x=', 'a/b', 'a\\b']) {
      expect(idProblem(id), id).toBeDefined()
      expect(() => resourcePath('Users', id)).toThrow(UnsafePathError)
    }
    expect(() => resourcePath('Users', '..')).toThrow('".." is "." or ".."')
    expect(idProblem(42)).toBe('is not a string')
    expect(idProblem('.hidden')).toBeUndefined()
  })
})

describe('pathProblem', () => {
  it('finds dot segments, encoded or not, whichever slash separates them', () => {
    for (const path of ['/Users/..', '/Users/.', '/Users/%2E%2e', '/Users/a\\..\\b', '/../x?y'])
      expect(pathProblem(path), path).toBeDefined()
    expect(pathProblem('Users')).toBe('does not start with "/"')
  })

  it('lets ordinary paths through, dots inside a segment and the query included', () => {
    for (const path of [
      '/Users/.search',
      '/Users/%00%ff',
      '/Users?filter=a+eq+%22..%22',
      '/Users/a..b',
    ])
      expect(pathProblem(path), path).toBeUndefined()
  })
})
