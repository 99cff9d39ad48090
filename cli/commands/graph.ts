/**
 * `graph`: Entra ID (Graph) synchronization. `graph preview` shows what ClearID would make of a
 * Graph source with a configuration, read-only; `graph schema` prints the configuration file's
 * JSON Schema.
 *
 * @module
 */
import { GRAPH_CONFIG_SCHEMA } from '../../model/graph/config-schema.ts'
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../io.ts'
import { nearest } from '../nearest.ts'
import { graphPreviewCommand } from './graph-preview.ts'

const HELP = `Usage: clearid-conformance graph <preview|schema> [options]

  preview --config FILE  what ClearID's Entra ID synchronization would make of a Graph source
                         (the fake one, an export file or a Graph URL), read-only, judged by the
                         Graph rules
  schema                 print the JSON Schema of a Graph configuration file

clearid-conformance graph <subcommand> --help shows its options. docs/entra-graph-sync.md
explains the configuration file.
`

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  preview: graphPreviewCommand,
  schema: async (_argv, io) => {
    io.stdout(`${JSON.stringify(GRAPH_CONFIG_SCHEMA, null, 2)}\n`)
    return EXIT_OK
  },
}

export async function graphCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(HELP)
    return sub === undefined ? EXIT_USAGE : EXIT_OK
  }
  const handler = SUBCOMMANDS[sub]
  if (!handler) {
    const near = nearest(sub, Object.keys(SUBCOMMANDS))
    io.stderr(
      `clearid-conformance: unknown graph subcommand "${sub}".${near === undefined ? '' : ` Did you mean "${near}"?`}\n`,
    )
    return EXIT_USAGE
  }
  return handler(rest, io)
}
