/**
 * `sweep`: removes identities that earlier runs left on a deployment (tagged `cc-<run id>-…`).
 *
 * @module
 */
import { InterruptedError, TransportError } from '../../driver/http/errors.ts'
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../model/read-response.ts'
import { ScimHttpClient } from '../../driver/http/scim-http.ts'
import { RestHttpClient } from '../../driver/rest/rest-http.ts'
import { newTransportStats } from '../../driver/http/transport.ts'
import { RUN_TAG_PREFIX } from '../../fixtures/workforce.ts'
import { ConnectionError, preflight, restPreflight } from '../../suites/runner/preflight.ts'
import { SweepListingError, sweepRest } from '../../suites/runner/rest-sweep.ts'
import { sweep, type SweepCandidate } from '../../suites/runner/sweep.ts'
import type { Target } from '../../suites/targets/target.ts'
import {
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
  type CliIo,
} from '../io.ts'
import { terminalText } from '../../reports/renderers/shared/terminal-text.ts'
import type { SweepOutcome } from '../../suites/runner/sweep.ts'
import * as read from '../parse.ts'
import { redactingIo } from '../redacting-io.ts'
import { TARGET_HELP, TARGET_OPTIONS, targetFrom } from '../target-options.ts'
import { restSweepCommand } from './run-cleanup.ts'
import { describeInterrupted, resumeCommand, sweepMeters } from './sweep-output.ts'

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
       clearid-conformance sweep --rest-target URL --client-id ID [--key-file FILE] [...]

