/**
 * Runs the selected rules against a target and builds the `ConformanceReport`. Order of events:
 * preflight (is the target there, does it accept the key), discovery, the rules (dialect rules once
 * per dialect, up to `concurrency` at a time), cleanup of everything created (always, even after a
 * failure or an interruption), report.
 *
 * @module
 */
import { Findings } from '../../rules/server/findings.ts'
import { FilterSupport } from '../../rules/server/filter-support.ts'
import { TestData } from '../../fixtures/test-data.ts'
import type { ConformanceReport, Dialect, RuleResult } from '../../reports/model.ts'
import type { Discovery, ServerCheckContext, TargetFacts } from '../../rules/server/context.ts'
import type { ServerRule } from '../../rules/server/define.ts'
import { EntraClient } from '../../driver/entra/client.ts'
import { InterruptedError, WRITES_REFUSED_REASON } from '../../driver/http/errors.ts'
import { ScimHttpClient } from '../../driver/http/scim-http.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import { RestHttpClient } from '../../driver/rest/rest-http.ts'
import { RUN_TAG_PREFIX } from '../../fixtures/workforce.ts'
import { defaultMaxCreates } from './run-id.ts'
import { cleanupCreated, type CleanupOptions, type CleanupOutcome } from './cleanup.ts'
import { watchPhases } from './interruption.ts'
import { loadDiscovery, preflight, restPreflight } from './preflight.ts'
import { cleanupRest, joinCleanups } from './rest-cleanup.ts'
import { mapPool } from '../../driver/pool.ts'
import { redactResult } from '../../reports/redact-report.ts'
import { buildReport, type ResponsesOverLimit } from './report.ts'
import type { RunOptions } from './run-options.ts'
import { resultMetaOf } from '../../reports/result-meta.ts'

export type { RunOptions, RunProgress } from './run-options.ts'

export interface RunOutcome {
  readonly report: ConformanceReport
  readonly cleanup: CleanupOutcome
  readonly requests: number
  /** Creations the rules attempted, SCIM and REST together (what `--max-creates` counts). */
  readonly createsAttempted: number
  /** Answers whose body went past the response limit, when any did: the run is incomplete. */
  readonly responsesOverLimit?: ResponsesOverLimit
}

interface Task {
  readonly rule: ServerRule
  readonly dialect?: Dialect
}

export const DRY_RUN_REASON = 'dry run: nothing was sent'

/** Stands in for an absent SCIM endpoint: no rule that needs one runs, so it is never called. */
const NO_SCIM = { baseUrl: 'http://scim.invalid', key: '' }

export function createHttp(options: RunOptions): ScimHttpClient {
  const { target } = options
  return new ScimHttpClient({
    main: target.main ?? NO_SCIM,
    ...(target.other ? { other: target.other } : {}),
    fetch: target.fetch,
    allowWrites: options.allowWrites,
    maxCreates: options.maxCreates ?? defaultMaxCreates(options.target.kind),
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.maxResponseBytes === undefined
      ? {}
      : { maxResponseBytes: options.maxResponseBytes }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.maxRetryWaitMs === undefined ? {} : { maxRetryWaitMs: options.maxRetryWaitMs }),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onRequest
      ? { onExchange: (answer: HttpAnswer) => options.onRequest?.(answer) }
      : {}),
    userAgent: 'clearid-conformance (Entra ID provisioning emulation)',
  })
}

/** The REST client of the run, sharing the SCIM client's counters and creation cap. */
export function createRest(options: RunOptions, http: ScimHttpClient): RestHttpClient | undefined {
  const rest = options.target.rest
  if (!rest) return undefined
  return new RestHttpClient(
    {
      endpoints: rest.endpoints,
      credentials: rest.credentials,
      ...(rest.control ? { control: rest.control } : {}),
      runTag: `${RUN_TAG_PREFIX}${options.runId}-`,
      fetch: options.target.fetch,
      allowWrites: options.allowWrites,
      maxCreates: options.maxCreates ?? defaultMaxCreates(options.target.kind),
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.maxResponseBytes === undefined
        ? {}
        : { maxResponseBytes: options.maxResponseBytes }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      ...(options.maxRetryWaitMs === undefined ? {} : { maxRetryWaitMs: options.maxRetryWaitMs }),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRequest
        ? { onExchange: (answer: HttpAnswer) => options.onRequest?.(answer) }
        : {}),
      userAgent: 'clearid-conformance (ClearID REST API client)',
    },
    http.shared,
  )
}

