/**
 * The advanced settings as the file actually is: the configured encoding and the configured
 * delimiter. A Latin-1 file read as UTF-8, a UTF-8 file read as ISO-8859-1 and a semicolon file
 * configured as comma are each named with the row and column where they show.
 *
 * @module
 */
import {
  CSV_DELIMITERS,
  DELIMITER_NAMES,
  delimiterOf,
  type DelimiterName,
} from '../../model/csv/config.ts'
import { cellAt, defineCsvRule } from './define.ts'
import { advanced } from './sources.ts'

/** UTF-8's two-byte sequences (é is C3 A9) read one byte at a time, as ISO-8859-1 does: "Ã©". */
const UTF8_AS_LATIN1 = /[\u00c2-\u00f4][\u0080-\u00bf]/
/** C1 control characters: in ISO-8859-1 no text has them; Windows-1252 puts € and „ there. */
const C1_CONTROLS = /[\u0080-\u009f]/

export const configuredEncoding = defineCsvRule({
  id: 'CSV-FORMAT-001',
  level: 'MUST',
  title: 'The file is in the configured encoding (UTF-8 or ISO-8859-1)',
  profile: 'clearid',
  area: 'csv-format',
  tags: ['csv', 'encoding'],
  needs: 'file',
  sources: [advanced('encoding: UTF-8 (default) or ISO-8859-1')],
  fix: 'Save the file in the encoding the configuration names, or change advanced.encoding to the file\'s encoding (Excel\'s "CSV UTF-8" is UTF-8; its plain "CSV" on a Western Windows is Windows-1252, close to ISO-8859-1).',
  observe: (ctx) => {
    return (event) => {
      if (event.type !== 'row' && event.type !== 'header') return
      const { cells } = event.record
      const encoding = event.file.config.advanced.encoding
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i] ?? ''
        let message: string | undefined
        let severity: 'error' | 'warning' = 'error'
        if (encoding === 'UTF-8' && cell.includes('\ufffd')) {
          message = `Bytes that are not UTF-8 ("${cell.slice(0, 60)}"): the file looks like ISO-8859-1 or Windows-1252 (Latin-1). Set advanced.encoding to ISO-8859-1 or save the file as UTF-8.`
        } else if (encoding === 'ISO-8859-1' && UTF8_AS_LATIN1.test(cell)) {
          message = `"${cell.slice(0, 60)}" reads as UTF-8 read byte by byte (ü in UTF-8 reads "Ã¼" as ISO-8859-1): the file looks like UTF-8. Set advanced.encoding to UTF-8.`
        } else if (encoding === 'ISO-8859-1' && C1_CONTROLS.test(cell)) {
          severity = 'warning'
          message = `A byte 0x80–0x9F ("${cell.slice(0, 60)}") is a control character in ISO-8859-1; in Windows-1252 it is a character such as € or „. ClearID reads ISO-8859-1, so that character is lost.`
        }
        if (message !== undefined)
          ctx.report({ severity, message, location: cellAt(event.file, event.record, i) })
      }
    }
  },
})

/** Delimiters other than the configured one that split `text` into more cells than it does. */
function betterDelimiter(
  text: string,
  configured: DelimiterName,
): { name: DelimiterName; cells: number } | undefined {
  let best: { name: DelimiterName; cells: number } | undefined
  for (const name of DELIMITER_NAMES) {
    if (name === configured || name === 'space') continue
    const cells = text.split(CSV_DELIMITERS[name]).length
    if (cells > 1 && cells > (best?.cells ?? 1)) best = { name, cells }
  }
  return best
}

export const configuredDelimiter = defineCsvRule({
  id: 'CSV-FORMAT-002',
  level: 'MUST',
  title: 'The file uses the configured delimiter',
  profile: 'clearid',
  area: 'csv-format',
  tags: ['csv', 'delimiter'],
  needs: 'file',
  sources: [advanced('delimiter: comma (default), semicolon, colon, space, tab or pipe')],
  fix: 'Set advanced.delimiter to the character the file separates cells with, or export the file with the configured one (a German Excel writes semicolons).',
  observe: (ctx) => {
    let misread = false
    return (event) => {
      if (event.type === 'file') misread = false
      if (event.type === 'header') {
        const { cells } = event.record
        const configured = event.file.config.advanced.delimiter
        if (cells.length !== 1) return
        const better = betterDelimiter(cells[0] ?? '', configured)
        if (!better) return
        misread = true
        ctx.report({
          message: `The header reads as one column with the configured delimiter ${configured} ("${delimiterOf(event.file.config).replace('\t', '\\t')}"), but splits into ${better.cells} columns on ${better.name} ("${CSV_DELIMITERS[better.name].replace('\t', '\\t')}"): the file is ${better.name}-separated.`,
          location: cellAt(event.file, event.record, 0),
          expected: configured,
          actual: better.name,
        })
      }
      if (
        event.type === 'row' &&
        !misread &&
        event.file.plan &&
        event.file.plan.header.length > 1
      ) {
        // A data row that is one cell while the header has several: this row uses another delimiter.
        const { cells } = event.record
        if (cells.length !== 1) return
        const better = betterDelimiter(cells[0] ?? '', event.file.config.advanced.delimiter)
        if (better && better.cells === event.file.plan.header.length)
          ctx.report({
            message: `The row is one cell with the configured delimiter but splits into ${better.cells} cells on ${better.name}, as many as the header has.`,
            location: cellAt(event.file, event.record, 0),
          })
      }
    }
  },
})
