/**
 * One result as an HTML card: a summary line that filters can hide, and (collapsed unless the rule
 * failed) its fix, sources, findings and the HTTP transcript of each finding.
 *
 * @module
 */
import type { Exchange, Finding } from '../../../model/rule.ts'
import type { RuleResult } from '../../model.ts'
import { resultKey } from '../../result-key.ts'
import { RULE_FIX_LABEL, STATUS_LABEL } from '../shared/describe.ts'
import { escapeHtml as esc, safeLinkUrl } from '../shared/escape.ts'
import { exchangeOneLine, formatMs, statusLine } from '../shared/transcript.ts'
import type { TranscriptOptions } from '../shared/transcript.ts'
import { bodyHtml, valueHtml } from './json-highlight.ts'

/** A stable fragment id for a result: `r-SRV-FILTER-001--entra-flag`. */
export function resultAnchor(key: string): string {
  return `r-${key.replace(/ \[(.*)\]$/, '--$1').replace(/[^A-Za-z0-9_-]/g, '_')}`
}

export function ruleCard(result: RuleResult, options: TranscriptOptions): string {
  const key = resultKey(result)
  const search = [key, result.title, result.area, result.profile, ...result.tags]
    .concat(result.findings.map((f) => f.message))
    .join(' ')
    .toLowerCase()
  const attrs = [
    `class="rule st-${result.status}"`,
    `id="${esc(resultAnchor(key))}"`,
    `data-status="${esc(result.status)}"`,
    `data-level="${esc(result.level)}"`,
    `data-area="${esc(result.area)}"`,
    `data-search="${esc(search)}"`,
  ]
  const open = result.status === 'failed' ? ' open' : ''
  return `<article ${attrs.join(' ')}><details class="rule-details"${open}><summary>${summaryLine(result)}</summary><div class="rule-body">${body(result, options)}</div></details></article>`
}

function summaryLine(result: RuleResult): string {
  const dialect = result.dialect ? `<span class="chip dialect">${esc(result.dialect)}</span>` : ''
  return [
    `<span class="pill st st-${result.status}">${esc(STATUS_LABEL[result.status])}</span>`,
    `<span class="pill lv lv-${result.level}">${esc(result.level)}</span>`,
    `<span class="rule-head"><code class="rule-id">${esc(result.ruleId)}</code> ${dialect}${dialect ? ' ' : ''}<span class="rule-title">${esc(result.title)}</span></span>`,
    `<span class="chip area">${esc(result.area)}</span>`,
  ].join('')
}

function body(result: RuleResult, options: TranscriptOptions): string {
  const parts: string[] = []
  if (result.reason)
    parts.push(`<p class="reason"><b>${esc(reasonLabel(result))}</b> ${esc(result.reason)}</p>`)
  const ruleFix = result.ruleFix
    ? `<p class="rule-fix"><b>${esc(RULE_FIX_LABEL)}</b> ${esc(result.ruleFix)}</p>`
    : ''
  parts.push(`<div class="fix"><b>Fix</b> ${esc(result.fix)}${ruleFix}</div>`)
  parts.push(meta(result))
  if (result.findings.length > 0) {
    const items = result.findings.map((f) => finding(f, options))
    parts.push(`<ol class="findings">${items.join('')}</ol>`)
  } else if (result.status === 'passed') {
    parts.push('<p class="muted">No findings.</p>')
  }
  return parts.join('')
}

function reasonLabel(result: RuleResult): string {
  if (result.status === 'waived') return 'Waived:'
  if (result.status === 'not-applicable') return 'Not applicable:'
  return 'Skipped:'
}

function meta(result: RuleResult): string {
  const sources = result.sources.map((source) => {
    const url = safeLinkUrl(source.url)
    const ref = url
      ? `<a href="${esc(url)}" rel="noopener noreferrer" target="_blank">${esc(source.ref)}</a>`
      : esc(source.ref)
    return `<li><span class="src-kind">${esc(source.kind)}</span> ${ref}</li>`
  })
  const facts = [
    `<dt>Sources</dt><dd><ul class="sources">${sources.join('') || '<li class="muted">none recorded</li>'}</ul></dd>`,
    `<dt>Profile</dt><dd>${esc(result.profile)} · judges the ${esc(result.side)} side · ${esc(formatMs(result.durationMs))}</dd>`,
  ]
  if (result.msValidatorTest)
    facts.push(`<dt>SCIM Validator</dt><dd>${esc(result.msValidatorTest)}</dd>`)
  if (result.tags.length > 0)
    facts.push(
      `<dt>Tags</dt><dd>${result.tags.map((t) => `<span class="chip">${esc(t)}</span>`).join(' ')}</dd>`,
    )
  return `<dl class="rule-meta">${facts.join('')}</dl>`
}

function finding(f: Finding, options: TranscriptOptions): string {
  const parts = [
    `<p class="finding-msg"><span class="sev sev-${esc(f.severity)}">${esc(f.severity)}</span> ${esc(f.message)}</p>`,
  ]
  const values: string[] = []
  if ('expected' in f)
    values.push(
      `<div><dt>Expected</dt><dd><pre class="code">${valueHtml(f.expected)}</pre></dd></div>`,
    )
  if ('actual' in f)
    values.push(`<div><dt>Actual</dt><dd><pre class="code">${valueHtml(f.actual)}</pre></dd></div>`)
  if (values.length > 0) parts.push(`<dl class="ea">${values.join('')}</dl>`)
  if (f.exchange) parts.push(transcript(f.exchange, options))
  return `<li class="finding f-${esc(f.severity)}">${parts.join('')}</li>`
}

function headersHtml(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `\n<span class="h-name">${esc(name)}</span>: ${esc(value)}`)
    .join('')
}

function transcript(exchange: Exchange, options: TranscriptOptions): string {
  const { request, response } = exchange
  const took = exchange.durationMs === undefined ? '' : ` (${formatMs(exchange.durationMs)})`
  const reqBody = request.body === undefined ? '' : `\n\n${bodyHtml(request.body, options)}`
  const parts = [
    `<h4>Request</h4><pre class="code http"><span class="h-line">${esc(request.method)} ${esc(request.url)}</span>${headersHtml(request.headers)}${reqBody}</pre>`,
  ]
  if (response) {
    const resBody = response.body === undefined ? '' : `\n\n${bodyHtml(response.body, options)}`
    parts.push(
      `<h4>Response</h4><pre class="code http"><span class="h-line">${esc(statusLine(response.status))}</span>${headersHtml(response.headers)}${resBody}</pre>`,
    )
  }
  if (exchange.error !== undefined)
    parts.push(`<p class="sev-error">No response: ${esc(exchange.error)}</p>`)
  return `<details class="transcript"><summary>Request and response: <code>${esc(exchangeOneLine(exchange))}</code>${esc(took)}</summary><div class="transcript-body">${parts.join('')}</div></details>`
}
