/**
 * The client compliance report: the same versioned `ConformanceReport` the harness writes, with
 * `run.judged: 'client'` and `target.kind: 'mock-audit'`, so the same renderers, diff and waivers
 * apply to a vendor's client.
 *
 * @module
 */
import {
  REPORT_SCHEMA_VERSION,
  type ConformanceReport,
  type LatencyStats,
  type RuleResult,
} from '../reports/model.ts'
import { summarize } from '../reports/summarize.ts'
import { LatencyRecorder, operationOf } from '../reports/latency.ts'
import { ClientAuditor } from './audit.ts'
import type { TrafficRecord } from '../mock-server/traffic/record.ts'
import { RULE_PROFILES } from '../model/rule.ts'

export interface ClientReportInfo {
  readonly accountId: string
  /** ISO 8601. Default: the first exchange's time, else `finishedAt`. */
  readonly startedAt?: string
  /** ISO 8601. Default: now. */
  readonly finishedAt?: string
  /** The Tenant URL the client was given. */
  readonly tenantUrl?: string
  readonly description?: string
  readonly runId?: string
  readonly toolVersion?: string
  /** How the session was run (faults, durations), secrets removed. */
  readonly options?: Readonly<Record<string, unknown>>
}

/** Why every client rule is `skipped` when the mock received nothing: no traffic judges nothing. */
export const NO_TRAFFIC_REASON =
  'no traffic: the client sent no request; point it at the Tenant URL with the Secret Token and let it sync before stopping'

export function buildClientReport(
  session: readonly TrafficRecord[],
  info: ClientReportInfo,
  auditor: ClientAuditor = new ClientAuditor(),
): ConformanceReport {
  const finishedAt = info.finishedAt ?? new Date().toISOString()
  const startedAt = info.startedAt ?? session[0]?.at ?? finishedAt
  const results = noTraffic(auditor.results(session), session.length)
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    run: {
      id: info.runId ?? `client-${crypto.randomUUID()}`,
      startedAt,
      finishedAt,
      durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
      dialects: [],
      profiles: [...RULE_PROFILES],
      target: {
        kind: 'mock-audit',
        ...(info.tenantUrl !== undefined && { url: info.tenantUrl }),
        description: info.description ?? `SCIM client traffic to account "${info.accountId}"`,
      },
      judged: 'client',
      versions: { tool: info.toolVersion ?? 'unknown', node: nodeVersion() },
      options: { account: info.accountId, exchanges: session.length, ...info.options },
    },
    summary: summarize(results),
    results,
    ...(session.length > 0 && { latency: latencyOf(session) }),
  }
}

// Without a request every client rule is vacuously "not applicable", which summed to a green PASS.
// Skipped with a reason instead, so the verdict is `incomplete` and the summary says what to do.
function noTraffic(results: RuleResult[], exchanges: number): RuleResult[] {
  if (exchanges > 0) return results
  return results.map((result) => ({ ...result, status: 'skipped', reason: NO_TRAFFIC_REASON }))
}

function nodeVersion(): string {
  const proc = (globalThis as { process?: { version?: string } }).process
  return proc?.version ?? 'unknown'
}

/** The mock's own answer times per operation (same shapes as the harness), so slow faults show. */
function latencyOf(session: readonly TrafficRecord[]): Record<string, LatencyStats> {
  const recorder = new LatencyRecorder()
  for (const record of session) {
    const { method, path, query } = record.request
    recorder.record(
      operationOf(method, query === '' ? path : `${path}?${query}`),
      record.durationMs,
    )
  }
  return recorder.stats()
}
