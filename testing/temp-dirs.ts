/**
 * Temporary folders for the tests of one file, removed after its last test, so test files that
 * write reports or sessions share one way of cleaning up.
 *
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/** Call at the top of a test file; each call of the returned function makes a new folder. */
export function tempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = []
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix))
    dirs.push(dir)
    return dir
  }
}
