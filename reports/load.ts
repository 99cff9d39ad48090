/**
 * Reading report and waiver files for the CLI: every failure becomes one message that names the
 * file and says what is wrong with it.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import type { ConformanceReport, Waiver } from './model.ts'
import { validateReport } from './validate.ts'
import { parseWaivers } from './waivers.ts'

export type Loaded<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string }

async function readJson(path: string, what: string): Promise<Loaded<unknown>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (error as Error).message
    return { ok: false, error: `cannot read ${what} ${path}: ${reason}` }
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown }
  } catch (error) {
    return { ok: false, error: `${what} ${path} is not valid JSON: ${(error as Error).message}` }
  }
}

export async function loadReportFile(path: string): Promise<Loaded<ConformanceReport>> {
  const json = await readJson(path, 'report')
  if (!json.ok) return json
  const version = (json.value as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version === 'string' && !version.startsWith('1.')) {
    return {
      ok: false,
      error: `report ${path} has schemaVersion ${version}; this tool reads 1.x reports`,
    }
  }
  const checked = validateReport(json.value)
  if (!checked.ok) {
    return {
      ok: false,
      error: `report ${path} is not a valid conformance report:\n  ${checked.errors.join('\n  ')}`,
    }
  }
  return { ok: true, value: checked.report }
}

/** `knownRuleIds`: the rule ids waivers may name; a waiver matching none of them is an error. */
export async function loadWaiverFile(
  path: string,
  knownRuleIds?: readonly string[],
): Promise<Loaded<readonly Waiver[]>> {
  const json = await readJson(path, 'waiver file')
  if (!json.ok) return json
  const parsed = parseWaivers(json.value, knownRuleIds)
  if (!parsed.ok)
    return { ok: false, error: `waiver file ${path} is invalid:\n  ${parsed.errors.join('\n  ')}` }
  return { ok: true, value: parsed.waivers }
}
