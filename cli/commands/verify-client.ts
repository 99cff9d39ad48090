/**
 * `verify-client`: point a vendor's SCIM client (an IdP, an HR connector) at a mock ClearID and
 * learn whether ClearID would accept what it sends and whether it survives ClearID misbehaving.
 * Starts the mock (or attaches to one), shows findings live, and on Ctrl-C, `--duration` or
 * `--idle-timeout` writes a client compliance report through the harness's renderers.
 *
 * Exit codes: 0 no MUST client rule failed; 1 a MUST client rule failed; 2 usage or start-up error;
 * 3 no request received (INCOMPLETE: nothing was judged).
 *
 * @module
 */
import { ClientAuditor } from '../../verify/audit.ts'
import { buildClientReport } from '../../verify/client-report.ts'
import type { ConformanceReport } from '../../reports/model.ts'
import { renderConsoleSummary } from '../../reports/renderers/console.ts'
import { writeReports } from '../../reports/write.ts'
import { TOOL_VERSION } from '../../suites/runner/version.ts'
import { EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'
import { livePrinter } from './verify-client/live.ts'
import { openSessionFile, type SessionFile } from './verify-client/recording.ts'
import {
  StartupError,
  startAttachSession,
  startLocalSession,
  type ClientSession,
} from './verify-client/sessions.ts'
import { HELP, OPTIONS, settingsFrom, type Settings } from './verify-client/settings.ts'
import { waitForStop } from './verify-client/stop.ts'

export async function verifyClientCommand(argv: string[], io: CliIo): Promise<number> {
  let settings: Settings
  try {
    const { values, positionals } = read.parse(argv, OPTIONS, 'verify-client')
    if (values.help) {
      io.stdout(HELP)
      return EXIT_OK
    }
    if (positionals.length > 0)
      throw new UsageError(`verify-client: unexpected argument "${positionals[0]}"`)
    settings = settingsFrom(values, io.env ?? {})
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`${error.message}\nRun "clearid-conformance verify-client --help" for the options.\n`)
    return EXIT_USAGE
  }
  return runSession(settings, io)
}

async function runSession(settings: Settings, io: CliIo): Promise<number> {
  const startedAt = new Date().toISOString()
  let session: ClientSession
  let file: SessionFile | undefined
  try {
    session =
      settings.mode === 'local'
        ? await startLocalSession(settings)
        : await startAttachSession(settings, io.fetch ?? fetch)
    file = settings.record === undefined ? undefined : await openSessionFile(settings.record)
  } catch (error) {
    if (!(error instanceof StartupError) && !(error instanceof Error && 'code' in error))
      throw error
    io.stderr(`verify-client: ${error.message}\n`)
    return EXIT_USAGE
  }
  io.stdout(`${session.banner.join('\n')}\n${waitingLine(settings)}\n\n`)
  const auditor = new ClientAuditor()
  const print = livePrinter((text) => io.stdout(text), auditor, settings.quiet)
  const stop = waitForStop(settings, io.signal)
  session.subscribe((record, history) => {
    stop.activity()
    print(record, history)
    file?.write(record)
  })
  const reason = await stop.done
  await session.stop()
  await file?.close()
  io.stdout(`\nStopped: ${reason}.\n`)
  if (file) io.stdout(`Recorded ${file.count} exchanges to ${file.path}\n`)
  const report = buildClientReport(
    session.records(),
    reportInfo(settings, session, startedAt),
    auditor,
  )
  return finish(report, settings, io)
}

function waitingLine(settings: Settings): string {
  const limits = [
    settings.durationMs === undefined ? undefined : `after ${settings.durationMs / 1000} s`,
    settings.idleMs === undefined
      ? undefined
      : `after ${settings.idleMs / 1000} s without requests`,
  ].filter((x) => x !== undefined)
  return `Waiting for requests. Ctrl-C${limits.length > 0 ? ` or ${limits.join(' or ')}` : ''} writes the report.`
}

function reportInfo(settings: Settings, session: ClientSession, startedAt: string) {
  return {
    accountId: settings.account,
    startedAt,
    finishedAt: new Date().toISOString(),
    tenantUrl: session.tenantUrl,
    toolVersion: TOOL_VERSION,
    options: {
      mode: settings.mode,
      faults: settings.faultTexts,
      ...(settings.durationMs !== undefined && { durationMs: settings.durationMs }),
      ...(settings.idleMs !== undefined && { idleTimeoutMs: settings.idleMs }),
      ...(Object.keys(settings.behaviour).length > 0 && { behaviour: settings.behaviour }),
    },
  }
}

async function finish(report: ConformanceReport, settings: Settings, io: CliIo): Promise<number> {
  const files = await writeReports(report, settings.formats, settings.out)
  io.stdout(renderConsoleSummary(report, { color: false, files }))
  const { verdict } = report.summary
  // A session without traffic judged nothing: not a pass, so CI waiting for exit 0 does not pass it.
  return verdict === 'fail' ? EXIT_FAILED : verdict === 'incomplete' ? EXIT_INCOMPLETE : EXIT_OK
}
