/**
 * Cloud CSV check benchmark: `csv check`'s engine (every CSV rule, the preview) over a seeded
 * export of 100,000 rows (about 18 MB), against baselines measured in the same run: csv-parse
 * alone streaming the same file with the same options (no mapping, no rules), and the same file
 * read whole and parsed with every record kept (what streaming avoids). Each measurement runs in
 * a process of its own (`csv-worker.ts`): its live heap (after full collections) and its peak
 * resident memory less that of a process that only loads the modules. 10,000 and 100,000 rows show
 * how they grow with the file: streamed, only the External IDs the uniqueness rules keep grow.
 *
 * `npm run bench csv`, or `tsx bench/csv.bench.ts`. `BENCH_CSV_ROWS` overrides 100,000.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { CSV_FIXTURE_COLUMNS, csvFixtureRows, csvText } from '../fixtures/csv-files.ts'

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000)
const TARGET_S = 10
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'csv-worker.ts')

async function writeExport(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  const slice = 2000
  for (let first = 0; first < rows; first += slice) {
    const count = Math.min(slice, rows - first)
    const text = csvText(csvFixtureRows(first + 1, count, 'hr-', first), CSV_FIXTURE_COLUMNS)
    // The header once, at the top.
    const body = first === 0 ? text : text.slice(text.indexOf('\r\n') + 2)
    if (!out.write(body)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

interface Measured {
  readonly seconds: number
  readonly maxRssMiB: number
  readonly liveMiB: number
  readonly rows: number
}

function worker(mode: string, path = ''): Measured {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', WORKER, mode, path],
    {
      encoding: 'utf8',
    },
  )
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measured
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'csv-bench-'))
  try {
    const idle = worker('idle')
    for (const rows of [Math.round(ROWS / 10), ROWS]) {
      const path = join(dir, `hr-${rows}.csv`)
      await writeExport(path, rows)
      const mb = statSync(path).size / 1024 / 1024
      const parse = worker('parse', path)
      const check = worker('check', path)
      const whole = worker('whole', path)
      const mem = (m: Measured) =>
        `live heap +${m.liveMiB.toFixed(1)} MiB, peak RSS +${Math.max(0, m.maxRssMiB - idle.maxRssMiB).toFixed(0)} MiB`
      console.log(
        `csv check, ${rows.toLocaleString('en-US')} rows (${mb.toFixed(1)} MB): ${check.seconds.toFixed(2)} s ` +
          `(${Math.round(rows / check.seconds).toLocaleString('en-US')} rows/s, ${(check.seconds / TARGET_S).toFixed(2)}× the ${TARGET_S} s target), ${mem(check)}; ` +
          `csv-parse alone ${parse.seconds.toFixed(2)} s, ${mem(parse)} (check ${(check.seconds / parse.seconds).toFixed(1)}× its time); ` +
          `the file read whole ${whole.seconds.toFixed(2)} s, ${mem(whole)}; ${check.rows.toLocaleString('en-US')} identities previewed`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) await run()
