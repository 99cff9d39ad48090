/**
 * The tool version from package.json, for reports and `--version`.
 *
 * @module
 */
import { readFileSync } from 'node:fs'

function readVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
    const version = (JSON.parse(text) as { version?: unknown }).version
    return typeof version === 'string' ? version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}

export const TOOL_VERSION = readVersion()
