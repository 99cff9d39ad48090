/**
 * The page sections around the rule list: verdict banner, count tiles, run facts, baseline
 * changes, waivers and the filter bar.
 *
 * @module
 */
import type { ConformanceReport, RuleResult } from '../../model.ts'
import { indexResults } from '../../result-key.ts'
import { RULE_LEVELS, RULE_STATUSES } from '../../summarize.ts'
import { readableTime } from '../shared/describe.ts'
import { escapeHtml as esc } from '../shared/escape.ts'
import {
  countsLine,
  interruptedLines,
  notRunLines,
  verdictSentence,
} from '../shared/summary-text.ts'
import { formatMs } from '../shared/transcript.ts'
import { resultAnchor } from './rule-card.ts'

export function banner(report: ConformanceReport, title: string): string {
  const { verdict } = report.summary
  const { run } = report
  const target = run.target.url ?? run.target.kind
  const notRun = [...notRunLines(report.summary), ...interruptedLines(run)]
    .map((line) => `<p class="not-run">${esc(line)}</p>`)
    .join('')
  return `<header class="banner ${verdict}"><div class="verdict" id="verdict">${verdict.toUpperCase()}</div><div><h1>${esc(title)}</h1><p><b>${esc(verdictSentence(report.summary))}</b> · ${esc(countsLine(report.summary.counts))}</p>${notRun}<p>Target <code>${esc(target)}</code>${run.target.description ? ` · ${esc(run.target.description)}` : ''}</p></div></header>`
}

const TILE_LABEL = {
  failed: 'failed',
  passed: 'passed',
  waived: 'waived',
  skipped: 'skipped',
  'not-applicable': 'not applicable',
}

export function tiles(report: ConformanceReport): string {
  const { counts } = report.summary
  const items = RULE_STATUSES.map(
    (s) => `<div class="tile st-${s}"><b>${counts[s]}</b><span>${TILE_LABEL[s]}</span></div>`,
  )
  return `<div class="tiles">${items.join('')}</div>`
}

export function facts(report: ConformanceReport): string {
  const { run } = report
  const rows: [string, string][] = [
    ['Run', `<code>${esc(run.id)}</code>`],
    ['Started', esc(readableTime(run.startedAt))],
    ['Duration', esc(formatMs(run.durationMs))],
    [
      'Seed',
      run.seed === undefined
        ? '<span class="muted">not recorded</span>'
        : `<code>${esc(String(run.seed))}</code>`,
    ],
    ['Dialects', esc(run.dialects.join(', ') || 'none')],
    ['Profiles', esc(run.profiles.join(', '))],
    ['Judged', esc(`${run.judged} (${run.target.kind})`)],
    ['Tool', esc(`clearid-conformance ${run.versions.tool} · Node.js ${run.versions.node}`)],
  ]
  if (report.baseline) rows.push(['Baseline', `<code>${esc(report.baseline.baselineRunId)}</code>`])
  const items = rows.map(([dt, dd]) => `<div><dt>${dt}</dt><dd>${dd}</dd></div>`)
  return `<section class="card" id="run"><h2>Run</h2><dl class="facts compact">${items.join('')}</dl></section>`
}

export function changes(report: ConformanceReport): string {
  const diff = report.baseline
  if (!diff) return ''
  const index = indexResults(report.results)
  const list = (title: string, keys: readonly string[], cls: string) => {
    if (keys.length === 0) return ''
    const items = keys.map((key) => changeItem(key, index.get(key)))
    return `<h3 class="${cls}">${esc(title)} (${keys.length})</h3><ul>${items.join('')}</ul>`
  }
  const none =
    diff.newlyFailing.length +
      diff.newlyPassing.length +
      diff.appeared.length +
      diff.disappeared.length ===
    0
      ? '<p>No change: every result has the same outcome as in the baseline.</p>'
      : ''
  return `<section class="changes" id="changes"><h2>Changes since baseline <code>${esc(diff.baselineRunId)}</code></h2>${none}${list('Newly failing', diff.newlyFailing, 't-failed')}${list('Newly passing', diff.newlyPassing, '')}${list('Appeared', diff.appeared, '')}${list('Disappeared', diff.disappeared, '')}</section>`
}

function changeItem(key: string, result: RuleResult | undefined): string {
  if (!result) return `<li><code>${esc(key)}</code> <span class="muted">not in this run</span></li>`
  return `<li><a href="#${esc(resultAnchor(key))}"><code>${esc(key)}</code></a> <span class="pill lv lv-${result.level}">${result.level}</span> ${esc(result.title)} <span class="muted">(now ${esc(result.status)})</span></li>`
}

export function waivers(report: ConformanceReport): string {
  const records = report.waivers ?? []
  if (records.length === 0) return ''
  const rows = records.map((w) => {
    const matched =
      w.matched.length > 0
        ? w.matched.map((k) => `<code>${esc(k)}</code>`).join(', ')
        : '<span class="muted">none</span>'
    const state = w.state === 'expired' ? `<b class="t-failed">expired</b>, ignored` : esc(w.state)
    return `<tr><td><code>${esc(w.rule)}</code>${w.dialect ? ` <span class="chip dialect">${esc(w.dialect)}</span>` : ''}</td><td>${esc(w.reason)}</td><td class="nowrap">${esc(w.expires ?? 'never')}</td><td>${state}</td><td>${matched}</td></tr>`
  })
  return `<section id="waivers"><h2>Waivers</h2><p class="muted">A waived failure does not fail the run and is never counted as passed. Expired waivers are ignored.</p><table class="waivers"><thead><tr><th>Rule</th><th>Reason</th><th>Expires</th><th>State</th><th>Waived results</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
}

export function filterBar(report: ConformanceReport): string {
  const { counts, byLevel, byArea } = report.summary
  const status = RULE_STATUSES.map(
    (s) =>
      `<label><input type="checkbox" name="status" value="${s}" checked> ${esc(TILE_LABEL[s])} (${counts[s]})</label>`,
  )
  const level = RULE_LEVELS.map((l) => {
    const n = Object.values(byLevel[l]).reduce((a, b) => a + b, 0)
    return `<label><input type="checkbox" name="level" value="${l}" checked> ${l} (${n})</label>`
  })
  const areas = Object.keys(byArea).map((a) => `<option value="${esc(a)}">${esc(a)}</option>`)
  return `<form class="filters" id="filters" hidden><fieldset><legend>Status</legend>${status.join('')}</fieldset><fieldset><legend>Level</legend>${level.join('')}</fieldset><label>Area <select name="area"><option value="">all areas</option>${areas.join('')}</select></label><input type="search" name="q" placeholder="Search id, title, finding…" aria-label="Search rules"><button type="reset">Reset</button><span class="shown" id="shown" aria-live="polite"></span></form>`
}
