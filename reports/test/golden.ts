/**
 * Golden-file comparison: `expectGolden(name, text)` compares with `reports/__golden__/<name>`
 * exactly; `UPDATE_GOLDEN=1 npx vitest run reports` rewrites the files instead.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

const DIR = fileURLToPath(new URL('../__golden__/', import.meta.url))

export function expectGolden(name: string, actual: string): void {
  const path = join(DIR, name)
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(DIR, { recursive: true })
    writeFileSync(path, actual, 'utf8')
    return
  }
  if (!existsSync(path)) {
    throw new Error(
      `golden file ${path} is missing; create it with UPDATE_GOLDEN=1 npx vitest run reports`,
    )
  }
  expect(
    actual,
    `${path} differs; if the change is intended, run UPDATE_GOLDEN=1 npx vitest run reports`,
  ).toBe(readFileSync(path, 'utf8'))
}
