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

export const REPORT_SCHEMA_VERSION = '1.0' as const

/** The two request dialects of Entra ID: without and with the `aadOptscim062020` flag. */
export const DIALECTS = ['entra-default', 'entra-flag'] as const
export type Dialect = (typeof DIALECTS)[number]

export type RuleStatus = 'passed' | 'failed' | 'skipped' | 'not-applicable' | 'waived'

export interface ReportTarget {
  /** `in-process` (the embedded mock, no port), `url` (any SCIM base URL). */
  readonly kind: 'in-process' | 'url' | 'mock-audit'
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
  /** Which side was judged: the server's answers or a client's traffic. */
  readonly judged: 'server' | 'client'
  readonly versions: { readonly tool: string; readonly node: string }
  readonly options?: Record<string, unknown>
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
  readonly fix: string
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

export interface ReportSummary {
  /** `fail` when any MUST rule failed. */
  readonly verdict: 'pass' | 'fail'
  readonly counts: StatusCounts
  readonly byLevel: Record<RuleLevel, StatusCounts>
  readonly byArea: Record<string, StatusCounts>
}

export interface ConformanceReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION
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
}

/** One entry of a waiver file (`{ "waivers": [ … ] }`, JSON only). */
export interface Waiver {
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
