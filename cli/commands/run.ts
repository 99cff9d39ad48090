/**
 * `run`: the conformance catalogue (or the sizing scenario) against the in-process mock or a SCIM
 * URL, with live progress, report files, baseline diff and waivers.
 *
 * Exit codes: 0 no MUST rule failed (PASS, or INCOMPLETE without --require-complete); 1 a MUST rule
 * failed; 2 usage or connection error, or an answer past the response limit (the run is
 * incomplete); 3 INCOMPLETE with --require-complete; 130 interrupted (after cleanup, or after a
 * second Ctrl-C abandoned it; the report is written either way).
 *
 * @module
 */
import { diffReports } from '../../reports/diff.ts'
import type { ConformanceReport } from '../../reports/model.ts'
import { renderConsoleSummary } from '../../reports/renderers/console.ts'
import { terminalText } from '../../reports/renderers/shared/terminal-text.ts'
import { applyWaivers } from '../../reports/waivers.ts'
import { renderReport, writeReports } from '../../reports/write.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { CleanupOutcome } from '../../suites/runner/cleanup.ts'
import type { ResponsesOverLimit } from '../../suites/runner/report.ts'
import { formatBytes } from '../../model/read-response.ts'
import { ConnectionError } from '../../suites/runner/preflight.ts'
import {
  runConformance,
  tasksOf,
  type RunOptions,
  type RunOutcome,
} from '../../suites/runner/run.ts'
import { targetLabel } from '../../suites/targets/target.ts'
import { runInitialCycleScenario, type ScenarioOutcome } from '../../suites/runner/scenario.ts'
import { describeSizing } from '../../suites/scenarios/sizing.ts'
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError, colorOf, type CliIo } from '../io.ts'
import * as read from '../parse.ts'
import { exitOf } from './report-output.ts'
import { redactingIo } from '../redacting-io.ts'
import { describeCleanup } from './run-cleanup.ts'
import { createRunMeters } from './run-progress.ts'
import { OPTIONS, readSettings, RUN_HELP, type RunSettings } from './run-settings.ts'

export { DEFAULT_SEED, RUN_HELP } from './run-settings.ts'

