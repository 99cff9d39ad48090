/**
 * The versioned conformance report: what a run found, independent of how it is rendered.
 * Renderers (JSON, JUnit, Markdown, HTML) are pure functions of this model.
 *
 * Versioning: `schemaVersion` is semver-like. A minor bump adds optional fields; a major bump
 * changes or removes fields. Readers must accept unknown fields.
 *
 * @module
 */
import type {
  Exchange,
  Finding,
  RuleLevel,
  RuleProfile,
  RuleSide,
  RuleSource,
} from '../model/rule.ts'

// 1.1 added the `incomplete` verdict, `summary.notRun` and `baseline.newlyNotRun`; 1.2 added a
// result's `fixReason` and `ruleFix`, and `run.interrupted`. Older 1.x reports still load, since
// every field added since 1.0 is optional and a 1.0 verdict is one of the 1.1 verdicts. 1.3 added
// file reports (`csv check`): `judged: 'file'`, `target.kind: 'files'`, `side: 'file'` and a
// finding's `location`. 1.4 added source reports (`graph preview`): `judged: 'source'`,
// `target.kind: 'graph'` and `side: 'source'`.
export const REPORT_SCHEMA_VERSION = '1.4' as const

/** The two request dialects of Entra ID: without and with the `aadOptscim062020` flag. */
export const DIALECTS = ['entra-default', 'entra-flag'] as const
export type Dialect = (typeof DIALECTS)[number]

export type RuleStatus = 'passed' | 'failed' | 'skipped' | 'not-applicable' | 'waived'

/**
 * Why a failed result's `fix` is not the rule's own hint: what the server did was not what that
 * hint speaks of (see `reports/failure-hint.ts`). `server-error`: a 5xx. `no-response`: a timeout
 * or network failure. `not-json`: a body that is not JSON (a sign-in page, a proxy's error page).
 * `not-scim-error`: an error answer in JSON without the SCIM Error schema.
 */
export const FIX_REASONS = ['server-error', 'no-response', 'not-json', 'not-scim-error'] as const
export type FixReason = (typeof FIX_REASONS)[number]

export interface ReportTarget {
  /**
   * `in-process` (the embedded mock, no port), `url` (any SCIM base URL), `files` (CSV files),
   * `graph` (a Graph source: the fake, an export file or a Graph URL).
   */
  readonly kind: 'in-process' | 'url' | 'mock-audit' | 'files' | 'graph'
  /** Base URL with credentials and secret query parameters removed. */
  readonly url?: string
  readonly description?: string
}

export interface RunInfo {
  readonly id: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly durationMs: number
  readonly seed?: number
  readonly dialects: readonly Dialect[]
  readonly profiles: readonly RuleProfile[]
  readonly target: ReportTarget
  /**
   * Which side was judged: the server's answers, a client's traffic, files (since 1.3), or a
   * Graph source before a synchronization (since 1.4).
   */
  readonly judged: 'server' | 'client' | 'file' | 'source'
  readonly versions: { readonly tool: string; readonly node: string }
  readonly options?: Record<string, unknown>
  /** Present (since 1.2) when the run was interrupted (Ctrl-C, SIGTERM) before it finished. */
  readonly interrupted?: RunInterruption
}

/** What the run was doing when it was interrupted, and whether its cleanup finished. */
export interface RunInterruption {
  /**
   * The phase the first interrupt came in: `preflight` (reaching the target), `rules`,
   * `scenario` (the sizing scenario) or `cleanup` (deleting what the run created). Results that
   * had not finished are `skipped` with a reason that says so, so the verdict never counts them.
   */
  readonly during: 'preflight' | 'rules' | 'scenario' | 'cleanup'
  /**
   * A second interrupt abandoned cleanup: identities the run created may be left on the target
   * (`run.options.cleanup.failed` lists them; `sweep --run-id <run id>` removes them).
   */
  readonly cleanupAbandoned?: boolean
}

