/**
 * `sweep`: removes identities that earlier runs left on a deployment (tagged `cc-<run id>-…`).
 *
 * @module
 */
import { TransportError } from '../../driver/http/errors.ts'
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../driver/http/read-body.ts'
import { ScimHttpClient } from '../../driver/http/scim-http.ts'
import { ConnectionError, preflight } from '../../suites/runner/preflight.ts'
import { sweep } from '../../suites/runner/sweep.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import { terminalText } from '../../reports/renderers/shared/terminal-text.ts'
import * as read from '../parse.ts'
import { redactingIo } from '../redacting-io.ts'
import { TARGET_HELP, TARGET_OPTIONS, targetFrom } from '../target-options.ts'

const OPTIONS = {
  ...TARGET_OPTIONS,
  'older-than': { type: 'string' },
  'run-id': { type: 'string' },
  'dry-run': { type: 'boolean' },
  timeout: { type: 'string' },
  'max-response-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

/** A run in progress keeps its identities for this long by default: no run of the harness lasts an hour. */
const DEFAULT_OLDER_THAN_MS = 60 * 60 * 1000

const HELP = `Usage: clearid-conformance sweep --target URL --key KEY [--older-than 1h] [--run-id ID] [--dry-run]

Finds identities earlier runs left behind (userName and externalId starting with cc-<run id>-) and
deletes them. --dry-run lists them and deletes nothing; --older-than (default 1h) keeps those
created more recently, which a run may still be using (--older-than 0 sweeps them too, and those a
server gives no creation time); --run-id limits the sweep to one run; --max-response-bytes (default 4MiB) bounds
each answer read.
${TARGET_HELP}
`

export async function sweepCommand(argv: string[], given: CliIo): Promise<number> {
  const io = redactingIo(given)
  try {
    const { values } = read.parse(argv, OPTIONS, 'sweep')
    if (values.help) {
      io.stdout(HELP)
      return EXIT_OK
    }
    if (values.target === undefined)
      throw new UsageError('sweep needs --target URL (the in-process mock has nothing to sweep)')
    const target = targetFrom(values, io)
    if (!target.main) throw new UsageError('sweep needs --target URL')
    const dryRun = values['dry-run'] === true
    const http = new ScimHttpClient({
      main: target.main,
      fetch: target.fetch,
      allowWrites: !dryRun,
      maxCreates: 0,
      timeoutMs: read.duration('timeout', values.timeout, 10_000),
      maxResponseBytes: read.byteSize(
        'max-response-bytes',
        values['max-response-bytes'],
        DEFAULT_MAX_RESPONSE_BYTES,
      ),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(io.sleep ? { sleep: io.sleep } : {}),
    })
    await preflight(http)
    const runId = values['run-id']
    const olderThanMs = read.duration('older-than', values['older-than'], DEFAULT_OLDER_THAN_MS)
    const outcome = await sweep(http, {
      dryRun,
      ...(runId === undefined ? {} : { runId }),
      ...(olderThanMs > 0 && { olderThanMs }),
    })
    // Ids, names and dates come from the server: plain text only.
    for (const c of outcome.candidates)
      io.stdout(
        `${dryRun ? 'would delete' : 'delete'} ${terminalText(`${c.id} ${c.userName}${c.created ? ` (created ${c.created})` : ''}`)}\n`,
      )
    for (const f of outcome.failed)
      io.stderr(`could not delete ${terminalText(`${f.id}: ${f.reason}`)}\n`)
    const how =
      outcome.method === 'filter'
        ? 'filter userName sw "cc-"'
        : 'paging (the server does not support sw)'
    const recent =
      outcome.tooRecent > 0
        ? `, ${outcome.tooRecent} too recent (created within --older-than ${values['older-than'] ?? '1h'}, or with no creation time; --older-than 0 sweeps them)`
        : ''
    io.stdout(
      `Sweep by ${how}: ${outcome.scanned} scanned, ${outcome.candidates.length} leftovers${recent}, ${dryRun ? 'nothing deleted (dry run)' : `${outcome.deleted} deleted, ${outcome.failed.length} failed`}.\n`,
    )
    return outcome.failed.length > 0 ? EXIT_FAILED : EXIT_OK
  } catch (error) {
    // A listing that got no usable answer (none at all, or one past the response limit).
    if (
      error instanceof UsageError ||
      error instanceof ConnectionError ||
      error instanceof TransportError
    ) {
      const what = error instanceof TransportError ? 'no usable answer while listing users: ' : ''
      io.stderr(`clearid-conformance: ${what}${terminalText(error.message)}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}