export async function runCommand(argv: string[], given: CliIo): Promise<number> {
  const io = redactingIo(given)
  try {
    const { values } = read.parse(argv, OPTIONS, 'run')
    if (values.help) {
      io.stdout(RUN_HELP)
      return EXIT_OK
    }
    const settings = await readSettings(values, io)
    try {
      return settings.scenario
        ? await scenarioMode(settings, io)
        : await catalogueMode(settings, io)
    } finally {
      // A webhook receiver started for the target.
      await settings.target.close?.()
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`clearid-conformance: ${error.message}\nSee clearid-conformance run --help.\n`)
      return EXIT_USAGE
    }
    if (error instanceof ConnectionError) {
      io.stderr(`clearid-conformance: ${terminalText(error.message)}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}

function runOptionsOf(
  settings: RunSettings,
  io: CliIo,
  extra: Partial<RunOptions> = {},
): RunOptions {
  return {
    target: settings.target,
    rules: settings.rules,
    dialects: settings.dialects,
    seed: settings.seed,
    runId: settings.runId,
    concurrency: settings.concurrency,
    allowWrites: settings.allowWrites,
    dryRun: settings.dryRun,
    maxCreates: settings.maxCreates,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    options: settings.recorded,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.abandon ? { abandonCleanup: io.abandon } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
    ...extra,
  }
}

async function catalogueMode(settings: RunSettings, io: CliIo): Promise<number> {
  const total = tasksOf(settings.rules, settings.dialects).length
  io.stderr(header(settings, total))
  if (settings.dryRun) return dryRunMode(settings, io)
  const meters = createRunMeters(io, { rules: total })
  let outcome: RunOutcome
  try {
    outcome = await runConformance(runOptionsOf(settings, io, { progress: meters.hooks }))
  } finally {
    // The progress line goes before anything else is printed, whatever ended the run.
    meters.finish()
  }
  return finish(settings, io, outcome, colorOf(io))
}

function header(settings: RunSettings, total: number): string {
  const where = terminalText(targetLabel(settings.target))
  const writes = settings.allowWrites
    ? 'writes allowed'
    : 'read-only (pass --allow-writes to run write rules)'
  return `clearid-conformance: ${total} rule runs against ${where}; seed ${settings.seed}, run id ${settings.runId}, ${writes}\n`
}

async function dryRunMode(settings: RunSettings, io: CliIo): Promise<number> {
  let count = 0
  const print = (answer: HttpAnswer) => {
    count += 1
    const { method, url, body } = answer.exchange.request
    const shown = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
    io.stdout(
      `${terminalText(`${method} ${url}`)}${shown === '' ? '' : `\n  ${terminalText(shown)}`}\n`,
    )
  }
  const outcome = await runConformance(runOptionsOf(settings, io, { onRequest: print }))
  io.stdout(
    `\n${count} requests would be sent (ids come from a local simulation); nothing was sent and no report was written.\n`,
  )
  if (outcome.cleanup.created > 0)
    io.stdout(
      `The plan includes deleting the ${outcome.cleanup.created} identities it would create.\n`,
    )
  return EXIT_OK
}

async function scenarioMode(settings: RunSettings, io: CliIo): Promise<number> {
  const users = settings.scenario?.users ?? 0
  const dialect = settings.dialects[0] ?? 'entra-default'
  io.stderr(
    `clearid-conformance: initial cycle of ${users} users (${dialect}) at concurrency ${settings.concurrency}; seed ${settings.seed}, run id ${settings.runId}\n`,
  )
  const meters = createRunMeters(io)
  let outcome: ScenarioOutcome
  try {
    outcome = await runInitialCycleScenario({
      ...runOptionsOf(settings, io, { progress: meters.hooks }),
      users,
      dialect,
    })
  } finally {
    meters.finish()
  }
  // `--out -`: stdout is the report alone; what a person reads goes to stderr.
  const say = settings.out === '-' ? io.stderr : io.stdout
  say(describeSizing(outcome.sizing))
  return finish(settings, io, outcome, colorOf(io))
}

interface Finished {
  readonly report: ConformanceReport
  readonly cleanup: CleanupOutcome
  readonly responsesOverLimit?: ResponsesOverLimit
}

async function finish(
  settings: RunSettings,
  io: CliIo,
  outcome: Finished,
  color: boolean,
): Promise<number> {
  const { cleanup } = outcome
  let report = settings.waivers ? applyWaivers(outcome.report, settings.waivers) : outcome.report
  if (settings.baseline) report = { ...report, baseline: diffReports(settings.baseline, report) }
  // `--out -`: the one report is the output; the summary a person reads goes to stderr.
  const toStdout = settings.out === '-'
  const files = toStdout ? [] : await writeReports(report, settings.formats, settings.out)
  const say = toStdout ? io.stderr : io.stdout
  if (toStdout) io.stdout(renderReport(report, settings.formats[0] ?? 'json'))
  say(renderConsoleSummary(report, { color, files }))
  say(describeCleanup(cleanup, settings))
  if (report.run.interrupted) {
    io.stderr(`clearid-conformance: interrupted; ${cleanupWords(cleanup)}\n`)
    return EXIT_INTERRUPTED
  }
  if (outcome.responsesOverLimit) {
    io.stderr(describeOverLimit(outcome.responsesOverLimit))
    return EXIT_USAGE
  }
  return exitOf(report, settings.requireComplete)
}

/** Exit 2's message when answers went past the response limit: what happened, what to pass. */
export function describeOverLimit({ count, limitBytes }: ResponsesOverLimit): string {
  const answers = count === 1 ? '1 answer was' : `${count} answers were`
  return `clearid-conformance: ${answers} larger than ${formatBytes(limitBytes)}: the harness stopped reading ${count === 1 ? 'it' : 'them'} there, so the rules that got ${count === 1 ? 'it' : 'them'} could not judge the target (see their findings) and this run is incomplete. If the target's answers are legitimately that large, raise the limit, e.g. --max-response-bytes ${formatBytes(limitBytes * 4).replace(' ', '')}.\n`
}

/** How the cleanup of an interrupted run ended, for its last line. */
function cleanupWords(cleanup: CleanupOutcome): string {
  const left = cleanup.failed.length
  if (cleanup.abandoned)
    return `cleanup was abandoned with ${left} ${left === 1 ? 'identity' : 'identities'} left (listed above, with the sweep that removes them).`
  if (left > 0) return `cleanup could not delete ${left} (listed above).`
  return cleanup.created > 0
    ? 'every identity this run created was deleted.'
    : 'this run created no identity.'
}