export interface RuleResult {
  readonly ruleId: string
  readonly title: string
  readonly level: RuleLevel
  readonly side: RuleSide
  readonly profile: RuleProfile
  readonly area: string
  readonly tags: readonly string[]
  readonly sources: readonly RuleSource[]
  /** What to change so the rule passes: the rule's own hint, unless `fixReason` is set. */
  readonly fix: string
  /** Since 1.2: set when the failure was not what the rule's hint addresses; `fix` says what to do. */
  readonly fixReason?: FixReason
  /** Since 1.2: the rule's own hint, kept here when `fixReason` put another one in `fix`. */
  readonly ruleFix?: string
  readonly msValidatorTest?: string
  /** Set when the rule ran once per Entra dialect. */
  readonly dialect?: Dialect
  readonly status: RuleStatus
  /** Why the rule was skipped, not applicable or waived. */
  readonly reason?: string
  readonly findings: readonly Finding[]
  readonly durationMs: number
}

export interface StatusCounts {
  passed: number
  failed: number
  skipped: number
  'not-applicable': number
  waived: number
}

export interface LatencyStats {
  readonly count: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
}

/**
 * `fail`: a MUST rule failed. `incomplete`: none failed, but selected MUST rules did not run (for
 * example write rules without `--allow-writes`), so the run cannot vouch for them. `pass`: every
 * selected MUST rule ran and none failed. Precedence: fail > incomplete > pass.
 */
export type Verdict = 'pass' | 'incomplete' | 'fail'

/** MUST results that did not run, grouped by why (the reason names the flag that runs them). */
export interface NotRunGroup {
  readonly reason: string
  readonly count: number
}

export interface ReportSummary {
  readonly verdict: Verdict
  /** Present (since 1.1) when MUST rules were skipped: what did not run and why. */
  readonly notRun?: readonly NotRunGroup[]
  readonly counts: StatusCounts
  readonly byLevel: Record<RuleLevel, StatusCounts>
  readonly byArea: Record<string, StatusCounts>
}

export interface ConformanceReport {
  /** `1.x`: a report written by an older 1.x tool loads too. */
  readonly schemaVersion: `1.${number}`
  readonly run: RunInfo
  readonly summary: ReportSummary
  readonly results: readonly RuleResult[]
  /** Latency per operation (e.g. `GET /Users?filter`, `POST /Users`), in milliseconds. */
  readonly latency?: Record<string, LatencyStats>
  /** Present when the run compared itself with a baseline report. */
  readonly baseline?: BaselineDiff
  /** Present when a waiver file was applied: every waiver, with what became of it. */
  readonly waivers?: readonly WaiverRecord[]
}

/**
 * Changes against a baseline report. Entries are result keys: the rule id, then ` [dialect]` when
 * the rule ran per dialect (`SRV-FILTER-001 [entra-flag]`); see `reports/result-key.ts`.
 */
export interface BaselineDiff {
  readonly baselineRunId: string
  readonly newlyFailing: readonly string[]
  readonly newlyPassing: readonly string[]
  readonly appeared: readonly string[]
  readonly disappeared: readonly string[]
  /** Since 1.1: ran (passed, failed or waived) in the baseline, skipped now. */
  readonly newlyNotRun?: readonly string[]
}

/** One entry of a waiver file (`{ "waivers": [ … ] }`, JSON only). */
export interface Waiver {
  /** A rule id or a glob (`SRV-PATCH-*`), case-insensitive; see `reports/waivers.ts`. */
  readonly rule: string
  readonly reason: string
  /** Waive only this dialect's result; all dialects when absent. */
  readonly dialect?: Dialect
  /** `YYYY-MM-DD` (UTC): from that day on the waiver no longer applies. */
  readonly expires?: string
}

export interface WaiverRecord extends Waiver {
  /** `applied`: it turned at least one failure into `waived`; `unused`: nothing failed to match it. */
  readonly state: 'applied' | 'expired' | 'unused'
  /** Result keys the waiver turned into `waived`. */
  readonly matched: readonly string[]
}

export type { Exchange, Finding }
