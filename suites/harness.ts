/**
 * The harness as a library (`clearid-conformance/harness`): `runConformance(options)` runs the rule
 * catalogue against the embedded mock, a SCIM URL or any `fetch`, and returns the same report model
 * the CLI writes. It applies the CLI's safety defaults: against anything but the embedded mock,
 * nothing is written unless `allowWrites` is set, and what a run created is deleted before it returns.
 *
 * @example
 * ```ts
 * import { runConformance } from 'clearid-conformance/harness'
 * const report = await runConformance({ rules: { profiles: ['rfc', 'entra'] } })
 * if (report.summary.verdict === 'fail') process.exitCode = 1
 * // `incomplete`: no MUST rule failed, but selected MUST rules did not run (write rules against a
 * // URL without `allowWrites`); `report.summary.notRun` says why. Treat it as a failure in CI.
 * ```
 * @module
 */
import type { FetchLike } from '../driver/http/types.ts'
import { accountOfClientId, type AssertionKey } from '../driver/rest/rest-endpoints.ts'
import { ruleMetaOf, type RuleMeta } from '../model/rule.ts'
import {
  DIALECTS,
  type ConformanceReport,
  type Dialect,
  type RuleResult,
} from '../reports/model.ts'
import { RULES, CATALOGUE } from '../rules/index.ts'
import { defaultMaxCreates, defaultRunId, RUN_DEFAULTS, runIdProblem } from './runner/run-id.ts'
import { runConformance as runRules } from './runner/run.ts'
import { selectRules, unmatchedIds, type RuleSelection } from './runner/select.ts'
import { inProcessTarget, type InProcessOptions } from './targets/in-process.ts'
import type { Target } from './targets/target.ts'
import { urlTarget } from './targets/url.ts'

/**
 * ClearID's REST API to judge: `url` is a `{service}` template (`https://{service}-demo.clearid.io`)
 * or a base the services hang under (the mock's origin); the API integration's client id and its
 * client secret, or the key file's private key for the JWT-assertion grant.
 */
export interface RestTargetSpec {
  readonly url: string
  readonly clientId: string
  /** Default: the part of the client id after the colon. */
  readonly accountId?: string
  readonly clientSecret?: string
  readonly key?: AssertionKey
}

/**
 * A SCIM endpoint to judge: its base URL (`…/scim/v2/accounts/{id}`) and SCIM key; and, or
 * instead, ClearID's REST API (`rest`).
 */
export interface UrlTargetSpec {
  /** SCIM base URL; with `key`. Leave both out to judge only `rest`. */
  readonly url?: string
  readonly key?: string
  readonly rest?: RestTargetSpec
  /** A second account of the same deployment, for the cross-account check. */
  readonly other?: { readonly url: string; readonly key: string }
  /** How requests are sent. Default: the global `fetch`. Pass `app.fetch` of your own app. */
  readonly fetch?: FetchLike
}

export interface ConformanceOptions {
  /**
   * What to judge. Default: a fresh embedded mock, in-process, with `mock` as its `createApp`
   * options. Otherwise a SCIM endpoint (`{ url, key }`).
   */
  readonly target?: UrlTargetSpec
  /** Options of the embedded mock (ignored with `target`), e.g. `{ behaviour: { … } }`. */
  readonly mock?: InProcessOptions
  /** Which rules: ids (exact, prefix or glob), tags, levels, profiles. Default: all server rules. */
  readonly rules?: RuleSelection
  /** Entra ID's request dialects to send. Default: both. */
  readonly dialects?: readonly Dialect[]
  /** Traffic seed: the same seed sends the same users. Default 1. */
  readonly seed?: number
  /** Tag of created identities (`cc-<runId>-…`). Default: `s<seed>` in-process, random otherwise. */
  readonly runId?: string
  /** Rules in flight at once. Default 4. */
  readonly concurrency?: number
  /** Allow requests that change data on a `target`. Default false (the embedded mock: always). */
  readonly allowWrites?: boolean
  /** Most identities one run may create on a `target`. Default: what the whole catalogue creates. */
  readonly maxCreates?: number
  /** Per-request timeout. Default 10 s. */
  readonly timeoutMs?: number
  /**
   * Most bytes of one answer's body the harness reads. Default 4 MiB. Past it, reading stops, the
   * rule that sent the request gets a finding and `report.run.options.responsesOverLimit` counts it.
   */
  readonly maxResponseBytes?: number
  /** Aborts the run; what it created is still cleaned up. */
  readonly signal?: AbortSignal
  /** Called as each rule run finishes. */
  readonly onResult?: (result: RuleResult) => void
}

