/**
 * `csv`: Cloud CSV synchronization. `csv check` judges files before ClearID sees them, `csv agent`
 * watches a folder and uploads new files to the mock as ClearID's Local Agent does, `csv schema`
 * prints the configuration file's JSON Schema.
 *
 * @module
 */
import { CSV_CONFIG_SCHEMA } from '../../model/csv/config-schema.ts'
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../io.ts'
import { nearest } from '../nearest.ts'
import { csvAgentCommand } from './csv-agent.ts'
import { csvCheckCommand } from './csv-check.ts'

const HELP = `Usage: clearid-conformance csv <check|agent|schema> [options]

  check FILE…        judge CSV files against the CSV rules and preview what ClearID would make
  agent --folder DIR watch a folder and upload each new CSV file to a mock's CSV configuration
  schema             print the JSON Schema of a CSV configuration file

clearid-conformance csv <subcommand> --help shows its options. docs/cloud-csv.md explains the
configuration file.
`

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  check: csvCheckCommand,
  agent: csvAgentCommand,
  schema: async (_argv, io) => {
    io.stdout(`${JSON.stringify(CSV_CONFIG_SCHEMA, null, 2)}\n`)
    return EXIT_OK
  },
}

export async function csvCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(HELP)
    return sub === undefined ? EXIT_USAGE : EXIT_OK
  }
  const handler = SUBCOMMANDS[sub]
  if (!handler) {
    const near = nearest(sub, Object.keys(SUBCOMMANDS))
    io.stderr(
      `clearid-conformance: unknown csv subcommand "${sub}".${near === undefined ? '' : ` Did you mean "${near}"?`}\n`,
    )
    return EXIT_USAGE
  }
  return handler(rest, io)
}
