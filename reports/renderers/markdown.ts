/**
 * Markdown renderer for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict first, then
 * regressions against the baseline, counts, the failed MUST rules with their fix and key finding,
 * and the failed SHOULD rules more briefly. The text stays under a size budget (GitHub rejects
 * comments over 65,536 characters) and says what it left out.
 *
 * @module
 */
import type { Finding } from '../../model/rule.ts'
import type { ConformanceReport, RuleResult } from '../model.ts'
import { redactReport } from '../redact-report.ts'
import { indexResults } from '../result-key.ts'
import { RULE_LEVELS, totalOf } from '../summarize.ts'
import {
  keyFinding,
  oneLine,
  oneLineValue,
  readableTime,
  RULE_FIX_LABEL,
} from './shared/describe.ts'
import { mdCode, mdFence, mdLink, mdRow, mdTable, mdText } from './shared/markdown-text.ts'
import {
  countsLine,
  interruptedLines,
  notRunLines,
  verdictSentence,
  verdictWord,
} from './shared/summary-text.ts'
import { TextBudget as Budget } from './shared/text-budget.ts'
import { exchangeOneLine, formatExchange, formatMs } from './shared/transcript.ts'

export interface MarkdownRenderOptions {
  /** Maximum length of the output in characters; default 60,000. */
  readonly maxLength?: number
  /** Heading of the document; default "ClearID SCIM conformance". */
  readonly title?: string
  /** Where the full report lives (a CI artifact URL), linked when the text is cut. */
  readonly fullReportUrl?: string
}

const DEFAULT_MAX_LENGTH = 60_000
const MAX_REGRESSION_ROWS = 100
const TRANSCRIPT_BODY_LIMIT = 1500

export function renderMarkdown(
  report: ConformanceReport,
  options: MarkdownRenderOptions = {},
): string {
  const safe = redactReport(report)
  const budget = new Budget(options.maxLength ?? DEFAULT_MAX_LENGTH)
  const omitted: string[] = []
  budget.add(header(safe, options.title ?? 'ClearID SCIM conformance'))
  if (safe.baseline) regressions(safe, budget)
  budget.add(levelTable(safe))
  failedRules(safe, 'MUST', budget, omitted)
  failedRules(safe, 'SHOULD', budget, omitted)
  budget.add(areaTable(safe))
  const waivers = waiverSection(safe)
  if (waivers) budget.add(waivers)
  const tail: string[] = []
  if (budget.full) tail.push(truncationNote(omitted, options.fullReportUrl))
  tail.push(footer(safe))
  return `${budget.text()}\n\n${tail.join('\n\n')}\n`
}

function header(report: ConformanceReport, title: string): string {
  const { run } = report
  const target = run.target.url ? mdCode(run.target.url) : mdText(run.target.kind)
  const facts = [
    `Target ${target}${run.target.description ? ` (${mdText(run.target.description)})` : ''}`,
    `run ${mdCode(run.id)}`,
    ...(run.seed === undefined ? [] : [`seed ${mdCode(String(run.seed))}`]),
    `dialects ${run.dialects.map((d) => mdCode(d)).join(', ') || 'none'}`,
    `started ${mdText(readableTime(run.startedAt))}, took ${formatMs(run.durationMs)}`,
  ]
  return [
    `## ${mdText(title)}: ${verdictWord(report.summary)}`,
    `**Verdict: ${mdCode(verdictWord(report.summary))}** · ${mdText(verdictSentence(report.summary))} · ${mdText(countsLine(report.summary.counts))}`,
    ...notRunLines(report.summary).map((line) => `**${mdText(line)}**`),
    ...interruptedLines(run).map((line) => `**${mdText(line)}**`),
    facts.join(' · '),
  ].join('\n\n')
}

