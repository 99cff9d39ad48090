/**
 * A command made of subcommands (`csv check`, `graph preview`): help without one, the handler for
 * a known one, and a did-you-mean for an unknown one.
 *
 * @module
 */
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../io.ts'
import { nearest } from '../nearest.ts'

export type Subcommand = (argv: string[], io: CliIo) => Promise<number>

export function runSubcommand(
  group: string,
  help: string,
  subcommands: Readonly<Record<string, Subcommand>>,
  argv: string[],
  io: CliIo,
): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(help)
    return Promise.resolve(sub === undefined ? EXIT_USAGE : EXIT_OK)
  }
  const handler = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined
  if (!handler) {
    const near = nearest(sub, Object.keys(subcommands))
    io.stderr(
      `clearid-conformance: unknown ${group} subcommand "${sub}".${near === undefined ? '' : ` Did you mean "${near}"?`}\n`,
    )
    return Promise.resolve(EXIT_USAGE)
  }
  return handler(rest, io)
}

/** A subcommand that prints `value` as JSON (a configuration file's JSON Schema). */
export function printJson(value: unknown): Subcommand {
  return async (_argv, io) => {
    io.stdout(`${JSON.stringify(value, null, 2)}\n`)
    return EXIT_OK
  }
}
