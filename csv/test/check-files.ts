/**
 * Test helpers: write CSV files into a fresh temporary folder and check them, returning the results
 * by rule id. Every test makes its own files from the seeded fixtures (fixtures/csv-files.ts).
 *
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import {
  CSV_FIXTURE_COLUMNS,
  CSV_FIXTURE_CONFIG,
  csvFixtureRows,
  csvText,
  type CsvFixtureRow,
  type CsvTextOptions,
} from '../../fixtures/csv-files.ts'
import type { CsvConfig } from '../../model/csv/config.ts'
import { parseCsvConfig } from '../../model/csv/parse-config.ts'
import type { RuleResult } from '../../reports/model.ts'
import { checkCsvFiles, type CsvCheckOutcome } from '../check.ts'

const dir = mkdtempSync(join(tmpdir(), 'csv-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let counter = 0

/** A fresh path ending in `name` (its own folder, so the base name is `name`). */
export function tempPath(name: string): string {
  const folder = join(dir, String(++counter))
  // recursive: test files share this module (unit tests run without isolation), and the first
  // file's afterAll may already have removed the folder.
  mkdirSync(folder, { recursive: true })
  return join(folder, name)
}

/** The fixture configuration, changed by `change` (plain JSON, as a file holds it). */
export function fixtureConfig(
  change: (json: Record<string, unknown>) => void = () => undefined,
): CsvConfig {
  const json = JSON.parse(JSON.stringify(CSV_FIXTURE_CONFIG)) as Record<string, unknown>
  change(json)
  const reading = parseCsvConfig(json)
  if (!reading.config) throw new Error(JSON.stringify(reading.problems))
  return reading.config
}

/** Seeded valid rows (seed 17), each changed by `change` when given. */
export function rows(
  count = 12,
  change?: (row: CsvFixtureRow, index: number) => void,
  prefix = 'hr-',
): CsvFixtureRow[] {
  const out = csvFixtureRows(17, count, prefix)
  if (change) out.forEach(change)
  return out
}

export function text(
  data: readonly CsvFixtureRow[],
  options?: CsvTextOptions,
  columns: readonly string[] = CSV_FIXTURE_COLUMNS,
): string {
  return csvText(data, columns, options)
}

export interface Checked extends CsvCheckOutcome {
  readonly byId: ReadonlyMap<string, RuleResult>
  result(id: string): RuleResult
}

/** Writes each file and checks them together. */
export async function check(
  files: readonly { name: string; content: string | Uint8Array }[],
  config: CsvConfig = fixtureConfig(),
): Promise<Checked> {
  const written = files.map((file) => {
    const path = tempPath(file.name)
    writeFileSync(path, file.content)
    return { path, name: file.name }
  })
  const outcome = await checkCsvFiles(written, config)
  const byId = new Map(outcome.results.map((r) => [r.ruleId, r]))
  return {
    ...outcome,
    byId,
    result(id) {
      const found = byId.get(id)
      if (!found) throw new Error(`no result for ${id}`)
      return found
    },
  }
}
