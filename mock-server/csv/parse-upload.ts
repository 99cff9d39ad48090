/**
 * Splits an uploaded file into its header and rows the way `csv check` does: the same start checks
 * (binary data, byte-order marks), the same decoding and the same csv-parse options
 * (`model/csv/reader.ts`), through csv-parse's runtime-neutral synchronous build (the app takes no
 * Node built-in). Each row goes to `onRow` as it is parsed; none is kept.
 *
 * @module
 */
import { parse, type Options } from 'csv-parse/browser/esm/sync'
import type { CsvConfig } from '../../model/csv/config.ts'
import { createDecoder, sniffBinary, sniffBom, sniffOtherText } from '../../model/csv/decode.ts'
import { csvParseOptions, type CsvParseProblem, type CsvRecord } from '../../model/csv/reader.ts'

export interface UploadProblem {
  readonly message: string
  readonly row?: number
  /** 0-based cell index. */
  readonly column?: number
  /** Nothing (more) was read. */
  readonly fatal: boolean
}

export interface UploadReader {
  header(record: CsvRecord): void
  row(record: CsvRecord): void
  problem(problem: UploadProblem): void
}

export function readUploadedCsv(bytes: Uint8Array, config: CsvConfig, reader: UploadReader): void {
  const binary = sniffBinary(bytes.subarray(0, 64 * 1024))
  if (binary) {
    reader.problem({
      fatal: true,
      message: `The file is ${binary.what}, not CSV text: it was not read.`,
    })
    return
  }
  const bom = sniffBom(bytes)
  if (bom && bom.bom !== 'UTF-8') {
    reader.problem({
      fatal: true,
      message: `The file is ${bom.bom} (it starts with that byte-order mark); ClearID reads UTF-8 or ISO-8859-1 only.`,
    })
    return
  }
  const text = createDecoder(config.advanced.encoding).decode(
    bytes.subarray(bom?.length ?? 0),
    true,
  )
  const other = sniffOtherText(text.slice(0, 400))
  if (other !== undefined) {
    reader.problem({
      fatal: true,
      row: 1,
      message: `The file looks like ${other}, not CSV: it was not read.`,
    })
    return
  }
  let stopped = false
  const options = csvParseOptions(config, {
    record: (record) => {
      if (stopped) return
      if (record.row === 1) reader.header(record)
      else reader.row(record)
    },
    problem: (problem: CsvParseProblem) => {
      if (stopped) return
      reader.problem({
        message: `Row ${problem.row}: ${problem.message}`,
        row: problem.row,
        ...(problem.column !== undefined && { column: problem.column }),
        fatal: problem.fatal,
      })
      if (problem.fatal) stopped = true
    },
  })
  try {
    parse(text, options as unknown as Options)
  } catch (error) {
    reader.problem({
      fatal: true,
      message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
}
