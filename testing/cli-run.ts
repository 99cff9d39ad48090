/**
 * `run` (or any command) of the CLI in-process against a target, writing into a temporary folder
 * that is read back and removed: the files a report run wrote, its exit code and its console.
 *
 * @module
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../cli/main.ts'
import type { CliIo } from '../cli/io.ts'
import type { ConformanceReport } from '../reports/model.ts'
import { captureIo } from './suite-support.ts'

export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** Every file the command wrote into `--out`, by name. */
  readonly files: Readonly<Record<string, string>>
  /** The JSON report, when one was written. */
  readonly report?: ConformanceReport
}

/** `main([...args, '--out', <temp dir>])` with a captured console; the folder is removed after. */
export async function runCliInTemp(
  args: readonly string[],
  io: Partial<CliIo> = {},
): Promise<CliRun> {
  const out = await mkdtemp(join(tmpdir(), 'cc-cli-run-'))
  try {
    const console = captureIo(io)
    const code = await main([...args, '--out', out], console)
    const names = await readdir(out)
    const files = Object.fromEntries(
      await Promise.all(
        names.map(async (name) => [name, await readFile(join(out, name), 'utf8')] as const),
      ),
    )
    const json = files['conformance-report.json']
    return {
      code,
      stdout: console.out.join(''),
      stderr: console.err.join(''),
      files,
      ...(json === undefined ? {} : { report: JSON.parse(json) as ConformanceReport }),
    }
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}
