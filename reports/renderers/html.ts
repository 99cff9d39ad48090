/**
 * HTML renderer: one self-contained page (inline CSS, inline script, inline SVG charts; nothing is
 * fetched, so it works offline and as an e-mail attachment). A Content-Security-Policy with hashes
 * of the page's own style and script makes the browser refuse any other script or any network
 * load, on top of escaping every value.
 *
 * Under the verdict comes what to act on: the failed rules in one line each, linking to their
 * cards, and apart from them the rules that did not run. The charts and the cards follow.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { ConformanceReport, RuleResult, RuleStatus } from '../model.ts'
import { redactReport } from '../redact-report.ts'
import { RULE_LEVELS } from '../summarize.ts'
import { latencyChart, statusChart, statusLegend } from './html/charts.ts'
import { failedSummary } from './html/failed-summary.ts'
import { ruleCard } from './html/rule-card.ts'
import { SCRIPT } from './html/script.ts'
import { banner, changes, facts, filterBar, tiles, waivers } from './html/sections.ts'
import { readableTime } from './shared/describe.ts'
import { STYLE } from './html/style.ts'
import { escapeHtml as esc } from './shared/escape.ts'
import type { TranscriptOptions } from './shared/transcript.ts'

export interface HtmlRenderOptions extends TranscriptOptions {
  /** Page heading; default "ClearID SCIM conformance". */
  readonly title?: string
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/**
 * The CSP sources of the page's only inline style and script. A page that shows the report in a
 * `srcdoc` frame (the mock's dashboard) allows exactly these, since such a frame inherits its policy.
 */
export const HTML_REPORT_INLINE: {
  readonly style: readonly string[]
  readonly script: readonly string[]
} = { style: [sha256(STYLE)], script: [sha256(SCRIPT)] }

const CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

const STATUS_ORDER: Readonly<Record<RuleStatus, number>> = {
  failed: 0,
  waived: 1,
  passed: 2,
  skipped: 3,
  'not-applicable': 4,
}
const LEVEL_ORDER = { MUST: 0, SHOULD: 1, MAY: 2 } as const

/** Failures first, then by level; catalogue order within each group (the sort is stable). */
function displayOrder(results: readonly RuleResult[]): RuleResult[] {
  return [...results].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level],
  )
}

export function renderHtml(report: ConformanceReport, options: HtmlRenderOptions = {}): string {
  const safe = redactReport(report)
  const title = options.title ?? 'ClearID SCIM conformance'
  const { summary } = safe
  const areaChart = statusChart(
    Object.entries(summary.byArea).map(([label, counts]) => ({ label, counts })),
    'Results per area; bar length is the number of results.',
    'by-area',
  )
  const levelChart = statusChart(
    RULE_LEVELS.map((level) => ({ label: level, counts: summary.byLevel[level] })),
    'Only a failed MUST rule fails the run.',
    'by-level',
  )
  const latency =
    safe.latency && Object.keys(safe.latency).length > 0
      ? `<section id="latency"><h2>Latency</h2>${latencyChart(safe.latency)}</section>`
      : ''
  const ordered = displayOrder(safe.results)
  const cards = ordered.map((r) => ruleCard(r, options))
  const body = [
    banner(safe, title),
    failedSummary(
      ordered.filter((r) => r.status === 'failed'),
      ordered.filter((r) => r.status === 'skipped'),
    ),
    tiles(safe),
    changes(safe),
    `<div class="grid-2"><section class="card" id="by-area"><h2>Results by area</h2>${areaChart}${statusLegend()}</section><div class="stack"><section class="card" id="by-level"><h2>Results by level</h2>${levelChart}</section>${facts(safe)}</div></div>`,
    latency,
    `<section id="rules"><h2>Rules</h2>${filterBar(safe)}<div class="toolbar no-print" id="toolbar" hidden><button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button></div><div class="rule-list">${cards.join('\n')}</div><p class="empty" id="empty" hidden>No rule matches these filters.</p></section>`,
    waivers(safe),
    `<footer>clearid-conformance ${esc(safe.run.versions.tool)} · report schema ${esc(safe.schemaVersion)} · run finished ${esc(readableTime(safe.run.finishedAt))} · self-contained file, no network access needed</footer>`,
  ]
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="referrer" content="no-referrer">
<title>${esc(`${summary.verdict.toUpperCase()} · ${title} · ${safe.run.id}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="page">
${body.filter((part) => part !== '').join('\n')}
</div>
<script>${SCRIPT}</script>
</body>
</html>
`
}
