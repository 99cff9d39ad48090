/**
 * `clearid-conformance`: dispatches the subcommands. Run through `bin/clearid-conformance.mjs` or
 * `tsx cli/main.ts`.
 *
 * @module
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { csvCommand } from './commands/csv.ts'
import { graphCommand } from './commands/graph.ts'
import { replayCommand } from './commands/replay.ts'
import { reportCommand } from './commands/report.ts'
import { rulesCommand } from './commands/rules.ts'
import { runCommand } from './commands/run.ts'
import { serveCommand } from './commands/serve.ts'
import { sweepCommand } from './commands/sweep.ts'
import { verifyClientCommand } from './commands/verify-client.ts'
import { createInterrupts } from './interrupts.ts'
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io.ts'
import { TOOL_VERSION } from '../suites/runner/version.ts'
import { nearest } from './nearest.ts'

const HELP = `Usage: clearid-conformance <command> [options]

Commands:
  run            send Entra ID-style provisioning traffic to ClearID SCIM and judge every answer
  rules          list the rule catalogue (--json for every field)
  sweep          delete identities earlier runs left on a deployment
  report         re-render a saved report, or diff two reports
  verify-client  serve the mock to a vendor's SCIM client and judge the traffic it sends
  replay         replay a recorded session against the mock or another target
  serve          serve the mock ClearID on a port (what npm start runs)
  csv            Cloud CSV: check files before ClearID sees them, a folder agent for the mock
  graph          Entra ID (Graph) synchronization: preview what ClearID would make of a tenant

clearid-conformance <command> --help shows the options of a command.
`

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  run: runCommand,
  rules: rulesCommand,
  sweep: sweepCommand,
  report: reportCommand,
  'verify-client': verifyClientCommand,
  replay: replayCommand,
  serve: serveCommand,
  csv: csvCommand,
  graph: graphCommand,
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP)
    return command === undefined ? EXIT_USAGE : EXIT_OK
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${TOOL_VERSION}\n`)
    return EXIT_OK
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  if (!handler) {
    const near = nearest(command, Object.keys(COMMANDS))
    const hint = near === undefined ? '' : ` Did you mean "${near}"?`
    io.stderr(
      `clearid-conformance: unknown command "${command}".${hint} Run clearid-conformance --help for the list.\n`,
    )
    return EXIT_USAGE
  }
  return handler(rest, io)
}

/** Commands with a cleanup phase that a second Ctrl-C abandons (`interrupts.ts`). */
const CLEANS_UP = new Set(['run'])

/**
 * The process entry: Ctrl-C (or SIGTERM, as a CI runner or container stop sends) aborts the
 * command, which then cleans up, writes its report and exits 130 (`serve`: 0). During `run` a
 * second one abandons cleanup (what is left is printed with the `sweep` that removes it) and a
 * third exits at once; for other commands the second exits at once.
 */
export async function runCli(argv: string[] = process.argv.slice(2)): Promise<number> {
  const interrupts = createInterrupts(CLEANS_UP.has(argv[0] ?? ''))
  const onSigint = () => {
    const { message, exit } = interrupts.receive()
    if (exit) process.exit(EXIT_INTERRUPTED)
    process.stderr.write(message)
  }
  process.on('SIGINT', onSigint)
  process.on('SIGTERM', onSigint)
  // A reader that stopped reading (`| head`) is not an error of ours: end quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  try {
    return await main(argv, processIo(interrupts))
  } finally {
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigint)
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  process.exitCode = await runCli()
}
