/**
 * The file itself: text and not something else, within the size limits, a header and data,
 * balanced quotes, a uniform number of cells, one kind of line break, and a byte-order mark only
 * where the encoding has one.
 *
 * @module
 */
import { cellAt, defineCsvRule, type CsvFileView } from './define.ts'
import { aboutCsv, advanced, choice, rfc4180 } from './sources.ts'

const TAGS = ['csv', 'file']
const at = (file: CsvFileView, row?: number, line?: number, column?: number) =>
  cellAt(file, { row: row ?? 1, line: line ?? row ?? 1 }, column)

export const isText = defineCsvRule({
  id: 'CSV-FILE-001',
  level: 'MUST',
  title: 'The file is CSV text, not a workbook, a PDF, an image or other binary data',
  profile: 'clearid',
  area: 'csv-file',
  tags: TAGS,
  needs: 'file',
  sources: [
    aboutCsv('synchronization reads CSV files (a header row and data rows)'),
    choice('a file whose first bytes are a binary signature or NUL is not read'),
  ],
  fix: 'Export the data as CSV text (in Excel: Save As "CSV UTF-8"), not as .xlsx, PDF or an archive.',
  observe: (ctx) => (event) => {
    if (
      event.type === 'problem' &&
      (event.problem.code === 'NOT_TEXT' || event.problem.code === 'OTHER_TEXT')
    ) {
      ctx.report({
        ...(event.problem.code === 'OTHER_TEXT' && { severity: 'error' }),
        message: `${event.file.name}: ${event.problem.message}`,
        location: at(event.file, event.problem.row, event.problem.line, event.problem.column),
      })
    }
    if (event.type === 'row' || event.type === 'header') {
      const nul = event.record.cells.findIndex((cell) => cell.includes('\u0000'))
      if (nul >= 0)
        ctx.report({
          message: `A cell holds a NUL character, which no text file has: the file is partly binary.`,
          location: cellAt(event.file, event.record, nul),
        })
    }
  },
})

export const withinLimits = defineCsvRule({
  id: 'CSV-FILE-002',
  level: 'MUST',
  title: 'The file and each of its rows are within the size limits',
  profile: 'clearid',
  area: 'csv-file',
  tags: TAGS,
  needs: 'file',
  sources: [
    choice(
      'options.maxFileBytes (512 MiB) and options.maxRecordChars (128,000): ClearID publishes no limit',
    ),
  ],
  fix: 'Split a file over options.maxFileBytes into several files sharing External IDs; a row over options.maxRecordChars usually means a wrong delimiter or a missing line break.',
  observe: (ctx) => (event) => {
    if (event.type !== 'problem') return
    const { problem, file } = event
    if (problem.code !== 'TOO_LARGE' && problem.code !== 'CSV_MAX_RECORD_SIZE') return
    ctx.report({
      message:
        problem.code === 'TOO_LARGE'
          ? `${file.name}: ${problem.message}`
          : `Row ${problem.row}: ${problem.message} Reading stopped here.`,
      location: at(file, problem.row, problem.line, problem.column),
    })
  },
})

export const headerAndData = defineCsvRule({
  id: 'CSV-FILE-003',
  level: 'MUST',
  title: 'The file has a header row and at least one data row',
  profile: 'clearid',
  area: 'csv-file',
  tags: TAGS,
  needs: 'file',
  sources: [aboutCsv('the CSV file must contain a header row and at least one row of data')],
  fix: 'Put the column names in the first row and at least one identity in the rows below it.',
  observe: (ctx) => {
    let header = false
    return (event) => {
      if (event.type === 'file') header = false
      if (event.type === 'header') header = true
      if (event.type !== 'fileEnd' || event.stopped) return
      if (!header)
        ctx.report({
          message: `${event.file.name} is empty: it has no header row.`,
          location: { file: event.file.name, row: 1 },
        })
      else if (event.dataRows === 0)
        ctx.report({
          message: `${event.file.name} has a header row but no data row.`,
          location: { file: event.file.name, row: 2 },
        })
    }
  },
})

