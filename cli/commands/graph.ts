/**
 * `graph`: Entra ID (Graph) synchronization. `graph preview` shows what ClearID would make of a
 * Graph source with a configuration, read-only; `graph schema` prints the configuration file's
 * JSON Schema.
 *
 * @module
 */
import { GRAPH_CONFIG_SCHEMA } from '../../model/graph/config-schema.ts'
import type { CliIo } from '../io.ts'
import { printJson, runSubcommand, type Subcommand } from './subcommands.ts'
import { graphPreviewCommand } from './graph-preview.ts'

const HELP = `Usage: clearid-conformance graph <preview|schema> [options]

  preview --config FILE  what ClearID's Entra ID synchronization would make of a Graph source
                         (the fake one, an export file or a Graph URL), read-only, judged by the
                         Graph rules
  schema                 print the JSON Schema of a Graph configuration file

clearid-conformance graph <subcommand> --help shows its options. docs/entra-graph-sync.md
explains the configuration file.
`

const SUBCOMMANDS: Record<string, Subcommand> = {
  preview: graphPreviewCommand,
  schema: printJson(GRAPH_CONFIG_SCHEMA),
}

export function graphCommand(argv: string[], io: CliIo): Promise<number> {
  return runSubcommand('graph', HELP, SUBCOMMANDS, argv, io)
}