function regressions(report: ConformanceReport, budget: Budget): void {
  const diff = report.baseline
  if (!diff) return
  const index = indexResults(report.results)
  const mustFailing = diff.newlyFailing.filter((key) => index.get(key)?.level === 'MUST').length
  const counts = [
    `**${diff.newlyFailing.length} newly failing**${mustFailing > 0 ? ` (${mustFailing} MUST)` : ''}`,
    `${diff.newlyPassing.length} newly passing`,
    `${diff.appeared.length} appeared`,
    `${diff.disappeared.length} disappeared`,
  ].join(' · ')
  const rows: string[][] = []
  const add = (change: string, keys: readonly string[]) => {
    for (const key of keys) {
      const result = index.get(key)
      rows.push([
        change,
        mdCode(key),
        result ? result.level : '',
        result ? mdText(oneLine(result.title, 120)) : '(not in this run)',
        result ? result.status : '',
      ])
    }
  }
  add('**newly failing**', diff.newlyFailing)
  add('newly passing', diff.newlyPassing)
  add('appeared', diff.appeared)
  add('disappeared', diff.disappeared)
  const shown = rows.slice(0, MAX_REGRESSION_ROWS)
  const more = rows.length - shown.length
  const parts = [`### Changes since baseline ${mdCode(diff.baselineRunId)}`, counts]
  if (shown.length > 0) parts.push(mdTable(['Change', 'Result', 'Level', 'Title', 'Now'], shown))
  if (more > 0) parts.push(`…and ${more} more changes (see the JSON or HTML report).`)
  budget.add(parts.join('\n\n'))
}

function levelTable(report: ConformanceReport): string {
  const rows = RULE_LEVELS.map((level) => {
    const c = report.summary.byLevel[level]
    return [level, ...countCells(c), String(totalOf(c))]
  })
  return ['### Results by level', mdTable(['Level', ...COUNT_HEADERS, 'Total'], rows)].join('\n\n')
}

function areaTable(report: ConformanceReport): string {
  const rows = Object.entries(report.summary.byArea).map(([area, c]) => [
    mdText(area),
    ...countCells(c),
    String(totalOf(c)),
  ])
  return ['### Results by area', mdTable(['Area', ...COUNT_HEADERS, 'Total'], rows)].join('\n\n')
}

const COUNT_HEADERS = ['Failed', 'Passed', 'Waived', 'Skipped', 'N/A']

function countCells(c: ConformanceReport['summary']['counts']): string[] {
  return [
    c.failed > 0 ? `**${c.failed}**` : '0',
    c.passed,
    c.waived,
    c.skipped,
    c['not-applicable'],
  ].map(String)
}

function failedRules(
  report: ConformanceReport,
  level: 'MUST' | 'SHOULD',
  budget: Budget,
  omitted: string[],
): void {
  const failed = report.results.filter((r) => r.status === 'failed' && r.level === level)
  if (failed.length === 0) return
  if (!budget.add(`### Failed ${level} rules (${failed.length})`)) {
    omitted.push(`${failed.length} failed ${level} rules`)
    return
  }
  if (level === 'SHOULD') return shouldTable(failed, budget, omitted)
  for (const [i, result] of failed.entries()) {
    const full = mustBlock(result, true)
    if (budget.add(budget.fits(full) ? full : mustBlock(result, false))) continue
    omitted.push(`${failed.length - i} failed MUST rules`)
    return
  }
}

