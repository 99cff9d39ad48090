/**
 * Reads a configuration file (`--config`): JSON, then `parseCsvConfig`. A file that cannot be read
 * or parsed, or a configuration with problems, is an error listing every problem with its path.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { DEFAULT_CSV_CONFIG, type CsvConfig } from '../model/csv/config.ts'
import { parseCsvConfig } from '../model/csv/parse-config.ts'

export class CsvConfigError extends Error {
  override readonly name = 'CsvConfigError'
}

/** Configuration files are small; a larger one is not a configuration. */
const MAX_CONFIG_BYTES = 1024 * 1024

export async function loadCsvConfig(path: string | undefined): Promise<CsvConfig> {
  if (path === undefined) return DEFAULT_CSV_CONFIG
  let text: string
  try {
    const bytes = await readFile(path)
    if (bytes.length > MAX_CONFIG_BYTES)
      throw new CsvConfigError(
        `${path}: ${bytes.length} bytes is too large for a configuration file (1 MiB at most).`,
      )
    text = bytes.toString('utf8')
  } catch (error) {
    if (error instanceof CsvConfigError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new CsvConfigError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}.`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (error) {
    throw new CsvConfigError(`${path} is not JSON: ${(error as Error).message}`)
  }
  const reading = parseCsvConfig(json)
  if (reading.problems) {
    const lines = reading.problems.map((p) => `  ${p.path || '(the file)'} ${p.message}`)
    throw new CsvConfigError(`${path} is not a valid CSV configuration:\n${lines.join('\n')}`)
  }
  return reading.config
}
