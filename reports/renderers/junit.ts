/**
 * JUnit XML renderer, for CI test tabs (Jenkins, GitLab, Azure DevOps, GitHub test reporters). One
 * `<testsuite>` per area, one `<testcase>` per rule and dialect; failures carry the findings and the
 * HTTP exchange. The output validates against the Jenkins/Ant `junit-10.xsd` shape
 * (`reports/test/junit.xsd`), which allows no attributes beyond those used here.
 *
 * @module
 */
import { interruptedLines, notRunLines } from './shared/summary-text.ts'
import type { Finding } from '../../model/rule.ts'
import type { ConformanceReport, RuleResult } from '../model.ts'
import { redactReport } from '../redact-report.ts'
import { keyFinding, oneLine, resultName, RULE_FIX_LABEL } from './shared/describe.ts'
import { escapeXmlAttr as attr, escapeXmlText as text } from './shared/escape.ts'
import { formatRequest, formatResponse, formatValue } from './shared/transcript.ts'
import type { TranscriptOptions } from './shared/transcript.ts'

export interface JunitRenderOptions extends TranscriptOptions {
  /** Name of the `<testsuites>` element. */
  readonly suiteName?: string
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

export function renderJunit(report: ConformanceReport, options: JunitRenderOptions = {}): string {
  const safe = redactReport(report)
  const areas = groupByArea(safe.results)
  const failures = safe.results.filter((result) => result.status === 'failed').length
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(options.suiteName ?? 'clearid-conformance')}" tests="${safe.results.length}" failures="${failures}" errors="0" time="${seconds(safe.run.durationMs)}">`,
  ]
  let id = 0
  for (const [area, results] of areas) lines.push(...suite(safe, area, results, id++, options))
  lines.push('</testsuites>', '')
  return lines.join('\n')
}

function groupByArea(results: readonly RuleResult[]): Map<string, RuleResult[]> {
  const areas = new Map<string, RuleResult[]>()
  for (const result of results) {
    const list = areas.get(result.area) ?? []
    list.push(result)
    areas.set(result.area, list)
  }
  return areas
}

function suite(
  report: ConformanceReport,
  area: string,
  results: readonly RuleResult[],
  id: number,
  options: TranscriptOptions,
): string[] {
  const count = (status: RuleResult['status']) => results.filter((r) => r.status === status).length
  const skipped = results.length - count('passed') - count('failed')
  const time = results.reduce((sum, result) => sum + result.durationMs, 0)
  return [
    `  <testsuite name="${attr(area)}" tests="${results.length}" failures="${count('failed')}" errors="0" skipped="${skipped}" time="${seconds(time)}" timestamp="${attr(report.run.startedAt)}" id="${id}" package="clearid-conformance">`,
    ...properties(report),
    ...results.map((result) => testcase(result, options)),
    '  </testsuite>',
  ]
}

function properties(report: ConformanceReport): string[] {
  const { run } = report
  const entries: [string, string | undefined][] = [
    ['run.id', run.id],
    ['run.seed', run.seed === undefined ? undefined : String(run.seed)],
    ['run.startedAt', run.startedAt],
    ['target', run.target.url ?? run.target.kind],
    ['target.kind', run.target.kind],
    ['target.description', run.target.description],
    ['judged', run.judged],
    ['dialects', run.dialects.join(',')],
    ['profiles', run.profiles.join(',')],
    ['verdict', report.summary.verdict.toUpperCase()],
    // CI shows properties, not the console: an INCOMPLETE verdict says here what did not run.
    ['verdict.notRun', notRunLines(report.summary).join('; ') || undefined],
    ['run.interrupted', interruptedLines(run).join(' ') || undefined],
    ['tool.version', run.versions.tool],
    ['schemaVersion', report.schemaVersion],
    ['baseline.runId', report.baseline?.baselineRunId],
  ]
  const props = entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`)
  return ['    <properties>', ...props, '    </properties>']
}

function testcase(result: RuleResult, options: TranscriptOptions): string {
  const open = `    <testcase classname="${attr(result.area)}" name="${attr(resultName(result))}" time="${seconds(result.durationMs)}"`
  if (result.status === 'passed') {
    if (result.findings.length === 0) return `${open}/>`
    return `${open}>\n      <system-out>${text(details(result, options))}</system-out>\n    </testcase>`
  }
  if (result.status === 'failed') {
    const message = oneLine(keyFinding(result)?.message ?? result.title, 500)
    const failure = `<failure message="${attr(message)}" type="${attr(result.level)}">${text(details(result, options))}</failure>`
    return `${open}>\n      ${failure}\n    </testcase>`
  }
  const reason = result.reason ?? result.status
  const message = result.status === 'waived' ? reason : `${result.status}: ${reason}`
  const body = result.findings.length > 0 ? text(details(result, options)) : ''
  return `${open}>\n      <skipped message="${attr(oneLine(message, 500))}">${body}</skipped>\n    </testcase>`
}

/** The failure body: what the rule is, how to fix it, then every finding with its exchange. */
function details(result: RuleResult, options: TranscriptOptions): string {
  const sources = result.sources.map((s) => (s.url ? `${s.ref} <${s.url}>` : s.ref)).join('; ')
  const head = [
    `${result.ruleId} (${result.level}, ${result.profile}, ${result.area}${result.dialect ? `, ${result.dialect}` : ''}): ${result.title}`,
    `Fix: ${result.fix}`,
    ...(result.ruleFix ? [`${RULE_FIX_LABEL}: ${result.ruleFix}`] : []),
    ...(sources ? [`Sources: ${sources}`] : []),
    ...(result.msValidatorTest ? [`Microsoft SCIM Validator: ${result.msValidatorTest}`] : []),
    ...(result.reason ? [`Reason: ${result.reason}`] : []),
  ]
  return `\n${[head.join('\n'), ...result.findings.map((f) => findingText(f, options))].join('\n\n')}\n      `
}

function findingText(finding: Finding, options: TranscriptOptions): string {
  const lines = [`[${finding.severity}] ${finding.message}`]
  if ('expected' in finding)
    lines.push(`  expected: ${indent(formatValue(finding.expected, options))}`)
  if ('actual' in finding) lines.push(`  actual:   ${indent(formatValue(finding.actual, options))}`)
  const { exchange } = finding
  if (exchange) {
    lines.push('', '--- request ---', formatRequest(exchange.request, options))
    if (exchange.response)
      lines.push('', '--- response ---', formatResponse(exchange.response, options))
    if (exchange.error !== undefined) lines.push('', `--- no response: ${exchange.error} ---`)
  }
  return lines.join('\n')
}

/** Continuation lines of a multi-line value line up under its first line. */
function indent(value: string): string {
  return value.replace(/\n/g, '\n            ')
}