export const balancedQuotes = defineCsvRule({
  id: 'CSV-FILE-004',
  level: 'MUST',
  title: 'Double quotes are balanced: quoted cells are closed and quotes inside a cell are doubled',
  profile: 'clearid',
  area: 'csv-file',
  tags: TAGS,
  needs: 'file',
  sources: [
    aboutCsv('dates and paths must be enclosed in double quotes'),
    rfc4180('2', 'a double quote inside a quoted field is escaped by another double quote'),
  ],
  fix: 'Enclose a cell that contains a double quote in double quotes and double the quote inside it ("O""Brien"); close every quote you open.',
  observe: (ctx) => (event) => {
    if (
      event.type === 'problem' &&
      event.problem.code.startsWith('CSV_') &&
      event.problem.code !== 'CSV_MAX_RECORD_SIZE'
    ) {
      const { problem } = event
      ctx.report({
        message: `Row ${problem.row}: ${problem.message}${problem.fatal ? ' Reading stopped here.' : ''}`,
        location: at(event.file, problem.row, problem.line, problem.column),
      })
    }
    if (event.type !== 'row' && event.type !== 'header') return
    const { cells, quoted } = event.record
    const width = event.file.plan?.header.length ?? cells.length
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? ''
      if (quoted[i] || !cell.includes('"')) continue
      // csv-parse keeps a quote that is not RFC 4180 as text (relax_quotes); a cell that starts
      // with one and a row with the wrong number of cells mean the quote ran over delimiters.
      const runOn = cell.startsWith('"') && cells.length !== width
      ctx.report({
        message: runOn
          ? `A double quote opens this cell but is not closed at its end: "${cell.slice(0, 60)}" ran over the delimiters after it. Close the quote before the delimiter, or double a quote that is part of the text.`
          : `A double quote inside a cell that is not in quotes: "${cell.slice(0, 60)}". Quote the cell and double the quote inside it.`,
        location: cellAt(event.file, event.record, i),
        actual: cell.slice(0, 200),
      })
    }
  },
})

export const uniformColumns = defineCsvRule({
  id: 'CSV-FILE-005',
  level: 'MUST',
  title: 'Every row has as many cells as the header',
  profile: 'clearid',
  area: 'csv-file',
  tags: TAGS,
  sources: [
    rfc4180('2', 'each line should contain the same number of fields throughout the file'),
    choice('a row with more or fewer cells than the header is reported, not guessed at'),
  ],
  fix: 'Give every row one cell per header column; quote cells that contain the delimiter.',
  observe: (ctx) => (event) => {
    if (event.type !== 'row' || !event.file.plan) return
    const expected = event.file.plan.header.length
    const got = event.record.cells.length
    if (got === expected) return
    ctx.report({
      message: `The row has ${got} cells, the header ${expected}: ${got > expected ? 'an unquoted delimiter inside a value splits it' : 'cells are missing'}.`,
      location: cellAt(event.file, event.record, Math.min(got, expected)),
      expected,
      actual: got,
    })
  },
})

export const oneLineBreak = defineCsvRule({
  id: 'CSV-FILE-006',
  level: 'SHOULD',
  title: 'Rows end with one kind of line break throughout (CRLF or LF, not both)',
  profile: 'clearid',
  area: 'csv-file',
  tags: TAGS,
  needs: 'file',
  sources: [
    rfc4180('2', 'each record is located on a separate line, delimited by a line break (CRLF)'),
    choice(
      'CRLF, LF and CR are all read as row ends; mixing them is reported as a sign of a file pieced together',
    ),
  ],
  fix: 'Write the file with one kind of line break (CRLF, as Windows tools do, or LF); a file assembled from several exports usually mixes them.',
  observe: (ctx) => (event) => {
    if (event.type !== 'fileEnd') return
    const { firstOdd, firstKind, crlf, lf, cr } = event.lineEndings
    if (!firstOdd || !firstKind) return
    ctx.report({
      message: `Line breaks are mixed: ${crlf} CRLF, ${lf} LF, ${cr} CR. The file starts with ${firstKind}; line ${firstOdd.line} ends with ${firstOdd.kind}.`,
      location: { file: event.file.name, row: firstOdd.line },
    })
  },
})

export const byteOrderMark = defineCsvRule({
  id: 'CSV-FILE-007',
  level: 'MUST',
  title: 'A byte-order mark only where the configured encoding has one (UTF-8)',
  profile: 'clearid',
  area: 'csv-file',
  tags: [...TAGS, 'encoding'],
  needs: 'file',
  sources: [
    advanced('the encoding is UTF-8 (default) or ISO-8859-1'),
    choice(
      'a UTF-8 BOM is accepted in a UTF-8 file; in an ISO-8859-1 file it would read as "ï»¿" before the first column name',
    ),
  ],
  fix: 'Save the file as UTF-8 (with or without BOM) or as ISO-8859-1 without a BOM, matching the advanced setting; UTF-16 ("Unicode text" in Excel) is not an option.',
  observe: (ctx) => (event) => {
    if (event.type !== 'problem' || event.problem.code !== 'BOM') return
    const { file, problem } = event
    const fine = problem.detail === 'UTF-8' && file.config.advanced.encoding === 'UTF-8'
    ctx.report({
      ...(fine && { severity: 'info' }),
      message: `${file.name}: ${problem.message}`,
      location: { file: file.name, row: 1, column: 1 },
    })
  },
})
