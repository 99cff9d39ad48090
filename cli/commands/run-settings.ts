/**
 * `run` options: parsing and validating the command line into `RunSettings` (target, selection,
 * safety limits, report files), with usage errors that say what to change.
 *
 * @module
 */
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../model/read-response.ts'
import { loadReportFile, loadWaiverFile } from '../../reports/load.ts'
import type { ConformanceReport, Dialect, Waiver } from '../../reports/model.ts'
import { FORMAT_NAMES, parseFormats, type FormatName } from '../../reports/renderers/index.ts'
import { DEFAULT_OUT_DIR } from '../../reports/write.ts'
import { RULES } from '../../rules/index.ts'
import type { RuleLevel, RuleProfile } from '../../model/rule.ts'
import type { ServerRule } from '../../rules/server/define.ts'
import { createCapProblem, createsNeeded } from '../../suites/runner/create-need.ts'
import {
  defaultMaxCreates,
  defaultRunId,
  RUN_DEFAULTS,
  runIdProblem,
} from '../../suites/runner/run-id.ts'
import { selectRules, unmatchedIds } from '../../suites/runner/select.ts'
import { dryRunTarget } from '../../suites/targets/dry-run.ts'
import type { Target } from '../../suites/targets/target.ts'
import { UsageError, type CliIo } from '../io.ts'
import * as read from '../parse.ts'
import { TARGET_HELP, TARGET_OPTIONS, targetFrom } from '../target-options.ts'

