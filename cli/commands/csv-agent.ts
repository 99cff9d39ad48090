/**
 * `csv agent --folder DIR --configuration ID`: watches a folder and uploads each new or changed
 * CSV file to a mock's CSV configuration, as ClearID's Local Agent does (`csv/agent.ts`).
 *
 * @module
 */
import { AgentError, runAgent } from '../../csv/agent.ts'
import { DEV_ADMIN_TOKEN } from '../../mock-server/options.ts'
import { registerSecret } from '../../model/secret-values.ts'
import { redactingIo } from '../redacting-io.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'

const OPTIONS = {
  folder: { type: 'string' },
  configuration: { type: 'string' },
  url: { type: 'string' },
  account: { type: 'string' },
  interval: { type: 'string' },
  once: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

const HELP = `Usage: clearid-conformance csv agent --folder DIR --configuration ID [options]

Watches DIR and uploads each new or changed .csv file to the mock's CSV configuration ID, as
ClearID's Local Agent does: once the file has stopped growing (unchanged between two polls), and
only while the configuration is active. Ctrl-C stops it.

  --url URL           the mock (default http://localhost:8080)
  --account ID        the account (default: default)
  --interval 5s       how often the folder is read (default 5s)
  --once              upload the files there now and exit (exit 1 if an upload failed)

The control plane token comes from CLEARID_ADMIN_TOKEN (on a loopback URL, the development token
when unset).
`

export async function csvAgentCommand(argv: string[], given: CliIo): Promise<number> {
  // What the mock answers is printed: the admin token is removed wherever it would show.
  const io = redactingIo(given)
  try {
    const { values, positionals } = read.parse(argv, OPTIONS, 'csv agent')
    if (values.help) {
      io.stdout(HELP)
      return EXIT_OK
    }
    if (positionals.length > 0)
      throw new UsageError(`csv agent: unexpected argument "${positionals[0]}"`)
    if (!values.folder) throw new UsageError('csv agent: --folder DIR is required.')
    if (!values.configuration)
      throw new UsageError(
        'csv agent: --configuration ID is required (GET /_admin/accounts/{account}/csv/configurations lists them).',
      )
    const url = values.url ?? 'http://localhost:8080'
    if (!/^https?:\/\//i.test(url))
      throw new UsageError(`--url must be an http(s) URL, got "${url}".`)
    const loopback = /^https?:\/\/(localhost|127\.|\[::1\])/i.test(url)
    const adminToken = registerSecret(
      io.env?.CLEARID_ADMIN_TOKEN || (loopback ? DEV_ADMIN_TOKEN : undefined),
    )
    if (!adminToken)
      throw new UsageError("csv agent: set CLEARID_ADMIN_TOKEN to the mock's control plane token.")
    const intervalMs = read.duration('interval', values.interval, 5000)
    if (values.once !== true)
      io.stdout(
        `Watching ${values.folder} for CSV files (every ${intervalMs / 1000} s). Ctrl-C stops.\n`,
      )
    const result = await runAgent({
      folder: values.folder,
      url,
      accountId: values.account ?? 'default',
      configurationId: values.configuration,
      adminToken,
      intervalMs,
      once: values.once === true,
      print: (line) => io.stdout(`${line}\n`),
      ...(io.fetch && { fetch: io.fetch }),
      ...(io.signal && { signal: io.signal }),
    })
    return result.failed > 0 ? EXIT_FAILED : EXIT_OK
  } catch (error) {
    if (error instanceof UsageError || error instanceof AgentError) {
      io.stderr(`clearid-conformance: ${error.message}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}
