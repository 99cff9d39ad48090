/**
 * Inline SVG charts: one stacked bar per area or level (results by status) and one range bar per
 * operation (latency percentiles). Labels and numbers are HTML beside the bars, so they stay
 * readable at any width; the SVGs only draw shapes.
 *
 * @module
 */
import type { LatencyStats, StatusCounts } from '../../model.ts'
import { RULE_STATUSES, totalOf } from '../../summarize.ts'
import { escapeHtml as esc } from '../shared/escape.ts'
import { formatMs } from '../shared/transcript.ts'

const r = (n: number): string => String(Math.round(n * 100) / 100)
const ms = (n: number): string => String(Math.round(n))

export interface CountRow {
  readonly label: string
  readonly counts: StatusCounts
}

/** Stacked bars, one per row, scaled to the largest total so sizes compare. */
export function statusChart(rows: readonly CountRow[], caption: string, variant: string): string {
  const max = Math.max(1, ...rows.map((row) => totalOf(row.counts)))
  const items = rows.map((row) => {
    const total = totalOf(row.counts)
    let x = 0
    const segments = RULE_STATUSES.filter((s) => row.counts[s] > 0).map((status) => {
      const width = (row.counts[status] / max) * 100
      const rect = `<rect class="seg-${status}" x="${r(x)}" y="0" width="${r(width)}" height="10"><title>${row.counts[status]} ${status}</title></rect>`
      x += width
      return rect
    })
    const words = RULE_STATUSES.filter((s) => row.counts[s] > 0).map((s) => `${row.counts[s]} ${s}`)
    const label = `${row.label}: ${words.join(', ') || 'no results'}`
    const failed =
      row.counts.failed > 0 ? `<b class="t-failed">${row.counts.failed} failed</b> · ` : ''
    return `<div class="chart-row"><span class="chart-label">${esc(row.label)}</span><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${esc(label)}"><rect class="track" x="0" y="0" width="100" height="10"/>${segments.join('')}</svg><span class="chart-value">${failed}${row.counts.passed}/${total} passed</span></div>`
  })
  return `<figure class="chart ${variant}"><figcaption>${esc(caption)}</figcaption>${items.join('')}</figure>`
}

export function statusLegend(): string {
  const items = RULE_STATUSES.map(
    (s) =>
      `<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="seg-${s}" width="10" height="10" rx="2"/></svg>${esc(s === 'not-applicable' ? 'not applicable' : s)}</li>`,
  )
  return `<ul class="legend">${items.join('')}</ul>`
}

/** One niceish step (1, 2 or 5 × 10ⁿ) giving about five grid lines over `max`. */
function gridStep(max: number): number {
  const raw = max / 5
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = raw / power
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power
}

/** Range bars on one shared scale: median, p90, p99 as darkening segments, the maximum as a tick. */
export function latencyChart(latency: Readonly<Record<string, LatencyStats>>): string {
  const entries = Object.entries(latency).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const max = Math.max(1, ...entries.map(([, s]) => s.max))
  const step = gridStep(max)
  const scale = (ms: number) => (ms / max) * 100
  const grid: string[] = []
  for (let t = step; t < max; t += step) {
    grid.push(`<line class="grid" x1="${r(scale(t))}" x2="${r(scale(t))}" y1="0" y2="10"/>`)
  }
  const rows = entries.map(([op, s]) => {
    const seg = (cls: string, from: number, to: number) =>
      `<rect class="${cls}" x="${r(scale(from))}" y="2" width="${r(Math.max(0.4, scale(to) - scale(from)))}" height="6"/>`
    const tick = `<rect class="lat-max" x="${r(Math.min(99.4, scale(s.max)))}" y="0" width="0.6" height="10"/>`
    const label = `${op}: median ${s.p50} ms, p90 ${s.p90} ms, p99 ${s.p99} ms, max ${s.max} ms over ${s.count} requests`
    const svg = `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${esc(label)}"><rect class="track" x="0" y="0" width="100" height="10"/>${grid.join('')}${seg('lat-p99', s.p90, s.p99)}${seg('lat-p90', s.p50, s.p90)}${seg('lat-p50', 0, s.p50)}${tick}</svg>`
    const value = `p50 <b>${ms(s.p50)}</b> · p90 ${ms(s.p90)} · p99 ${ms(s.p99)} · max ${ms(s.max)} ms <span class="muted">· ${s.count}×</span>`
    return `<div class="chart-row lat-row"><code class="chart-label">${esc(op)}</code>${svg}<span class="chart-value">${value}</span></div>`
  })
  const legend = `<ul class="legend"><li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="lat-p50" width="10" height="10" rx="2"/></svg>up to median</li><li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="lat-p90" width="10" height="10" rx="2"/></svg>median to p90</li><li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="lat-p99" width="10" height="10" rx="2"/></svg>p90 to p99</li><li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="lat-max" width="10" height="10" rx="2"/></svg>slowest</li></ul>`
  const caption = `Response time per operation in milliseconds, with the number of requests. One scale for all rows, 0 to ${formatMs(max)}; grid every ${formatMs(step)}.`
  return `<figure class="chart latency"><figcaption>${esc(caption)}</figcaption>${rows.join('')}${legend}</figure>`
}