function mustBlock(result: RuleResult, withTranscript: boolean): string {
  const finding = keyFinding(result)
  const title = `#### ${ruleRef(result)} ${mdText(result.title)}`
  const lines = [`- **Fix:** ${mdText(result.fix)}`]
  if (result.ruleFix) lines.push(`- **${RULE_FIX_LABEL}:** ${mdText(result.ruleFix)}`)
  if (finding) {
    const ea = expectedActualMd(finding)
    lines.push(`- **Finding:** ${mdText(oneLine(finding.message, 400))}${ea ? ` (${ea})` : ''}`)
    if (finding.exchange)
      lines.push(`- **Exchange:** ${mdCode(oneLine(exchangeOneLine(finding.exchange), 300))}`)
  }
  const more = result.findings.length - (finding ? 1 : 0)
  if (more > 0) lines.push(`- ${more} more finding${more === 1 ? '' : 's'} in the full report`)
  const sources = result.sources.map((s) => mdLink(s.ref, s.url)).join(', ')
  lines.push(
    `- **Area:** ${mdText(result.area)} · **Profile:** ${result.profile}${sources ? ` · **Sources:** ${sources}` : ''}`,
  )
  const parts = [title, lines.join('\n')]
  if (withTranscript && finding?.exchange) {
    const transcript = formatExchange(finding.exchange, { bodyLimit: TRANSCRIPT_BODY_LIMIT })
    parts.push(
      `<details><summary>Request and response</summary>\n\n${mdFence(transcript, 'http')}\n\n</details>`,
    )
  }
  return parts.join('\n\n')
}

function shouldTable(failed: readonly RuleResult[], budget: Budget, omitted: string[]): void {
  const header = mdTable(['Rule', 'Title', 'Finding', 'Fix'], [])
  const rows: string[] = []
  for (const [i, result] of failed.entries()) {
    const finding = keyFinding(result)
    const row = mdRow([
      ruleRef(result),
      mdText(oneLine(result.title, 120)),
      finding ? mdText(oneLine(finding.message, 200)) : '',
      mdText(oneLine(result.fix, 200)),
    ])
    if (!budget.fits([header, ...rows, row].join('\n'))) {
      omitted.push(`${failed.length - i} failed SHOULD rules`)
      break
    }
    rows.push(row)
  }
  if (rows.length > 0) budget.add([header, ...rows].join('\n'))
}

function waiverSection(report: ConformanceReport): string | undefined {
  const waived = report.results.filter((r) => r.status === 'waived')
  const expired = (report.waivers ?? []).filter((w) => w.state === 'expired')
  const unused = (report.waivers ?? []).filter((w) => w.state === 'unused')
  if (waived.length + expired.length + unused.length === 0) return undefined
  const lines = waived.map((r) => `- ${ruleRef(r)} (${r.level}): ${mdText(r.reason ?? 'waived')}`)
  for (const w of expired) {
    lines.push(
      `- Expired on ${mdText(w.expires ?? '')}, ignored: ${mdCode(w.rule)} (${mdText(w.reason)}). Renew or remove it.`,
    )
  }
  for (const w of unused) lines.push(`- Unused: ${mdCode(w.rule)} matched no failure. Remove it.`)
  return [
    '### Waivers',
    'Waived failures do not fail the run and are never counted as passed.',
    lines.join('\n'),
  ].join('\n\n')
}

function expectedActualMd(finding: Finding): string {
  const parts: string[] = []
  if ('expected' in finding) parts.push(`expected ${mdCode(oneLineValue(finding.expected, 160))}`)
  if ('actual' in finding) parts.push(`got ${mdCode(oneLineValue(finding.actual, 160))}`)
  return parts.join(', ')
}

/** `SRV-X` plus the dialect, both as code. */
function ruleRef(result: RuleResult): string {
  return `${mdCode(result.ruleId)}${result.dialect ? ` ${mdCode(result.dialect)}` : ''}`
}

function truncationNote(omitted: readonly string[], url: string | undefined): string {
  const what = omitted.length > 0 ? `${omitted.join(', ')} not shown` : 'Some sections not shown'
  const where = url ? mdLink('the full report', url) : 'the HTML or JSON report'
  return `> **Truncated:** ${mdText(what)} to stay within the size limit of a comment. See ${where}.`
}

function footer(report: ConformanceReport): string {
  return `<sub>clearid-conformance ${mdText(report.run.versions.tool)} · report schema ${mdText(report.schemaVersion)} · finished ${mdText(report.run.finishedAt)}</sub>`
}