/** What the rules may count on: which doors the target has and what stands behind them. */
export function factsOf(options: Pick<RunOptions, 'target'>): TargetFacts {
  const { target } = options
  const rest = target.rest
  return {
    kind: target.kind,
    scim: target.main !== undefined,
    hasOtherAccount: target.other !== undefined,
    ...(rest
      ? {
          rest: {
            controlPlane: rest.control !== undefined,
            webhookReceiver: rest.webhooks !== undefined,
            assertionKey: rest.credentials.assertionKey !== undefined,
            clientSecret: rest.credentials.clientSecret !== undefined,
          },
        }
      : {}),
  }
}

export function tasksOf(rules: readonly ServerRule[], dialects: readonly Dialect[]): Task[] {
  return rules.flatMap((rule) =>
    rule.perDialect ? dialects.map((dialect) => ({ rule, dialect })) : [{ rule }],
  )
}

/** How cleanup runs for these options: their concurrency, abandon signal and progress hook. */
export function cleanupOptionsOf(options: RunOptions, concurrency: number): CleanupOptions {
  const progress = options.progress
  return {
    concurrency: options.concurrency ?? concurrency,
    ...(options.abandonCleanup ? { abandon: options.abandonCleanup } : {}),
    ...(progress?.cleanup ? { onProgress: (done, total) => progress.cleanup?.(done, total) } : {}),
  }
}

/**
 * Runs the rules; throws `ConnectionError` when the target is unreachable or refuses the key. An
 * interrupt (`signal`) lets the rules in flight finish (the rest are skipped), cleans up, and
 * returns a report marked `run.interrupted`.
 */
export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date()
  const http = createHttp(options)
  const rest = createRest(options, http)
  const phases = watchPhases(options.signal)
  let results: RuleResult[] = []
  let cleanup: CleanupOutcome | undefined
  try {
    const facts = factsOf(options)
    const discovery = await reachTarget(http, rest, facts, options)
    phases.enter('rules')
    const tasks = tasksOf(options.rules, options.dialects)
    const filterSupport = new FilterSupport()
    results = await mapPool(tasks, options.concurrency ?? 4, (task) =>
      runTask(task, { options, http, rest, discovery, facts, filterSupport }),
    )
  } finally {
    phases.enter('cleanup')
    const cleanupOptions = cleanupOptionsOf(options, 4)
    const scimCleanup = await cleanupCreated(http, cleanupOptions)
    cleanup = joinCleanups(scimCleanup, rest && (await cleanupRest(rest, cleanupOptions)))
  }
  const overLimit = http.responsesOverLimit
  const interrupted = phases.interruption(cleanup.abandoned === true)
  const report = buildReport({
    options,
    startedAt,
    results,
    latency: http.latency.stats(),
    cleanup,
    ...(overLimit && { responsesOverLimit: overLimit }),
    ...(interrupted && { interrupted }),
  })
  return {
    report,
    cleanup,
    requests: http.requestCount,
    createsAttempted: http.shared.budget.attempted,
    ...(overLimit && { responsesOverLimit: overLimit }),
  }
}

/**
 * Preflight and discovery: the SCIM endpoint when there is one, and a token of the REST API when
 * REST rules are to run. Interrupted there, no rule has started: each is then reported as skipped
 * (`runTask` sees the aborted signal), rather than the run ending without a report.
 */
async function reachTarget(
  http: ScimHttpClient,
  rest: RestHttpClient | undefined,
  facts: TargetFacts,
  options: RunOptions,
): Promise<Discovery> {
  try {
    if (facts.scim) await preflight(http)
    if (rest && options.rules.some((rule) => rule.surface === 'rest')) await restPreflight(rest)
    return facts.scim ? await loadDiscovery(http) : {}
  } catch (error) {
    if (error instanceof InterruptedError) return {}
    throw error
  }
}

