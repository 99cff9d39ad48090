/**
 * Runs the CSV rules as observers over the events of a check and turns what they report into rule
 * results. Findings are capped per rule and file (a file with 100,000 bad rows gives the first
 * ones and a count, not 100,000 findings), so memory stays flat however large the file.
 *
 * @module
 */
import type { Finding } from '../model/rule.ts'
import type { RuleResult } from '../reports/model.ts'
import { resultMetaOf } from '../reports/result-meta.ts'
import {
  describeLocation,
  type CsvEvent,
  type CsvFindingInput,
  type CsvObserver,
  type CsvRule,
} from '../rules/csv/define.ts'

/** Findings kept per rule and file; the rest are counted. */
export const FINDINGS_PER_FILE = 20

interface RuleState {
  readonly rule: CsvRule
  readonly observer: CsvObserver
  readonly findings: Finding[]
  notApplicable?: string
  kept: number
  over: { count: number; severity: Finding['severity'] }
  durationMs: number
}

const TIMED_EVERY = 16

const RANK: Record<Finding['severity'], number> = { error: 2, warning: 1, info: 0 }

export class CsvRuleRun {
  readonly #states: RuleState[]
  #file = ''
  #dataRows = 0

  constructor(rules: readonly CsvRule[]) {
    this.#states = rules.map((rule) => {
      const state: RuleState = {
        rule,
        observer: () => undefined,
        findings: [],
        kept: 0,
        over: { count: 0, severity: 'info' },
        durationMs: 0,
      }
      const observer = rule.observe({
        report: (input) => this.#report(state, input),
        notApplicable: (reason) => {
          state.notApplicable = reason
        },
      })
      return Object.assign(state, { observer })
    })
  }

  /** Hands the event to every rule. */
  emit(event: CsvEvent): void {
    if (event.type === 'file') this.#startFile(event.file.name)
    if (event.type === 'row') this.#dataRows++
    // Timing every rule on every row costs more than some rules do: rows are timed one in
    // TIMED_EVERY and counted that many times over; other events always.
    const timed = event.type !== 'row' || this.#dataRows % TIMED_EVERY === 0
    const weight = event.type === 'row' ? TIMED_EVERY : 1
    for (const state of this.#states) {
      if (!timed) {
        state.observer(event)
        continue
      }
      const started = performance.now()
      state.observer(event)
      state.durationMs += (performance.now() - started) * weight
    }
    if (event.type === 'fileEnd') this.#endFile()
  }

  #startFile(name: string): void {
    this.#file = name
    for (const state of this.#states) {
      state.kept = 0
      state.over = { count: 0, severity: 'info' }
    }
  }

  #endFile(): void {
    for (const state of this.#states) {
      const { count, severity } = state.over
      if (count === 0) continue
      state.findings.push({
        severity,
        message: `${this.#file}: ${count.toLocaleString('en-US')} more finding${count === 1 ? '' : 's'} like these (the first ${FINDINGS_PER_FILE} are listed).`,
        location: { file: this.#file },
      })
    }
  }

  #report(state: RuleState, input: CsvFindingInput): void {
    const severity = input.severity ?? (state.rule.level === 'MUST' ? 'error' : 'warning')
    if (state.kept >= FINDINGS_PER_FILE) {
      state.over.count++
      if (RANK[severity] > RANK[state.over.severity]) state.over.severity = severity
      return
    }
    state.kept++
    const place = input.location ? `${describeLocation(input.location)}: ` : ''
    const message = input.message.startsWith(input.location?.file ?? '\u0000')
      ? input.message
      : `${place}${input.message}`
    state.findings.push({
      severity,
      message,
      ...(input.location && { location: input.location }),
      ...('expected' in input && { expected: input.expected }),
      ...('actual' in input && { actual: input.actual }),
    })
  }

  /** One result per rule, in catalogue order. */
  results(): RuleResult[] {
    return this.#states.map((state) => {
      // A MUST rule fails on an error; its warnings are notes (a chosen last-wins duplicate). A
      // SHOULD or MAY rule fails on a warning too, which never fails the verdict.
      const failed = state.findings.some(
        (f) => f.severity === 'error' || (state.rule.level !== 'MUST' && f.severity === 'warning'),
      )
      const base = {
        ...resultMetaOf(state.rule),
        findings: state.findings,
        durationMs: Math.round(state.durationMs),
      }
      if (failed) return { ...base, status: 'failed' }
      if (state.notApplicable)
        return { ...base, status: 'not-applicable', reason: state.notApplicable }
      if (state.rule.needs === 'rows' && this.#dataRows === 0)
        return {
          ...base,
          status: 'skipped',
          reason: 'no data row was read: the file rules (CSV-FILE-…) say why',
        }
      return { ...base, status: 'passed' }
    })
  }
}
