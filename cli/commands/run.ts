/**
 * `run`: the conformance catalogue (or the sizing scenario) against the in-process mock or a SCIM
 * URL, with live progress, report files, baseline diff and waivers.
 *
 * Exit codes: 0 no MUST rule failed; 1 a MUST rule failed; 2 usage or connection error;
 * 130 interrupted (after cleanup).
 *
 * @module
 */
import { diffReports } from '../../reports/diff.ts'
import { loadReportFile, loadWaiverFile } from '../../reports/load.ts'
import type { ConformanceReport, Dialect, Waiver } from '../../reports/model.ts'
import { createProgress, renderConsoleSummary } from '../../reports/renderers/console.ts'
import { FORMAT_NAMES, parseFormats, type FormatName } from '../../reports/renderers/index.ts'
import { applyWaivers } from '../../reports/waivers.ts'
import { DEFAULT_OUT_DIR, writeReports } from '../../reports/write.ts'
import { RULES } from '../../rules/index.ts'
import type { RuleLevel, RuleProfile } from '../../rules/rule.ts'
import type { ServerRule } from '../../rules/server/define.ts'
import type { HttpAnswer } from '../../suites/http/types.ts'
import type { CleanupOutcome } from '../../suites/runner/cleanup.ts'
import { ConnectionError } from '../../suites/runner/preflight.ts'
import { runConformance, tasksOf, type RunOptions } from '../../suites/runner/run.ts'
import { runInitialCycleScenario } from '../../suites/runner/scenario.ts'
import { selectRules, unmatchedIds } from '../../suites/runner/select.ts'
import { describeSizing } from '../../suites/scenarios/sizing.ts'
import { dryRunTarget } from '../../suites/targets/dry-run.ts'
import type { Target } from '../../suites/targets/target.ts'
import {
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
  type CliIo,
} from '../io.ts'
import * as read from '../parse.ts'
import { TARGET_HELP, TARGET_OPTIONS, targetFrom } from '../target-options.ts'