Finds identities earlier runs left behind and deletes them: over SCIM those whose userName and
externalId start with cc-<run id>-, over the REST API those whose systemData.externalId (or
firstName) does. --dry-run lists them and deletes nothing; --older-than (default 1h) keeps those
created more recently, which a run may still be using (--older-than 0 sweeps them too, and those a
server gives no creation time); --run-id limits the sweep to one run; --max-response-bytes (default 4MiB) bounds
each answer read. Progress goes to stderr. Ctrl-C stops it: deletes in flight finish, then what is
left is listed with the command that resumes, and it exits 130.
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
    if (values.target === undefined && values['rest-target'] === undefined)
      throw new UsageError(
        'sweep needs --target URL or --rest-target URL (the in-process mock has nothing to sweep)',
      )
    const settings = {
      dryRun: values['dry-run'] === true,
      timeoutMs: read.duration('timeout', values.timeout, 10_000),
      maxResponseBytes: read.byteSize(
        'max-response-bytes',
        values['max-response-bytes'],
        DEFAULT_MAX_RESPONSE_BYTES,
      ),
      olderThanMs: read.duration('older-than', values['older-than'], DEFAULT_OLDER_THAN_MS),
      olderThanText: values['older-than'] ?? '1h',
      ...(values['run-id'] === undefined ? {} : { runId: values['run-id'] }),
      values,
    }
    const target = await targetFrom(values, io)
    try {
      let failed = 0
      if (target.main) {
        const scim = await sweepScim(target, settings, io)
        if (scim === 'interrupted') return EXIT_INTERRUPTED
        failed += scim
      }
      if (target.rest) {
        const rest = await sweepRestApi(target, settings, io)
        if (rest === 'interrupted') return EXIT_INTERRUPTED
        failed += rest
      }
      return failed > 0 ? EXIT_FAILED : EXIT_OK
    } finally {
      await target.close?.()
    }
  } catch (error) {
    if (error instanceof InterruptedError) {
      io.stderr('clearid-conformance: interrupted before the sweep began; nothing was deleted.\n')
      return EXIT_INTERRUPTED
    }
    // A listing that got no usable answer (none at all, or one past the response limit).
    if (
      error instanceof UsageError ||
      error instanceof ConnectionError ||
      error instanceof TransportError ||
      error instanceof SweepListingError
    ) {
      const what =
        error instanceof SweepListingError
          ? 'no usable answer while listing identities: '
          : error instanceof TransportError
            ? 'no usable answer while listing users: '
            : ''
      io.stderr(`clearid-conformance: ${what}${terminalText(error.message)}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}

interface SweepSettings {
  /** The command line's `--run-id` and `--older-than`, for the resume command. */
  readonly values: {
    readonly 'run-id'?: string | undefined
    readonly 'older-than'?: string | undefined
  }
  readonly dryRun: boolean
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly olderThanMs: number
  readonly olderThanText: string
  readonly runId?: string
}

function sweepOptions(settings: SweepSettings) {
  return {
    dryRun: settings.dryRun,
    ...(settings.runId === undefined ? {} : { runId: settings.runId }),
    ...(settings.olderThanMs > 0 && { olderThanMs: settings.olderThanMs }),
  }
}

function transportOf(target: Target, settings: SweepSettings, io: CliIo) {
  return {
    fetch: target.fetch,
    allowWrites: !settings.dryRun,
    maxCreates: 0,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
  }
}

interface Swept {
  readonly scanned: number
  readonly candidates: readonly SweepCandidate[]
  readonly tooRecent: number
  readonly deleted: number
  readonly failed: readonly { readonly id: string; readonly reason: string }[]
}

/** Prints what a sweep found and did; returns how many deletions failed. */
function report(
  io: CliIo,
  how: string,
  outcome: Swept,
  settings: SweepSettings,
  leftovers: number = outcome.candidates.length,
): number {
  const { dryRun } = settings
  // Ids, names and dates come from the server: plain text only.
  for (const c of outcome.candidates)
    io.stdout(
      `${dryRun ? 'would delete' : 'delete'} ${terminalText(`${c.id} ${c.userName}${c.created ? ` (created ${c.created})` : ''}`)}\n`,
    )
  for (const f of outcome.failed)
    io.stderr(`could not delete ${terminalText(`${f.id}: ${f.reason}`)}\n`)
  const recent =
    outcome.tooRecent > 0
      ? `, ${outcome.tooRecent} too recent (created within --older-than ${settings.olderThanText}, or with no creation time; --older-than 0 sweeps them)`
      : ''
  io.stdout(
    `Sweep by ${how}: ${outcome.scanned} scanned, ${leftovers} leftovers${recent}, ${dryRun ? 'nothing deleted (dry run)' : `${outcome.deleted} deleted, ${outcome.failed.length} failed`}.\n`,
  )
  return outcome.failed.length
}

async function sweepScim(
  target: Target,
  settings: SweepSettings,
  io: CliIo,
): Promise<number | 'interrupted'> {
  if (!target.main) return 0
  const http = new ScimHttpClient({ main: target.main, ...transportOf(target, settings, io) })
  await preflight(http)
  const meters = sweepMeters(io)
  let outcome: SweepOutcome
  try {
    outcome = await sweep(http, {
      ...sweepOptions(settings),
      onListed: meters.listed,
      onDeleted: meters.deleted,
    })
  } finally {
    meters.finish()
  }
  // An interrupted sweep lists only what it deleted here; what it did not comes after, as left.
  const leftIds = new Set((outcome.left ?? []).map((c) => c.id))
  const shown =
    outcome.interrupted === 'listing' ? [] : outcome.candidates.filter((c) => !leftIds.has(c.id))
  const how =
    outcome.method === 'filter'
      ? 'filter userName sw "cc-"'
      : 'paging (the server does not support sw)'
  const failed = report(
    io,
    how,
    { ...outcome, candidates: shown },
    settings,
    outcome.candidates.length,
  )
  if (outcome.interrupted) {
    io.stderr(describeInterrupted(outcome, resumeCommand(target.main.baseUrl, settings.values)))
    return 'interrupted'
  }
  return failed
}

async function sweepRestApi(
  target: Target,
  settings: SweepSettings,
  io: CliIo,
): Promise<number | 'interrupted'> {
  const rest = target.rest
  if (!rest) return 0
  const client = new RestHttpClient(
    {
      endpoints: rest.endpoints,
      credentials: rest.credentials,
      runTag: RUN_TAG_PREFIX,
      ...transportOf(target, settings, io),
    },
    { stats: newTransportStats(), budget: { attempted: 0 } },
  )
  const resume = restSweepCommand(rest.endpoints, rest.credentials.clientId, settings.values)
  let outcome
  try {
    await restPreflight(client)
    outcome = await sweepRest(client, sweepOptions(settings))
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error
    io.stderr(
      `clearid-conformance: interrupted while listing identities through the REST API; nothing was deleted there. Resume with:\n  ${resume}\n`,
    )
    return 'interrupted'
  }
  const left = new Set((outcome.left ?? []).map((c) => c.id))
  const shown = outcome.candidates.filter((c) => !left.has(c.id))
  const failed = report(
    io,
    'the REST search service (systemData.externalId starting with cc-)',
    { ...outcome, candidates: shown },
    settings,
    outcome.candidates.length,
  )
  if (outcome.left) {
    const lines = outcome.left.map((c) => `  ${terminalText(`${c.id} ${c.userName}`)}\n`)
    io.stderr(
      `clearid-conformance: interrupted; ${outcome.left.length} leftover(s) not deleted:\n${lines.join('')}Resume with:\n  ${resume}\n`,
    )
    return 'interrupted'
  }
  return failed
}
