/**
 * Small text helpers every renderer shares: which finding to lead with, how to quote a value in one
 * line, how to label a status.
 *
 * @module
 */
import type { Finding } from '../../../model/rule.ts'
import type { RuleResult, RuleStatus } from '../../model.ts'

export const STATUS_LABEL: Readonly<Record<RuleStatus, string>> = {
  passed: 'passed',
  failed: 'failed',
  waived: 'waived',
  skipped: 'skipped',
  'not-applicable': 'n/a',
}

/**
 * How renderers label `ruleFix`: the rule's own hint, shown after the one that fits the failure
 * (`reports/failure-hint.ts`).
 */
export const RULE_FIX_LABEL = "The rule's own fix"

/** The finding that explains the result best: the first error, else the first finding. */
export function keyFinding(result: RuleResult): Finding | undefined {
  return result.findings.find((finding) => finding.severity === 'error') ?? result.findings[0]
}

/** A JSON value on one line, cut at `limit` characters. */
export function oneLineValue(value: unknown, limit = 200): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'undefined')
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`
}

/** `expected 1, got 0` when the finding carries them, else an empty string. */
export function expectedActual(finding: Finding, limit = 200): string {
  const parts: string[] = []
  if ('expected' in finding) parts.push(`expected ${oneLineValue(finding.expected, limit)}`)
  if ('actual' in finding) parts.push(`got ${oneLineValue(finding.actual, limit)}`)
  return parts.join(', ')
}

/** Text cut to `limit` characters on one line. */
export function oneLine(text: string, limit = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`
}

/** `SRV-FILTER-001 Title [entra-flag]`, the JUnit test name. */
export function resultName(result: RuleResult): string {
  const base = `${result.ruleId} ${result.title}`
  return result.dialect ? `${base} [${result.dialect}]` : base
}

/** `2026-11-22T10:15:00.000Z` → `2026-11-22 10:15:00 UTC`; other text unchanged. */
export function readableTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso)
  return m ? `${m[1]} ${m[2]} UTC` : iso
}