const OPTIONS = {
  ...TARGET_OPTIONS,
  rule: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  level: { type: 'string', multiple: true },
  profile: { type: 'string', multiple: true },
  dialect: { type: 'string', multiple: true },
  seed: { type: 'string' },
  'run-id': { type: 'string' },
  concurrency: { type: 'string' },
  scenario: { type: 'string' },
  users: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  baseline: { type: 'string' },
  waivers: { type: 'string' },
  'allow-writes': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'max-creates': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

export const DEFAULT_SEED = 1

export const RUN_HELP = `Usage: clearid-conformance run [options]

Sends Entra ID-style provisioning traffic to a ClearID SCIM endpoint and judges every answer.

Selection:
  --rule ID                  rule id, prefix (SRV-FILTER) or glob (SRV-*-001); repeatable
  --tag TAG / --level MUST,SHOULD,MAY / --profile rfc,entra,clearid
  --dialect entra-default,entra-flag   Entra dialects (default both)
  --seed N                   traffic seed (default ${DEFAULT_SEED}); same seed, same traffic
  --concurrency N            rules in flight at once (default 4)
  --scenario initial-cycle --users N   the sizing scenario: users/s and p50/p99 per operation
${TARGET_HELP}
Safety against a deployment (any --target):
  --allow-writes             allow requests that change data (default: read-only rules only)
  --dry-run                  print every request that would be sent; send nothing
  --max-creates N            most identities one run may create (default 200)
  --timeout 10s              per-request timeout
  --run-id ID                tag of created identities (cc-<run id>-…; default random)
Reports:
  --out DIR                  directory (default ${DEFAULT_OUT_DIR}/)
  --format LIST              ${FORMAT_NAMES.join(',')} (default all)
  --baseline BASE.json       name what changed since a previous report
  --waivers FILE             JSON waivers: { "waivers": [{ "rule", "reason", "dialect"?, "expires"? }] }

Exit codes: 0 no MUST rule failed, 1 a MUST rule failed, 2 usage or connection error, 130 interrupted.
`

export interface RunSettings {
  readonly target: Target
  readonly rules: ServerRule[]
  readonly dialects: Dialect[]
  readonly seed: number
  readonly runId: string
  readonly concurrency: number
  readonly allowWrites: boolean
  readonly dryRun: boolean
  readonly maxCreates: number
  readonly timeoutMs: number
  readonly scenario?: { readonly users: number }
  readonly out: string
  readonly formats: FormatName[]
  readonly baseline?: ConformanceReport
  readonly waivers?: readonly Waiver[]
  readonly recorded: Record<string, unknown>
}

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = read.parse(argv, OPTIONS, 'run')
    if (values.help) {
      io.stdout(RUN_HELP)
      return EXIT_OK
    }
    const settings = await readSettings(values, io)
    return settings.scenario ? await scenarioMode(settings, io) : await catalogueMode(settings, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`clearid-conformance: ${error.message}\nSee clearid-conformance run --help.\n`)
      return EXIT_USAGE
    }
    if (error instanceof ConnectionError) {
      io.stderr(`clearid-conformance: ${error.message}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}

type Values = ReturnType<typeof read.parse<typeof OPTIONS>>['values']

async function readSettings(values: Values, io: CliIo): Promise<RunSettings> {
  const target = targetFrom(values, io)
  const seed = read.integer('seed', values.seed, DEFAULT_SEED)
  const rules = chooseRules(values)
  const scenario = readScenario(values)
  const dryRun = values['dry-run'] === true
  const allowWrites = target.kind === 'in-process' || values['allow-writes'] === true
  if (scenario && !allowWrites) {
    throw new UsageError('the initial-cycle scenario creates identities: pass --allow-writes')
  }
  const formats = parseFormatList(values.format)
  const settings: RunSettings = {
    target: dryRun ? dryRunTarget(target) : target,
    rules,
    dialects: read.dialects(values.dialect),
    seed,
    runId: runIdOf(values['run-id'], target, seed),
    concurrency: read.integer('concurrency', values.concurrency, scenario ? 8 : 4, 1),
    allowWrites,
    dryRun,
    maxCreates: read.integer(
      'max-creates',
      values['max-creates'],
      target.kind === 'in-process' ? Number.MAX_SAFE_INTEGER : 200,
    ),
    timeoutMs: read.duration('timeout', values.timeout, 10_000),
    ...(scenario ? { scenario } : {}),
    out: values.out ?? DEFAULT_OUT_DIR,
    formats,
    ...(await loadExtras(values)),
    recorded: {},
  }
  if (scenario && scenario.users > settings.maxCreates) {
    throw new UsageError(
      `the scenario creates ${scenario.users} identities but --max-creates is ${settings.maxCreates}; raise --max-creates`,
    )
  }
  return { ...settings, recorded: recordedOptions(values, settings) }
}

function chooseRules(values: Values): ServerRule[] {
  const ids = read.listOf(values.rule)
  const unmatched = unmatchedIds(RULES, ids)
  if (unmatched.length > 0)
    throw new UsageError(
      `no rule matches ${unmatched.map((id) => `"${id}"`).join(', ')}; see clearid-conformance rules`,
    )
  const levels: RuleLevel[] = read.levels(values.level)
  const profiles: RuleProfile[] = read.profiles(values.profile)
  const rules = selectRules(RULES, { ids, tags: read.listOf(values.tag), levels, profiles })
  if (rules.length === 0) throw new UsageError('the selection matches no rule')
  return rules
}

function readScenario(values: Values): { users: number } | undefined {
  if (values.scenario === undefined) {
    if (values.users !== undefined) throw new UsageError('--users needs --scenario initial-cycle')
    return undefined
  }
  if (values.scenario !== 'initial-cycle')
    throw new UsageError(`unknown scenario "${values.scenario}"; the only one is initial-cycle`)
  return { users: read.integer('users', values.users, 100, 1) }
}

function parseFormatList(value: string | undefined): FormatName[] {
  if (value === undefined) return [...FORMAT_NAMES]
  const parsed = parseFormats(value)
  if ('error' in parsed) throw new UsageError(`--format: ${parsed.error}`)
  return parsed.formats
}

async function loadExtras(
  values: Values,
): Promise<{ baseline?: ConformanceReport; waivers?: readonly Waiver[] }> {
  const out: { baseline?: ConformanceReport; waivers?: readonly Waiver[] } = {}
  if (values.baseline !== undefined) {
    const loaded = await loadReportFile(values.baseline)
    if (!loaded.ok) throw new UsageError(loaded.error)
    out.baseline = loaded.value
  }
  if (values.waivers !== undefined) {
    const loaded = await loadWaiverFile(values.waivers)
    if (!loaded.ok) throw new UsageError(loaded.error)
    out.waivers = loaded.value
  }
  return out
}

/** In-process runs are reproducible from the seed; runs against a deployment get a fresh tag. */
function runIdOf(given: string | undefined, target: Target, seed: number): string {
  if (given !== undefined) {
    if (!/^[a-z0-9]{1,16}$/.test(given))
      throw new UsageError('--run-id must be 1–16 lower-case letters or digits')
    return given
  }
  if (target.kind === 'in-process') return `s${seed}`
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => (b % 36).toString(36)).join(
    '',
  )
}

function recordedOptions(values: Values, settings: RunSettings): Record<string, unknown> {
  return {
    selection: {
      rules: read.listOf(values.rule),
      tags: read.listOf(values.tag),
      levels: read.listOf(values.level),
      profiles: read.listOf(values.profile),
    },
    concurrency: settings.concurrency,
    allowWrites: settings.allowWrites,
    dryRun: settings.dryRun,
    maxCreates: settings.target.kind === 'in-process' ? null : settings.maxCreates,
    timeoutMs: settings.timeoutMs,
    otherAccount: settings.target.other !== undefined,
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
    options: settings.recorded,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
    ...extra,
  }
}

function interactive(io: CliIo): boolean {
  const ci = io.env?.CI
  return io.isTTY === true && (ci === undefined || ci === '' || ci === 'false')
}

async function catalogueMode(settings: RunSettings, io: CliIo): Promise<number> {
  const total = tasksOf(settings.rules, settings.dialects).length
  io.stderr(header(settings, total))
  if (settings.dryRun) return dryRunMode(settings, io)
  const tty = interactive(io)
  const progress = createProgress(
    { write: (text) => io.stderr(text), ...(io.columns ? { columns: io.columns } : {}) },
    { tty, total },
  )
  const outcome = await runConformance(
    runOptionsOf(settings, io, {
      progress: {
        ruleStarted: (rule, dialect) =>
          progress.ruleStarted({ id: rule.id, title: rule.title, ...(dialect ? { dialect } : {}) }),
        ruleFinished: (result) => progress.ruleFinished(result),
      },
    }),
  )
  progress.done()
  return finish(settings, io, outcome.report, outcome.cleanup, tty)
}

function header(settings: RunSettings, total: number): string {
  const where =
    settings.target.kind === 'in-process' ? 'the mock (in-process)' : settings.target.main.baseUrl
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
    io.stdout(
      `${method} ${url}${body === undefined ? '' : `\n  ${typeof body === 'string' ? body : JSON.stringify(body)}`}\n`,
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
  const outcome = await runInitialCycleScenario({
    ...runOptionsOf(settings, io),
    users,
    dialect,
  })
  io.stdout(describeSizing(outcome.sizing))
  return finish(settings, io, outcome.report, outcome.cleanup, interactive(io))
}

async function finish(
  settings: RunSettings,
  io: CliIo,
  raw: ConformanceReport,
  cleanup: CleanupOutcome,
  color: boolean,
): Promise<number> {
  let report = settings.waivers ? applyWaivers(raw, settings.waivers) : raw
  if (settings.baseline) report = { ...report, baseline: diffReports(settings.baseline, report) }
  const files = await writeReports(report, settings.formats, settings.out)
  io.stdout(renderConsoleSummary(report, { color, files }))
  io.stdout(describeCleanup(cleanup))
  if (io.signal?.aborted) {
    io.stderr('clearid-conformance: interrupted; created identities were cleaned up (see above).\n')
    return EXIT_INTERRUPTED
  }
  return report.summary.verdict === 'fail' ? EXIT_FAILED : EXIT_OK
}

export function describeCleanup(cleanup: CleanupOutcome): string {
  if (cleanup.created === 0) return 'Cleanup: nothing was created.\n'
  const line = `Cleanup: ${cleanup.created} identities created, ${cleanup.deletedByRules} deleted by the rules, ${cleanup.deleted} deleted now, ${cleanup.failed.length} left over.\n`
  const leftovers = cleanup.failed.map(
    (f) => `  ${f.path}${f.userName ? ` (${f.userName})` : ''}: ${f.error ?? `HTTP ${f.status}`}\n`,
  )
  const hint =
    cleanup.failed.length > 0
      ? 'Remove leftovers with: clearid-conformance sweep --target URL --key KEY\n'
      : ''
  return line + leftovers.join('') + hint
}
