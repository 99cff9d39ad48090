/**
 * Reads a Graph synchronization configuration file (`--config`): JSON, then `parseGraphConfig`,
 * which refuses a client secret in a file (the CLI reads `CLEARID_GRAPH_SECRET`). A file that
 * cannot be read or parsed, or a configuration with problems, is an error listing every problem
 * with its path.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import type { GraphSyncConfig } from '../model/graph/config.ts'
import { parseGraphConfig } from '../model/graph/parse-config.ts'

export class GraphConfigError extends Error {
  override readonly name = 'GraphConfigError'
}

/** Configuration files are small; a larger one is not a configuration. */
const MAX_CONFIG_BYTES = 1024 * 1024

export async function loadGraphConfig(path: string): Promise<GraphSyncConfig> {
  let text: string
  try {
    const bytes = await readFile(path)
    if (bytes.length > MAX_CONFIG_BYTES)
      throw new GraphConfigError(
        `${path}: ${bytes.length} bytes is too large for a configuration file (1 MiB at most).`,
      )
    text = bytes.toString('utf8')
  } catch (error) {
    if (error instanceof GraphConfigError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new GraphConfigError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}.`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (error) {
    throw new GraphConfigError(`${path} is not JSON: ${(error as Error).message}`)
  }
  const reading = parseGraphConfig(json, { secret: 'refuse' })
  if (reading.problems) {
    const lines = reading.problems.map((p) => `  ${p.path || '(the file)'} ${p.message}`)
    throw new GraphConfigError(`${path} is not a valid Graph configuration:\n${lines.join('\n')}`)
  }
  return reading.config
}
