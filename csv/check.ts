/**
 * `checkCsvFiles`: judges CSV files against the CSV rules and previews what ClearID would make of
 * them. Files are read one after another, each as a stream (`read-file.ts`); the rules see them in
 * order, so rules across files (External IDs shared between files) work as a synchronization of
 * several files does.
 *
 * @module
 */
import type { CsvConfig } from '../model/csv/config.ts'
import type { RuleResult } from '../reports/model.ts'
import { CSV_RULES } from '../rules/csv/index.ts'
import type { CsvEvent, CsvRule } from '../rules/csv/define.ts'
import { PreviewCollector } from './preview.ts'
import { readCsvFile } from './read-file.ts'
import { CsvRuleRun } from './rule-results.ts'

export interface CsvCheckFile {
  /** Where to read it. */
  readonly path: string
  /** How findings name it (default: the path). */
  readonly name?: string
}

export interface CsvCheckOptions {
  readonly rules?: readonly CsvRule[]
  readonly preview?: PreviewCollector
  /** Called after each file (progress). */
  readonly onFile?: (name: string, dataRows: number) => void
}

export interface CsvCheckOutcome {
  readonly results: RuleResult[]
  readonly files: readonly {
    readonly name: string
    readonly bytes: number
    readonly dataRows: number
  }[]
  readonly preview: PreviewCollector
}

export async function checkCsvFiles(
  files: readonly CsvCheckFile[],
  config: CsvConfig,
  options: CsvCheckOptions = {},
): Promise<CsvCheckOutcome> {
  const run = new CsvRuleRun(options.rules ?? CSV_RULES)
  const preview = options.preview ?? new PreviewCollector()
  const read: { name: string; bytes: number; dataRows: number }[] = []
  for (const file of files) {
    const name = file.name ?? file.path
    let bytes = 0
    const emit = (event: CsvEvent) => {
      run.emit(event)
      if (event.type === 'file') bytes = event.file.bytes
      if (event.type === 'row') {
        preview.add(
          name,
          event.record.row,
          event.identity,
          event.mapped.credentials,
          event.mapped.credentialProblems.map((p) => p.message),
        )
      }
    }
    const { dataRows } = await readCsvFile(file.path, name, config, emit)
    read.push({ name, bytes, dataRows })
    options.onFile?.(name, dataRows)
  }
  run.emit({ type: 'end' })
  return { results: run.results(), files: read, preview }
}