interface TaskEnv {
  readonly options: RunOptions
  readonly http: ScimHttpClient
  readonly rest: RestHttpClient | undefined
  readonly discovery: Discovery
  readonly facts: TargetFacts
  readonly filterSupport: FilterSupport
}

async function runTask(task: Task, env: TaskEnv): Promise<RuleResult> {
  const { rule, dialect } = task
  const { options } = env
  env.options.progress?.ruleStarted?.(rule, dialect)
  const started = performance.now()
  const finish = (
    status: RuleResult['status'],
    findings: RuleResult['findings'],
    reason?: string,
  ) => {
    // Redacted as it is made: the progress hooks and the report see no key a server echoed.
    const result = redactResult(
      resultOf(rule, dialect, status, findings, performance.now() - started, reason),
    )
    options.progress?.ruleFinished?.(result)
    return result
  }
  if (options.signal?.aborted) return finish('skipped', [], 'interrupted before this rule started')
  const noSurface = missingSurface(rule, env.facts)
  if (noSurface) return finish('not-applicable', [], noSurface)
  if (rule.writes && !options.allowWrites) return finish('skipped', [], WRITES_REFUSED_REASON)
  const inapplicable = rule.applies?.(env.facts)
  if (inapplicable) return finish('not-applicable', [], inapplicable)
  const ctx = contextFor(task, env)
  const findings = await rule.check(ctx)
  if (options.dryRun) return finish('skipped', [], DRY_RUN_REASON)
  // A failure seen before the check stopped stands: it was tested, and it failed.
  if (findings.some((f) => f.severity === 'error')) return finish('failed', findings)
  if (ctx.outcome.skipped) return finish('skipped', findings, ctx.outcome.skipped)
  if (ctx.outcome.notApplicable)
    return finish('not-applicable', findings, ctx.outcome.notApplicable)
  return finish('passed', findings)
}

function contextFor(task: Task, env: TaskEnv): ServerCheckContext {
  // Rules that do not run per dialect set up their data with JSON booleans and lower-case ops, so
  // an RFC-strict server is judged on the rule's subject, not on Entra's string booleans.
  const dialect = task.dialect ?? 'entra-flag'
  const scope = task.dialect ? `${task.rule.id}@${task.dialect}` : task.rule.id
  return {
    ruleId: task.rule.id,
    dialect,
    http: env.http,
    entra: new EntraClient(env.http, dialect),
    data: new TestData(env.options.seed, env.options.runId, scope),
    discovery: env.discovery,
    target: env.facts,
    outcome: {},
    findings: new Findings(),
    filterSupport: env.filterSupport,
    ...(env.rest
      ? {
          rest: {
            http: env.rest,
            ...(env.options.target.rest?.webhooks
              ? { webhooks: env.options.target.rest.webhooks }
              : {}),
            foreignAccountId:
              env.options.target.rest?.foreignAccountId ??
              `${RUN_TAG_PREFIX}${env.options.runId}-elsewhere`,
          },
        }
      : {}),
  }
}

/** Why a rule cannot run for want of the door it speaks through. */
export function missingSurface(rule: ServerRule, facts: TargetFacts): string | undefined {
  if (rule.surface === 'scim' && !facts.scim) return 'no SCIM endpoint given (--target URL)'
  if (rule.surface === 'rest' && !facts.rest)
    return 'no ClearID REST API given (--rest-target URL with --client-id)'
  return undefined
}

function resultOf(
  rule: ServerRule,
  dialect: Dialect | undefined,
  status: RuleResult['status'],
  findings: RuleResult['findings'],
  durationMs: number,
  reason?: string,
): RuleResult {
  return {
    ...resultMetaOf(rule),
    ...(dialect ? { dialect } : {}),
    status,
    ...(reason ? { reason } : {}),
    findings,
    durationMs: Math.round(durationMs * 10) / 10,
  }
}
