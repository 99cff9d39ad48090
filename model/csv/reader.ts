/**
 * The options that make csv-parse read a file the way ClearID's Cloud CSV reads it, with hooks that
 * hand each record to a sink as it is parsed (nothing is kept): its cells, which cells were in
 * double quotes, and the line it starts on. Parse problems (an unclosed quote, a record over the
 * size limit) go to the same sink with their line and column. The checker runs these options
 * through csv-parse's Node stream, the mock through its synchronous entry: the same library and
 * options, so both read a file alike.
 *
 * Choices (docs/cloud-csv.md): quotes are RFC 4180 double quotes; a quote inside an unquoted cell
 * is kept as text and reported (not fatal), so one stray quote does not swallow the rest of the
 * file; records end at CRLF, LF or CR, mixed (reported by the line-ending rule); empty lines are
 * skipped; rows may have a different number of cells than the header (reported per row).
 *
 * @module
 */
import { delimiterOf, type CsvConfig } from './config.ts'

export interface CsvRecord {
  /** 1 for the header, 2 for the first data row, …: the record number. */
  readonly row: number
  /** Physical line the record starts on (differs from `row` after quoted line breaks). */
  readonly line: number
  readonly cells: readonly string[]
  /** Per cell: it was in double quotes. */
  readonly quoted: readonly boolean[]
}

export interface CsvParseProblem {
  readonly code: string
  readonly row: number
  readonly line: number
  /** 0-based cell index, when known. */
  readonly column?: number
  readonly message: string
  /** Reading stopped here: nothing after it was read. */
  readonly fatal: boolean
}

export interface CsvSink {
  record(record: CsvRecord): void
  problem(problem: CsvParseProblem): void
}

interface RecordContext {
  /** The line the record ends on. */
  readonly lines: number
}

/** What `on_record` gets with `raw: true`: the cells and the record as written. */
interface RawRecord {
  readonly record: string[]
  readonly raw: string
}

interface SkipError {
  readonly code?: string
  readonly message?: string
  readonly lines?: number
  readonly column?: number | string
}

/** csv-parse options (the subset used), typed here so the model does not depend on the package. */
export interface CsvParseOptions {
  readonly delimiter: string
  readonly quote: string
  readonly escape: string
  readonly record_delimiter: string[]
  readonly relax_quotes: boolean
  readonly relax_column_count: boolean
  readonly skip_empty_lines: boolean
  readonly skip_records_with_error: boolean
  readonly max_record_size: number
  readonly bom: boolean
  readonly raw: boolean
  readonly on_record: (record: RawRecord, context: RecordContext) => null
  readonly on_skip: (error: SkipError | undefined) => undefined
}

/**
 * Which cells of a record were in double quotes, found by laying the parsed cells over the record
 * as written: a quoted cell is written as `"` + its value with quotes doubled + `"`. csv-parse
 * tells this per cell only through its `cast` hook, which costs ten times the parse (it builds a
 * context object per cell); this costs a string comparison per cell. Where a cell is not written
 * either way (a quote csv-parse kept as text, `relax_quotes`), it and the cells after it count as
 * not quoted, so a quote in them is reported as stray.
 */
export function quotedCells(cells: readonly string[], raw: string, delimiter: string): boolean[] {
  const quoted = new Array<boolean>(cells.length).fill(false)
  if (!raw.includes('"')) return quoted
  let at = 0
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i] ?? ''
    if (raw.charCodeAt(at) === 34) {
      const written = `"${value.replace(/"/g, '""')}"`
      if (raw.startsWith(written, at)) {
        quoted[i] = true
        at += written.length + delimiter.length
        continue
      }
    }
    if (!raw.startsWith(value, at)) break
    at += value.length + delimiter.length
  }
  return quoted
}

/** Line breaks inside a record (in quoted cells), not counting the one that ends it. */
function breaksWithin(raw: string): number {
  const body = raw.replace(/(\r\n|\n|\r)$/, '')
  return body.match(/\r\n|\n|\r/g)?.length ?? 0
}

const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED:
    'a double quote opens a cell here and is never closed: everything after it was read as one cell. Close the quote, or double a quote that is part of the text ("").',
  CSV_MAX_RECORD_SIZE:
    'the row is longer than options.maxRecordChars characters: a wrong delimiter, a missing line break or a binary file makes one endless row.',
  CSV_INVALID_CLOSING_QUOTE: 'a closing double quote is followed by text instead of a delimiter.',
}

/**
 * The options for one file, wired to `sink`. One options object per file: it keeps the position
 * of the record being read.
 */
export function csvParseOptions(config: CsvConfig, sink: CsvSink): CsvParseOptions {
  const delimiter = delimiterOf(config)
  let row = 0
  let lastLine = 0
  let fatal = false
  return {
    delimiter,
    quote: '"',
    escape: '"',
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: config.options.maxRecordChars,
    // The reader removes a BOM itself (the checker reports it first).
    bom: false,
    raw: true,
    on_record({ record, raw: written }, context) {
      if (fatal) return null
      row += 1
      lastLine = context.lines
      // The raw text keeps the empty lines skipped before the record: not part of it.
      const raw = written.replace(/^(?:\r\n|\n|\r)+/, '')
      sink.record({
        row,
        line: context.lines - breaksWithin(raw),
        cells: record,
        quoted: quotedCells(record, raw, delimiter),
      })
      return null
    },
    on_skip(error) {
      const code = error?.code ?? 'CSV_ERROR'
      const column = typeof error?.column === 'number' ? error.column : undefined
      const stops = code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE'
      if (fatal) return undefined
      fatal = stops
      sink.problem({
        code,
        row: row + 1,
        line: Math.min(lastLine + 1, error?.lines ?? lastLine + 1),
        ...(column !== undefined && { column }),
        message: MESSAGES[code] ?? error?.message ?? 'the row could not be read.',
        fatal: stops,
      })
      return undefined
    },
  }
}
