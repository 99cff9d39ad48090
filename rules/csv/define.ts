/**
 * `defineCsvRule`: a rule that judges a CSV file before ClearID's Cloud CSV synchronization reads
 * it. The checker (`csv/`) reads each file once, as a stream, and hands every rule the same events
 * in order: the file, its problems, the header, each row (mapped and turned into an identity), the
 * file's end, the end of all files. A rule keeps what it needs between events and reports findings
 * with their place; nothing is kept per row unless the rule needs it (External ID uniqueness).
 * The observer is wrapped so it never throws: an exception becomes an `info` finding.
 *
 * @module
 */
import type { CsvConfig } from '../../model/csv/config.ts'
import type { ColumnPlan, MappedRow } from '../../model/csv/mapping.ts'
import type { CsvRecord } from '../../model/csv/reader.ts'
import type { MappedIdentity } from '../../model/sync/mapped-identity.ts'
import type { FileLocation, Finding, RuleMeta } from '../../model/rule.ts'

/** A problem found before or while splitting the file into rows. */
export interface FileProblem {
  /**
   * `NOT_TEXT` (binary or another format), `OTHER_TEXT` (HTML, JSON…), `TOO_LARGE`, `UNREADABLE`,
   * `BOM` (a byte-order mark), or a csv-parse code (`CSV_QUOTE_NOT_CLOSED`, `CSV_MAX_RECORD_SIZE`).
   */
  readonly code: string
  readonly message: string
  readonly row?: number
  readonly line?: number
  /** 0-based cell index. */
  readonly column?: number
  /** Reading stopped: rows after it were not read. */
  readonly fatal: boolean
  /** For `BOM`: which mark. */
  readonly detail?: string
}

/** The file as the rules see it. */
export interface CsvFileView {
  /** As named on the command line. */
  readonly name: string
  readonly config: CsvConfig
  readonly bytes: number
  /** Set once the header is read. */
  plan?: ColumnPlan
}

/** Line breaks seen in one file (outside and inside quoted cells alike). */
export interface LineEndingCounts {
  crlf: number
  lf: number
  cr: number
  /** The first line whose break differs from the file's first break. */
  firstOdd?: { line: number; kind: 'CRLF' | 'LF' | 'CR' }
  firstKind?: 'CRLF' | 'LF' | 'CR'
}

export type CsvEvent =
  | { readonly type: 'file'; readonly file: CsvFileView }
  | { readonly type: 'problem'; readonly file: CsvFileView; readonly problem: FileProblem }
  | {
      readonly type: 'header'
      readonly file: CsvFileView
      readonly record: CsvRecord
      readonly plan: ColumnPlan
    }
  | {
      readonly type: 'row'
      readonly file: CsvFileView
      readonly record: CsvRecord
      readonly mapped: MappedRow
      readonly identity: MappedIdentity
    }
  | {
      readonly type: 'fileEnd'
      readonly file: CsvFileView
      readonly dataRows: number
      readonly lineEndings: LineEndingCounts
      /** Reading stopped early (a fatal problem): later rows were not judged. */
      readonly stopped: boolean
    }
  | { readonly type: 'end' }

export interface CsvFindingInput {
  /** Default: `error` for a MUST rule, `warning` otherwise. */
  readonly severity?: Finding['severity']
  readonly message: string
  readonly location?: FileLocation
  readonly expected?: unknown
  readonly actual?: unknown
}

export interface CsvRuleContext {
  report(finding: CsvFindingInput): void
  /** The rule's subject is absent (no credential mapping, no picture column): not applicable. */
  notApplicable(reason: string): void
}

export type CsvObserver = (event: CsvEvent) => void

export interface CsvRule extends RuleMeta {
  readonly side: 'file'
  /** `rows`: judged on data rows, so skipped when no file gave any. */
  readonly needs: 'file' | 'rows'
  /** A fresh observer per check run; never throws. */
  observe(ctx: CsvRuleContext): CsvObserver
}

export type CsvRuleSpec = Omit<CsvRule, 'side' | 'needs'> & { readonly needs?: 'file' | 'rows' }

export function defineCsvRule(spec: CsvRuleSpec): CsvRule {
  const { observe, needs = 'rows', ...meta } = spec
  return {
    ...meta,
    side: 'file',
    needs,
    observe(ctx) {
      let observer: CsvObserver | undefined
      let broken = false
      try {
        observer = observe(ctx)
      } catch (error) {
        broken = true
        ctx.report({ severity: 'info', message: `The check could not start: ${reason(error)}` })
      }
      return (event) => {
        if (broken || !observer) return
        try {
          observer(event)
        } catch (error) {
          // One report per rule: a bug that fails on every row must not fill the report.
          broken = true
          ctx.report({
            severity: 'info',
            message: `The check could not judge the file: ${reason(error)}`,
          })
        }
      }
    },
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** `people.csv row 12, column 3 "Email"`: how a finding names its place. */
export function describeLocation(location: FileLocation): string {
  const parts = [location.file]
  if (location.row !== undefined) {
    parts.push(
      `row ${location.row}${location.line !== undefined && location.line !== location.row ? ` (line ${location.line})` : ''}`,
    )
  }
  if (location.column !== undefined) {
    parts.push(
      `column ${location.column}${location.columnName !== undefined ? ` "${location.columnName.slice(0, 40)}"` : ''}`,
    )
  }
  return parts.join(', ')
}

/** The place of cell `index` (0-based) of `record` in `file`. */
export function cellAt(
  file: CsvFileView,
  record: Pick<CsvRecord, 'row' | 'line'>,
  index?: number,
): FileLocation {
  const name = index === undefined ? undefined : file.plan?.header[index]
  return {
    file: file.name,
    row: record.row,
    ...(record.line !== record.row && { line: record.line }),
    ...(index !== undefined && { column: index + 1 }),
    ...(name !== undefined && { columnName: name }),
  }
}