export const OPTIONS = {
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
  'require-complete': { type: 'boolean' },
  'max-creates': { type: 'string' },
  timeout: { type: 'string' },
  'max-response-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies read.OptionsConfig

export const DEFAULT_SEED = RUN_DEFAULTS.seed

export const RUN_HELP = `Usage: clearid-conformance run [options]

Sends Entra ID-style provisioning traffic to a ClearID SCIM endpoint, and ClearID REST API calls to
its token, identity and search services, and judges every answer.

Selection:
  --rule ID                  rule id, prefix (SRV-FILTER) or glob (REST-*); repeatable
  --tag TAG / --level MUST,SHOULD,MAY / --profile rfc,entra,clearid
  --dialect entra-default,entra-flag   Entra dialects (default both)
  --seed N                   traffic seed (default ${DEFAULT_SEED}); same seed, same traffic
  --concurrency N            rules in flight at once (default 4)
  --scenario initial-cycle --users N   the sizing scenario: users/s and p50/p99 per operation
${TARGET_HELP}
Safety against a deployment (any --target):
  --allow-writes             allow requests that change data (default: read-only rules only)
  --dry-run                  print every request that would be sent; send nothing
  --max-creates N            most identities one run may create (default ${RUN_DEFAULTS.maxCreates}, what
                             the whole catalogue creates); a run whose rules need more is refused
                             before it sends anything
  --timeout 10s              per-request timeout
  --max-response-bytes SIZE  most of one answer's body read (default 4MiB); past it the rule fails
                             and the run exits 2
  --run-id ID                tag of created identities (cc-<run id>-…; default random)
Reports:
  --out DIR                  directory (default ${DEFAULT_OUT_DIR}/); - prints one --format to stdout
  --format LIST              ${FORMAT_NAMES.join(',')} (default all)
  --baseline BASE.json       name what changed since a previous report
  --waivers FILE             JSON waivers: { "waivers": [{ "rule", "reason", "dialect"?, "expires"? }] };
                             rule is an id or a glob (SRV-PATCH-*); one matching no rule is refused
  --require-complete         exit 3 when the verdict is INCOMPLETE (selected MUST rules did not run)

Verdicts: FAIL a MUST rule failed; INCOMPLETE none failed but selected MUST rules did not run (e.g.
write rules without --allow-writes; the summary says which flag runs them); PASS every selected MUST
rule ran and none failed.
Exit codes: 0 PASS or INCOMPLETE, 1 a MUST rule failed, 2 usage or connection error or an answer
past --max-response-bytes, 3 INCOMPLETE with --require-complete, 130 interrupted.

Progress goes to stderr: a bar with counts, rate and ETA on a terminal, a plain line every few
seconds in a log. Ctrl-C stops the run: what is in flight finishes, everything it created is
deleted, the report is written (marked interrupted) and it exits 130. A second Ctrl-C abandons that
cleanup and prints what is left with the sweep command that removes it; a third quits at once.
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
  /** INCOMPLETE exits 3 instead of 0. */
  readonly requireComplete: boolean
  readonly maxCreates: number
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly scenario?: { readonly users: number }
  readonly out: string
  readonly formats: FormatName[]
  readonly baseline?: ConformanceReport
  readonly waivers?: readonly Waiver[]
  readonly recorded: Record<string, unknown>
}

export type RunValues = ReturnType<typeof read.parse<typeof OPTIONS>>['values']
type Values = RunValues

export async function readSettings(values: Values, io: CliIo): Promise<RunSettings> {
  // Everything that can be refused without the target first: a target may hold a receiver open.
  const seed = read.integer('seed', values.seed, DEFAULT_SEED)
  const rules = chooseRules(values)
  const scenario = readScenario(values)
  const dryRun = values['dry-run'] === true
  const formats = parseFormatList(values.format)
  if (values.out === '-' && formats.length !== 1) {
    throw new UsageError(
      '--out - writes one report to stdout: pick its format, e.g. --format junit (or json, md, html)',
    )
  }
  const extras = await loadExtras(values)
  const target = await targetFrom(values, io)
  try {
    return settingsFor(values, { target, seed, rules, scenario, dryRun, formats, extras })
  } catch (error) {
    await target.close?.()
    throw error
  }
}

interface Parsed {
  readonly target: Target
  readonly seed: number
  readonly rules: ServerRule[]
  readonly scenario: { users: number } | undefined
  readonly dryRun: boolean
  readonly formats: FormatName[]
  readonly extras: { baseline?: ConformanceReport; waivers?: readonly Waiver[] }
}

function settingsFor(values: Values, parsed: Parsed): RunSettings {
  const { target, seed, rules, scenario, dryRun, formats, extras } = parsed
  const allowWrites = target.kind === 'in-process' || values['allow-writes'] === true
  if (scenario && !allowWrites) {
    throw new UsageError('the initial-cycle scenario creates identities: pass --allow-writes')
  }
  const settings: RunSettings = {
    target: dryRun ? dryRunTarget(target) : target,
    rules,
    dialects: read.dialects(values.dialect),
    seed,
    runId: runIdOf(values['run-id'], target, seed),
    concurrency: read.integer(
      'concurrency',
      values.concurrency,
      scenario ? 8 : RUN_DEFAULTS.concurrency,
      1,
    ),
    allowWrites,
    dryRun,
    requireComplete: values['require-complete'] === true,
    maxCreates: read.integer('max-creates', values['max-creates'], defaultMaxCreates(target.kind)),
    timeoutMs: read.duration('timeout', values.timeout, RUN_DEFAULTS.timeoutMs),
    maxResponseBytes: read.byteSize(
      'max-response-bytes',
      values['max-response-bytes'],
      DEFAULT_MAX_RESPONSE_BYTES,
    ),
    ...(scenario ? { scenario } : {}),
    out: values.out ?? DEFAULT_OUT_DIR,
    formats,
    ...extras,
    recorded: {},
  }
  if (scenario && !target.main) {
    throw new UsageError('the initial-cycle scenario provisions over SCIM: pass --target URL')
  }
  // Before anything is sent: the cap would otherwise skip the last rules half-way through the run.
  const capProblem =
    scenario || dryRun ? undefined : createCapProblem(createsNeeded(settings), settings.maxCreates)
  if (capProblem !== undefined) throw new UsageError(capProblem)
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
    // Server rule ids only: a run judges server rules, so any other waiver would waive nothing.
    const loaded = await loadWaiverFile(
      values.waivers,
      RULES.map((rule) => rule.id),
    )
    if (!loaded.ok) throw new UsageError(loaded.error)
    out.waivers = loaded.value
  }
  return out
}

function runIdOf(given: string | undefined, target: Target, seed: number): string {
  if (given === undefined) return defaultRunId(target.kind === 'in-process', seed)
  const problem = runIdProblem(given)
  if (problem !== undefined) throw new UsageError(`--run-id ${problem}`)
  return given
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
    maxResponseBytes: settings.maxResponseBytes,
    otherAccount: settings.target.other !== undefined,
    rest: settings.target.rest
      ? {
          grant:
            settings.target.rest.credentials.clientSecret === undefined
              ? 'jwt-assertion'
              : 'client-secret',
          controlPlane: settings.target.rest.control !== undefined,
          webhookReceiver: settings.target.rest.webhooks !== undefined,
        }
      : null,
  }
}
