/**
 * Waivers: accepted, documented failures. A waiver file is JSON (never YAML):
 *
 * ```json
 * { "waivers": [
 *   { "rule": "SRV-PATCH-007", "reason": "CID-4411, fixed in 5.3", "dialect": "entra-default",
 *     "expires": "2027-01-01" }
 * ] }
 * ```
 *
 * `rule` is an exact rule id or a glob (`SRV-PATCH-*`, `SRV-?ILTER-001`; `*` any run of
 * characters, `?` one), case-insensitive. Given the catalogue's ids, `parseWaivers` refuses an id or
 * glob that names no rule, since such a waiver would silently waive nothing.
 *
 * A waived failure is reported as `waived (reason)`, never as passed, and does not fail the run.
 * From its `expires` day on (UTC) a waiver is ignored and listed as expired.
 *
 * @module
 */
import {
  DIALECTS,
  type ConformanceReport,
  type Dialect,
  type RuleResult,
  type Waiver,
  type WaiverRecord,
} from './model.ts'
import { idMatcher, isIdGlob } from '../model/rule-id-pattern.ts'
import { resultKey } from './result-key.ts'
import { summarize } from './summarize.ts'

export type { Waiver, WaiverRecord }

const FIELDS = new Set(['rule', 'reason', 'dialect', 'expires'])

export type WaiverParseResult =
  | { readonly ok: true; readonly waivers: readonly Waiver[] }
  | { readonly ok: false; readonly errors: readonly string[] }

/**
 * Checks the shape of a parsed waiver file; errors name the entry (`waivers[2].expires`). With
 * `knownRuleIds` (the catalogue) it also refuses a `rule` that matches none of them.
 */
export function parseWaivers(json: unknown, knownRuleIds?: readonly string[]): WaiverParseResult {
  if (!isRecord(json) || !Array.isArray(json.waivers)) {
    return { ok: false, errors: ['expected an object { "waivers": [ … ] }'] }
  }
  const errors: string[] = []
  const waivers: Waiver[] = []
  json.waivers.forEach((entry: unknown, index) => {
    const at = `waivers[${index}]`
    const shape = waiverProblems(entry)
    const unknown =
      shape.length === 0 && knownRuleIds ? unknownRule((entry as Waiver).rule, knownRuleIds) : []
    const problems = [...shape, ...unknown].map((problem) => `${at}${problem}`)
    errors.push(...problems)
    if (problems.length === 0) waivers.push(entry as Waiver)
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, waivers }
}

function waiverProblems(entry: unknown): string[] {
  if (!isRecord(entry)) return [': expected an object with "rule" and "reason"']
  const problems: string[] = []
  if (typeof entry.rule !== 'string' || entry.rule.trim() === '') {
    problems.push(
      '.rule: expected a rule id such as "SRV-FILTER-001" or a glob such as "SRV-PATCH-*"',
    )
  }
  if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
    problems.push('.reason: expected a non-empty explanation (a waiver must say why)')
  }
  if (entry.dialect !== undefined && !DIALECTS.includes(entry.dialect as Dialect)) {
    problems.push(`.dialect: expected one of ${DIALECTS.join(', ')}`)
  }
  if (entry.expires !== undefined && !isIsoDate(entry.expires)) {
    problems.push('.expires: expected a date YYYY-MM-DD')
  }
  for (const key of Object.keys(entry)) {
    if (!FIELDS.has(key))
      problems.push(`.${key}: unknown field (allowed: ${[...FIELDS].join(', ')})`)
  }
  return problems
}

function unknownRule(rule: string, knownRuleIds: readonly string[]): string[] {
  const match = idMatcher(rule, 'exact')
  if (knownRuleIds.some((id) => match(id))) return []
  const what = isIdGlob(rule) ? 'pattern' : 'rule id'
  return [
    `.rule: ${what} "${rule}" matches no rule in the catalogue; correct it (see \`clearid-conformance rules\`) or remove the waiver`,
  ]
}

export interface ApplyWaiversOptions {
  /** The day expiry is judged against; defaults to now. */
  readonly today?: Date
}

/**
 * Turns failed results matched by an unexpired waiver into `waived`, records what became of each
 * waiver in `report.waivers`, and recomputes the summary. Passed results stay passed.
 */
export function applyWaivers(
  report: ConformanceReport,
  waivers: readonly Waiver[],
  options: ApplyWaiversOptions = {},
): ConformanceReport {
  const today = (options.today ?? new Date()).toISOString().slice(0, 10)
  const active = waivers.filter((waiver) => waiver.expires === undefined || today < waiver.expires)
  const matched = new Map<Waiver, string[]>(active.map((waiver) => [waiver, []]))
  const results = report.results.map((result) => {
    if (result.status !== 'failed') return result
    const waiver = active.find((candidate) => matches(candidate, result))
    if (!waiver) return result
    matched.get(waiver)?.push(resultKey(result))
    return { ...result, status: 'waived' as const, reason: `waived (${waiver.reason})` }
  })
  const records: WaiverRecord[] = waivers.map((waiver) => {
    const keys = matched.get(waiver)
    const state = keys === undefined ? 'expired' : keys.length > 0 ? 'applied' : 'unused'
    return { ...waiver, state, matched: keys ?? [] }
  })
  return { ...report, results, summary: summarize(results), waivers: records }
}

function matches(waiver: Waiver, result: RuleResult): boolean {
  if (!idMatcher(waiver.rule, 'exact')(result.ruleId)) return false
  return waiver.dialect === undefined || waiver.dialect === result.dialect
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
