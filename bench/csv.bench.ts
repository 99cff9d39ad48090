/**
 * Cloud CSV check benchmark: `csv check`'s engine (every CSV rule, the preview) over a seeded
 * export of 100,000 rows (about 25 MB), against a baseline measured in the same run: csv-parse
 * alone reading the same file with the same options (no mapping, no rules). Also 10,000 rows, to
 * show that memory does not grow with the file: the file is streamed, and what grows is only the
 * set of External IDs the uniqueness rules keep.
 *
 * `npm run bench csv`, or `tsx bench/csv.bench.ts`. `BENCH_CSV_ROWS` overrides 100,000.
 *
 * @module
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'csv-parse'
import { checkCsvFiles } from '../csv/check.ts'
import {
  CSV_FIXTURE_COLUMNS,
  CSV_FIXTURE_CONFIG,
  csvFixtureRows,
  csvText,
} from '../fixtures/csv-files.ts'
import { DEFAULT_CSV_CONFIG } from '../model/csv/config.ts'
import { parseCsvConfig } from '../model/csv/parse-config.ts'
import { csvParseOptions } from '../model/csv/reader.ts'

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000)
const TARGET_S = 10

async function writeExport(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  const slice = 2000
  for (let start = 0; start < rows; start += slice) {
    const text = csvText(
      csvFixtureRows(start + 1, Math.min(slice, rows - start), 'hr-', start),
      CSV_FIXTURE_COLUMNS,
    )
    // The header once, at the top.
    const body = start === 0 ? text : text.slice(text.indexOf('\r\n') + 2)
    if (!out.write(body)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/** Peak heap above the starting point while `work` runs, sampled every 20 ms. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakMiB: number }> {
  globalThis.gc?.()
  const base = process.memoryUsage().heapUsed
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20)
  const started = performance.now()
  const value = await work()
  const seconds = (performance.now() - started) / 1000
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().heapUsed)
  return { value, seconds, peakMiB: (peak - base) / 1024 / 1024 }
}

async function parseOnly(path: string): Promise<number> {
  let records = 0
  const parser = parse(
    csvParseOptions(DEFAULT_CSV_CONFIG, {
      record: () => records++,
      problem: () => undefined,
    }) as unknown as Parameters<typeof parse>[0],
  )
  parser.resume()
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 })
  for await (const chunk of input) if (!parser.write(chunk)) await once(parser, 'drain')
  parser.end()
  await once(parser, 'end')
  return records
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'csv-bench-'))
  const config = parseCsvConfig(CSV_FIXTURE_CONFIG).config
  if (!config) throw new Error('the fixture configuration does not read')
  try {
    for (const rows of [Math.round(ROWS / 10), ROWS]) {
      const path = join(dir, `hr-${rows}.csv`)
      await writeExport(path, rows)
      const mb = statSync(path).size / 1024 / 1024
      const baseline = await measured(() => parseOnly(path))
      const checked = await measured(() =>
        checkCsvFiles([{ path, name: `hr-${rows}.csv` }], config),
      )
      const failed = checked.value.results.filter((r) => r.status === 'failed').map((r) => r.ruleId)
      const { totals } = checked.value.preview
      console.log(
        `csv check, ${rows.toLocaleString('en-US')} rows (${mb.toFixed(1)} MB): ${checked.seconds.toFixed(2)} s ` +
          `(${Math.round(rows / checked.seconds).toLocaleString('en-US')} rows/s; ${(checked.seconds / TARGET_S).toFixed(2)}× the ${TARGET_S} s target), ` +
          `peak heap +${checked.peakMiB.toFixed(1)} MiB; csv-parse alone ${baseline.seconds.toFixed(2)} s, +${baseline.peakMiB.toFixed(1)} MiB ` +
          `→ ${(checked.seconds / baseline.seconds).toFixed(1)}× the parse; ${totals.identities.toLocaleString('en-US')} identities, ${totals.credentials.toLocaleString('en-US')} credentials previewed` +
          (failed.length > 0 ? `; FAILED ${failed.join(', ')}` : ''),
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) await run()