/** Thrown for options that cannot run (a selection that matches nothing, a bad run id). */
export class ConformanceOptionsError extends Error {
  override readonly name = 'ConformanceOptionsError'
}

export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const max = options.maxResponseBytes
  if (max !== undefined && !(Number.isInteger(max) && max > 0))
    throw new ConformanceOptionsError(
      `maxResponseBytes must be a positive whole number of bytes, got ${String(max)}`,
    )
  const target = targetOf(options)
  const inProcess = target.kind === 'in-process'
  const seed = options.seed ?? RUN_DEFAULTS.seed
  const outcome = await runRules({
    target,
    rules: rulesOf(options.rules ?? {}),
    dialects: options.dialects ?? DIALECTS,
    seed,
    runId: runIdOf(options.runId, inProcess, seed),
    concurrency: options.concurrency ?? RUN_DEFAULTS.concurrency,
    allowWrites: inProcess || options.allowWrites === true,
    maxCreates: options.maxCreates ?? defaultMaxCreates(target.kind),
    timeoutMs: options.timeoutMs ?? RUN_DEFAULTS.timeoutMs,
    ...(options.maxResponseBytes !== undefined && { maxResponseBytes: options.maxResponseBytes }),
    ...(options.signal && { signal: options.signal }),
    ...(options.onResult && { progress: { ruleFinished: options.onResult } }),
    ...(options.rules?.profiles && { profiles: options.rules.profiles }),
    options: { selection: options.rules ?? {}, library: true },
  })
  await target.close?.()
  return outcome.report
}

/** Every rule's metadata (server and client rules, in catalogue order), without the checks. */
export function ruleCatalogue(): RuleMeta[] {
  return CATALOGUE.map(ruleMetaOf)
}

function targetOf(options: ConformanceOptions): Target {
  const spec = options.target
  if (spec === undefined) return inProcessTarget(options.mock ?? {})
  if ((spec.url === undefined) !== (spec.key === undefined))
    throw new ConformanceOptionsError('target.url and target.key go together')
  if (spec.url === undefined && spec.rest === undefined)
    throw new ConformanceOptionsError('the target needs a SCIM url and key, or rest')
  const rest = spec.rest && restOf(spec.rest)
  return urlTarget({
    ...(spec.url === undefined ? {} : { url: spec.url }),
    ...(spec.key === undefined ? {} : { key: spec.key }),
    ...(rest ? { rest } : {}),
    ...(spec.other && { otherUrl: spec.other.url, otherKey: spec.other.key }),
    ...(spec.fetch && { fetch: spec.fetch }),
  })
}

function restOf(spec: RestTargetSpec) {
  const accountId = spec.accountId ?? accountOfClientId(spec.clientId)
  if (accountId === undefined)
    throw new ConformanceOptionsError(
      'target.rest.accountId is needed: the client id does not name it',
    )
  if (spec.clientSecret === undefined && spec.key === undefined)
    throw new ConformanceOptionsError('target.rest needs a clientSecret or a key')
  return { ...spec, accountId }
}

function rulesOf(selection: RuleSelection) {
  const unmatched = unmatchedIds(RULES, selection.ids ?? [])
  if (unmatched.length > 0) {
    throw new ConformanceOptionsError(`no server rule matches ${unmatched.join(', ')}`)
  }
  const rules = selectRules(RULES, selection)
  if (rules.length === 0) throw new ConformanceOptionsError('the rule selection matches no rule')
  return rules
}

function runIdOf(given: string | undefined, inProcess: boolean, seed: number): string {
  if (given === undefined) return defaultRunId(inProcess, seed)
  const problem = runIdProblem(given)
  if (problem !== undefined) throw new ConformanceOptionsError(`runId ${problem}`)
  return given
}
