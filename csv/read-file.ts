/**
 * Reads one CSV file as a stream and turns it into the events the rules observe: the file, its
 * problems, the header (with the column plan), each row (mapped, as an identity), the end. Nothing
 * of the file is kept: each chunk is decoded, split into records by csv-parse and handed on, so a
 * file of any size is read in the memory of one chunk and one row. A file over
 * `options.maxFileBytes` is refused before it is opened.
 *
 * @module
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { once } from 'node:events'
import { parse } from 'csv-parse'
import { delimiterOf, type CsvConfig } from '../model/csv/config.ts'
import { createDecoder, sniffBinary, sniffBom, sniffOtherText } from '../model/csv/decode.ts'
import { mapRow, planColumns } from '../model/csv/mapping.ts'
import { csvParseOptions, type CsvRecord } from '../model/csv/reader.ts'
import { rowIdentity } from '../model/csv/row-identity.ts'
import type { CsvEvent, CsvFileView, FileProblem } from '../rules/csv/define.ts'
import { LineEndingCounter } from './line-endings.ts'

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024

export class CsvFileError extends Error {
  override readonly name = 'CsvFileError'
}

/** The file's size, or a usage error naming what is wrong (missing, a folder). */
export async function fileSize(path: string): Promise<number> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CsvFileError(
      code === 'ENOENT'
        ? `${path}: no such file.`
        : `${path}: cannot be read (${code ?? String(error)}).`,
    )
  }
  if (!info.isFile()) throw new CsvFileError(`${path}: not a file.`)
  return info.size
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/**
 * Emits the events of one file. `path` is opened; `name` is how findings name it. Never throws for
 * the file's content: every problem is an event.
 */
export async function readCsvFile(
  path: string,
  name: string,
  config: CsvConfig,
  emit: (event: CsvEvent) => void,
): Promise<{ dataRows: number }> {
  const bytes = await fileSize(path)
  const file: CsvFileView = { name, config, bytes }
  emit({ type: 'file', file })
  const problem = (p: FileProblem) => emit({ type: 'problem', file, problem: p })
  const lineEndings = new LineEndingCounter()
  let dataRows = 0
  let stopped = false
  const end = () =>
    emit({ type: 'fileEnd', file, dataRows, lineEndings: lineEndings.end(), stopped })

  if (bytes > config.options.maxFileBytes) {
    problem({
      code: 'TOO_LARGE',
      fatal: true,
      message: `the file is ${mib(bytes)}, over the limit of ${mib(config.options.maxFileBytes)} (options.maxFileBytes): it was not read. Split it into several files sharing External IDs, or raise the limit.`,
    })
    stopped = true
    end()
    return { dataRows }
  }

  const onRecord = (record: CsvRecord) => {
    if (stopped) return
    if (record.row === 1) {
      const plan = planColumns(config, record.cells)
      file.plan = plan
      emit({ type: 'header', file, record, plan })
      return
    }
    if (!file.plan) return
    dataRows++
    const mapped = mapRow(file.plan, record.cells, config)
    emit({ type: 'row', file, record, mapped, identity: rowIdentity(mapped, config) })
  }
  const parser = parse(
    csvParseOptions(config, {
      record: onRecord,
      problem: (p) => {
        if (stopped) return
        problem(p)
        if (p.fatal) stopped = true
      },
    }) as unknown as Parameters<typeof parse>[0],
  )
  parser.resume()
  const failed = once(parser, 'error').then(([error]: unknown[]) => error)
  const decoder = createDecoder(config.advanced.encoding)
  let first = true
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytesIn: Uint8Array = chunk
      if (first) {
        first = false
        const start = startOf(bytesIn, config)
        for (const p of start.problems) problem(p)
        if (start.stop) {
          stopped = true
          break
        }
        bytesIn = bytesIn.subarray(start.skip)
        const text = decoder.decode(bytesIn)
        const other = sniffOtherText(text)
        if (other !== undefined) {
          problem({
            code: 'OTHER_TEXT',
            fatal: true,
            row: 1,
            message: `the file looks like ${other}, not CSV: it was not read further.`,
          })
          stopped = true
          break
        }
        lineEndings.scan(text)
        if (!parser.write(text)) await once(parser, 'drain')
        continue
      }
      const text = decoder.decode(bytesIn)
      lineEndings.scan(text)
      if (stopped) break
      if (!parser.write(text)) await once(parser, 'drain')
    }
    if (!stopped || first) {
      const rest = decoder.decode(new Uint8Array(0), true)
      lineEndings.scan(rest)
      parser.end(rest)
      await Promise.race([once(parser, 'end'), failed.then((e) => Promise.reject(e))])
    }
  } catch (error) {
    problem({
      code: 'UNREADABLE',
      fatal: true,
      message: `reading stopped: ${error instanceof Error ? error.message : String(error)}`,
    })
    stopped = true
  } finally {
    stream.destroy()
    parser.destroy()
  }
  end()
  return { dataRows }
}

/** What the first bytes say: a file that is not text stops here; a BOM is reported and skipped. */
function startOf(
  bytes: Uint8Array,
  config: CsvConfig,
): { problems: FileProblem[]; stop: boolean; skip: number } {
  const binary = sniffBinary(bytes)
  if (binary) {
    const place = placeOf(bytes, binary.offset, config)
    return {
      problems: [
        {
          code: 'NOT_TEXT',
          fatal: true,
          ...place,
          message: `the file is ${binary.what} (byte ${binary.offset}), not CSV text: it was not read.`,
        },
      ],
      stop: true,
      skip: 0,
    }
  }
  const bom = sniffBom(bytes)
  if (!bom) return { problems: [], stop: false, skip: 0 }
  if (bom.bom !== 'UTF-8') {
    return {
      problems: [
        {
          code: 'BOM',
          detail: bom.bom,
          fatal: true,
          row: 1,
          message: `the file is ${bom.bom} (it starts with that byte-order mark); ClearID reads UTF-8 or ISO-8859-1 only: it was not read.`,
        },
      ],
      stop: true,
      skip: 0,
    }
  }
  const latin1 = config.advanced.encoding === 'ISO-8859-1'
  return {
    problems: [
      {
        code: 'BOM',
        detail: 'UTF-8',
        fatal: false,
        row: 1,
        message: latin1
          ? 'the file starts with a UTF-8 byte-order mark, but the configuration reads ISO-8859-1: ClearID would read it as "ï»¿" before the first column name. The file is UTF-8: set advanced.encoding to UTF-8.'
          : 'the file starts with a UTF-8 byte-order mark, which UTF-8 allows; it is not part of the first column name.',
      },
    ],
    stop: false,
    skip: bom.length,
  }
}

/** Row and cell of a byte in the first chunk, counting line breaks and delimiters before it. */
function placeOf(
  bytes: Uint8Array,
  offset: number,
  config: CsvConfig,
): { row: number; column: number } {
  const delimiter = delimiterOf(config).charCodeAt(0)
  let row = 1
  let column = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      row++
      column = 0
    } else if (bytes[i] === delimiter) column++
  }
  return { row, column }
}
