/**
 * Holds the unit tier to its promise (vitest.config.ts): a test file that opens a port, starts a
 * process or patches the global fetch must be named `*.int.test.ts` (or live where the integration
 * tier looks), because the unit tier shares workers between files and must stay fast.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SKIP = new Set(['node_modules', 'dist', 'out', 'coverage', 'conformance-reports', '.git'])
/** What the unit tier may not do, as it reads in a test's source. */
const OUTSIDE_UNIT =
  /\b(startServer|createServer|spawn|execFile|fork|setupServer|launch)\(|\.listen\(|from 'node:(http|https|net|child_process)'/

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return []
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return testFiles(path)
    return name.endsWith('.test.ts') ? [relative(ROOT, path).split('\\').join('/')] : []
  })
}

/** The unit tier: every test file that no other tier claims (vitest.config.ts). */
function isUnit(file: string): boolean {
  return !(
    file.endsWith('.int.test.ts') ||
    file.endsWith('.browser.test.ts') ||
    file.startsWith('testing/package/') ||
    file.startsWith('msw/') ||
    file.startsWith('examples/') ||
    file.startsWith('sensitivity/') ||
    file.startsWith('suites/sensitivity')
  )
}

describe('the unit tier', () => {
  it('opens no port, starts no process and patches no global fetch', () => {
    const offenders = testFiles(ROOT)
      .filter((file) => isUnit(file) && file !== 'testing/tiers.test.ts')
      .filter((file) => OUTSIDE_UNIT.test(readFileSync(join(ROOT, file), 'utf8')))
    expect(offenders, 'rename them to *.int.test.ts').toEqual([])
  })

  it('can fail: the integration tests it leaves out would be caught', () => {
    const integration = testFiles(ROOT).filter((f) => f.endsWith('.int.test.ts'))
    const caught = integration.filter((f) => OUTSIDE_UNIT.test(readFileSync(join(ROOT, f), 'utf8')))
    expect(caught.length).toBeGreaterThan(10)
  })
})
