/**
 * `csv`: Cloud CSV synchronization. `csv check` judges files before ClearID sees them, `csv agent`
 * watches a folder and uploads new files to the mock as ClearID's Local Agent does, `csv schema`
 * prints the configuration file's JSON Schema.
 *
 * @module
 */
import { CSV_CONFIG_SCHEMA } from '../../model/csv/config-schema.ts'
import type { CliIo } from '../io.ts'
import { printJson, runSubcommand, type Subcommand } from './subcommands.ts'
import { csvAgentCommand } from './csv-agent.ts'
import { csvCheckCommand } from './csv-check.ts'

const HELP = `Usage: clearid-conformance csv <check|agent|schema> [options]

  check FILE…        judge CSV files against the CSV rules and preview what ClearID would make
  agent --folder DIR watch a folder and upload each new CSV file to a mock's CSV configuration
  schema             print the JSON Schema of a CSV configuration file

clearid-conformance csv <subcommand> --help shows its options. docs/cloud-csv.md explains the
configuration file.
`

const SUBCOMMANDS: Record<string, Subcommand> = {
  check: csvCheckCommand,
  agent: csvAgentCommand,
  schema: printJson(CSV_CONFIG_SCHEMA),
}

export function csvCommand(argv: string[], io: CliIo): Promise<number> {
  return runSubcommand('csv', HELP, SUBCOMMANDS, argv, io)
}
