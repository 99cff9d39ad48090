/**
 * One measurement of the CSV bench in a process of its own, so its peak memory is its own:
 * `node --expose-gc --import tsx bench/csv-worker.ts <check|parse|whole|idle> FILE` prints
 * `{seconds, maxRssMiB, liveMiB, rows}`: `liveMiB` is the most heap still in use (after a full
 * collection, every 250 ms and at the end, before the records are let go) above the start.
 * `check`: csv check's engine with the fixture configuration; `parse`: csv-parse alone, streamed,
 * same options; `whole`: the file read into memory and parsed with every record kept; `idle`:
 * the modules loaded, nothing read (what the others are measured against).
 *
 * @module
 */
import { createReadStream, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { parse } from 'csv-parse'
import { parse as parseWhole } from 'csv-parse/sync'
import { checkCsvFiles } from '../csv/check.ts'
import { CSV_FIXTURE_CONFIG } from '../fixtures/csv-files.ts'
import { DEFAULT_CSV_CONFIG } from '../model/csv/config.ts'
import { parseCsvConfig } from '../model/csv/parse-config.ts'
import { csvParseOptions } from '../model/csv/reader.ts'

const [mode = 'idle', path = ''] = process.argv.slice(2)

async function parseOnly(): Promise<number> {
  let records = 0
  const options = csvParseOptions(DEFAULT_CSV_CONFIG, {
    record: () => records++,
    problem: () => undefined,
  })
  const parser = parse(options as unknown as Parameters<typeof parse>[0])
  parser.resume()
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 }))
    if (!parser.write(chunk)) await once(parser, 'drain')
  parser.end()
  await once(parser, 'end')
  return records
}

async function measure(): Promise<number> {
  if (mode === 'check') {
    const config = parseCsvConfig(CSV_FIXTURE_CONFIG).config
    if (!config) throw new Error('the fixture configuration does not read')
    const outcome = await checkCsvFiles([{ path, name: 'bench.csv' }], config)
    const failed = outcome.results.filter((r) => r.status === 'failed')
    if (failed.length > 0)
      throw new Error(`rules failed: ${failed.map((r) => r.ruleId).join(', ')}`)
    return outcome.preview.totals.identities
  }
  if (mode === 'parse') return parseOnly()
  if (mode === 'whole') {
    const records = parseWhole(readFileSync(path, 'utf8'), { relax_quotes: true })
    sample()
    return records.length - 1
  }
  return 0
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)
gc()
const base = process.memoryUsage().heapUsed
let live = 0
function sample(): void {
  gc()
  live = Math.max(live, process.memoryUsage().heapUsed - base)
}
const timer = setInterval(sample, 250)
const started = performance.now()
const rows = await measure()
const seconds = (performance.now() - started) / 1000
clearInterval(timer)
const maxRssMiB = process.resourceUsage().maxRSS / 1024
const liveMiB = live / 1024 / 1024
process.stdout.write(`${JSON.stringify({ seconds, maxRssMiB, liveMiB, rows })}\n`)
