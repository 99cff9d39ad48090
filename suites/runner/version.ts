/**
 * The tool version from package.json, for reports and `--version`.
 *
 * @module
 */
import { readFileSync } from 'node:fs'

/** The source tree has package.json two folders up; the built one (`dist/suites/runner`), three. */
const CANDIDATES = ['../../package.json', '../../../package.json']

function readVersion(): string {
  for (const candidate of CANDIDATES) {
    try {
      const text = readFileSync(new URL(candidate, import.meta.url), 'utf8')
      const pkg = JSON.parse(text) as { name?: unknown; version?: unknown }
      if (pkg.name === 'clearid-conformance' && typeof pkg.version === 'string') return pkg.version
    } catch {
      // Not at this level; try the next.
    }
  }
  return '0.0.0'
}

export const TOOL_VERSION = readVersion()
