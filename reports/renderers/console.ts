/**
 * Console renderer: the short summary printed at the end of a run (verdict, counts, the failed MUST
 * rules with their fix, the files written). Live progress during the run is `progress.ts`.
 *
 * @module
 */
import type { ConformanceReport, RuleResult } from '../model.ts'
import { redactReport } from '../redact-report.ts'
import { RULE_LEVELS, totalOf } from '../summarize.ts'
import { paint } from './shared/ansi.ts'
import type { Paint } from './shared/ansi.ts'
import { expectedActual, keyFinding, oneLine, RULE_FIX_LABEL } from './shared/describe.ts'
import {
  countsLine,
  interruptedLines,
  notRunLines,
  verdictSentence,
} from './shared/summary-text.ts'
import { terminalValue } from './shared/terminal-text.ts'
import { formatMs } from './shared/transcript.ts'

export { createProgress } from './progress.ts'
export type { Progress, ProgressStream } from './progress.ts'

export interface ConsoleSummaryOptions {
  readonly color: boolean
  /** Paths of the report files written, listed at the end. */
  readonly files?: readonly string[]
  /** Failed MUST rules listed in full before the rest are counted; default 10. */
  readonly maxListed?: number
}

export function renderConsoleSummary(
  report: ConformanceReport,
  options: ConsoleSummaryOptions,
): string {
  // Server text is made plain before any colour of ours is added, so only ours reach the terminal.
  const safe = terminalValue(redactReport(report))
  const p = paint(options.color)
  const { summary } = safe
  const word =
    summary.verdict === 'fail'
      ? p.bold(p.red('FAIL'))
      : summary.verdict === 'incomplete'
        ? p.bold(p.yellow('INCOMPLETE'))
        : p.bold(p.green('PASS'))
  const lines = [
    `${word}  ${verdictSentence(summary)}`,
    ...notRunLines(summary).map((line) => `  ${p.yellow(line)}`),
    ...interruptedLines(safe.run).map((line) => `  ${p.yellow(line)}`),
    `  ${countsLine(summary.counts)} in ${formatMs(safe.run.durationMs)}`,
    `  ${RULE_LEVELS.map((level) => levelCount(safe, level, p)).join(' · ')}`,
  ]
  if (safe.baseline) {
    const d = safe.baseline
    const failing =
      d.newlyFailing.length > 0
        ? p.red(`${d.newlyFailing.length} newly failing`)
        : '0 newly failing'
    lines.push(
      `  vs baseline ${d.baselineRunId}: ${failing}, ${d.newlyPassing.length} newly passing`,
    )
  }
  const failed = safe.results.filter((r) => r.status === 'failed' && r.level === 'MUST')
  if (failed.length > 0) {
    lines.push('', p.bold('Failed MUST rules:'))
    const max = options.maxListed ?? 10
    for (const result of failed.slice(0, max)) lines.push(...failedLines(result, p))
    if (failed.length > max)
      lines.push(p.dim(`  …and ${failed.length - max} more (see the HTML report)`))
  }
  const expired = (safe.waivers ?? []).filter((w) => w.state === 'expired')
  for (const w of expired)
    lines.push(p.yellow(`Waiver for ${w.rule} expired on ${w.expires ?? '?'} and was ignored.`))
  if (options.files && options.files.length > 0) {
    lines.push('', 'Reports:', ...options.files.map((file) => `  ${file}`))
  }
  return `${lines.join('\n')}\n`
}

function levelCount(report: ConformanceReport, level: RuleResult['level'], p: Paint): string {
  const c = report.summary.byLevel[level]
  const text = `${level} ${c.passed}/${totalOf(c)} passed`
  return c.failed > 0 ? `${text} ${p.red(`(${c.failed} failed)`)}` : text
}

function failedLines(result: RuleResult, p: Paint): string[] {
  const name = `${result.ruleId}${result.dialect ? ` [${result.dialect}]` : ''}`
  const lines = [`  ${p.red('✗')} ${p.bold(name)} ${oneLine(result.title, 100)}`]
  const finding = keyFinding(result)
  if (finding) {
    const ea = expectedActual(finding, 80)
    lines.push(`      ${oneLine(finding.message, 160)}${ea ? p.dim(` (${ea})`) : ''}`)
  }
  lines.push(`      ${p.dim('fix:')} ${oneLine(result.fix, 240)}`)
  if (result.ruleFix)
    lines.push(`      ${p.dim(`${RULE_FIX_LABEL.toLowerCase()}:`)} ${oneLine(result.ruleFix, 200)}`)
  return lines
}
