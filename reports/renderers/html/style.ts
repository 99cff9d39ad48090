/**
 * The report's inline stylesheet: system fonts only (nothing is fetched), light and dark schemes,
 * a single column on phones, and a print layout with every detail expanded and the filters hidden.
 *
 * @module
 */

export const STYLE: string = `
:root {
  color-scheme: light dark;
  --bg: #f4f5f7; --card: #fff; --text: #1d2330; --muted: #5d6677; --line: #dde1e8; --code-bg: #f6f8fa;
  --failed: #c9372c; --passed: #1f845a; --waived: #b65c02; --skipped: #8590a2; --na: #c1c7d0;
  --must: #1d2330; --should: #44546f; --may: #8590a2; --accent: #0c66e4;
  --lat50: #0c66e4; --lat90: #579dff; --lat99: #b3d4ff; --latmax: #1d2330;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16191f; --card: #1f232a; --text: #dee4ea; --muted: #9fadbc; --line: #38414a; --code-bg: #161a1d;
    --failed: #f87168; --passed: #4bce97; --waived: #fea362; --skipped: #8c9bab; --na: #596773;
    --must: #dee4ea; --should: #b6c2cf; --may: #8c9bab; --accent: #579dff;
    --lat50: #579dff; --lat90: #388bff; --lat99: #0055cc; --latmax: #dee4ea;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
a { color: var(--accent); }
.page { max-width: 1120px; margin: 0 auto; padding: 0 16px 48px; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
h1, h2, h3, h4 { line-height: 1.2; }
h2 { font-size: 1.15rem; margin: 0 0 12px; }
h4 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 12px 0 4px; }
section, .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin-top: 16px; }
.grid-2 { display: grid; grid-template-columns: 3fr 2fr; gap: 16px; margin-top: 16px; }
.grid-2 > * { margin-top: 0; min-width: 0; }
.stack { display: flex; flex-direction: column; gap: 16px; }
.stack > .card { margin-top: 0; }
.facts.compact { grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); }

.banner { display: flex; gap: 20px; align-items: center; padding: 20px; margin-top: 16px; border-radius: 12px; color: #fff; }
.banner.fail { background: linear-gradient(135deg, #ae2e24, #c9372c); }
.banner.pass { background: linear-gradient(135deg, #216e4e, #1f845a); }
.banner.incomplete { background: linear-gradient(135deg, #7f5f01, #946f00); }
.verdict { font: 800 2.6rem/1 system-ui, sans-serif; letter-spacing: .06em; border: 3px solid rgba(255,255,255,.85);
  border-radius: 10px; padding: 10px 16px; flex: none; }
.banner h1 { margin: 0 0 6px; font-size: 1.35rem; }
.banner p { margin: 2px 0; opacity: .95; overflow-wrap: anywhere; }
.banner code { background: rgba(255,255,255,.16); padding: 1px 5px; border-radius: 4px; }

.tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; margin-top: 16px; }
.tile { background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--c); border-radius: 8px; padding: 10px 12px; }
.tile b { display: block; font-size: 1.6rem; line-height: 1.1; }
.tile span { color: var(--muted); font-size: .85rem; }
.tile.st-failed { --c: var(--failed); } .tile.st-passed { --c: var(--passed); } .tile.st-waived { --c: var(--waived); }
.tile.st-skipped { --c: var(--skipped); } .tile.st-not-applicable { --c: var(--na); }

.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px 20px; margin: 0; }
.facts dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }

.failed-summary h2 { margin-bottom: 8px; }
.summary-list { list-style: none; margin: 0; padding: 0; }
.summary-item { border-left: 4px solid var(--c, var(--line)); background: var(--code-bg); border-radius: 4px; padding: 6px 10px; margin: 6px 0; }
.summary-item.st-failed { --c: var(--failed); } .summary-item.st-skipped { --c: var(--skipped); }
.summary-link { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 8px; color: var(--text); text-decoration: none; }
.summary-link .rule-id { color: var(--accent); }
.summary-link:hover .summary-title, .summary-link:focus-visible .summary-title { text-decoration: underline; }
.summary-title { flex: 1 1 240px; min-width: 0; overflow-wrap: anywhere; }
.summary-finding { margin: 2px 0 0; color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
.chip.hint-reason { border-color: var(--failed); color: var(--failed); margin-left: 4px; }
.summary-more > summary, .not-tested > summary { cursor: pointer; color: var(--accent); margin: 10px 0 4px; }
.failed-summary h2 + details.not-tested > summary { margin-top: 0; }
.summary-list + h2, details + h2 { margin-top: 16px; }
.not-tested > summary { overflow-wrap: anywhere; }

.changes h3 { font-size: 1rem; margin: 14px 0 4px; }
.changes ul { margin: 4px 0 8px; padding-left: 20px; }
.changes li { margin: 2px 0; }
.change-counts { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 8px; }

.chart { margin: 0; }
.chart figcaption { color: var(--muted); font-size: .85rem; margin-bottom: 8px; }
.chart { --label-w: 8rem; --value-w: 10.5rem; }
.chart.by-level { --label-w: 4.5rem; }
.chart.latency { --label-w: 14rem; --value-w: 19rem; }
/* Fixed label and value columns: every bar of a chart starts and ends at the same x, one scale. */
.chart-row { display: grid; grid-template-columns: var(--label-w) 1fr var(--value-w); grid-template-areas: "label bar value";
  gap: 10px; align-items: center; margin: 5px 0; }
.chart-label { grid-area: label; } .chart-row svg.bar { grid-area: bar; } .chart-value { grid-area: value; }
.chart-label { overflow-wrap: anywhere; font-size: .9rem; }
.chart-value { font-size: .85rem; white-space: nowrap; text-align: right; }
svg.bar { width: 100%; height: 16px; display: block; }
.track { fill: var(--code-bg); stroke: var(--line); stroke-width: 1; vector-effect: non-scaling-stroke; }
.grid { stroke: var(--line); stroke-width: 1; vector-effect: non-scaling-stroke; }
.seg-failed { fill: var(--failed); } .seg-passed { fill: var(--passed); } .seg-waived { fill: var(--waived); }
.seg-skipped { fill: var(--skipped); } .seg-not-applicable { fill: var(--na); }
.lat-p50 { fill: var(--lat50); } .lat-p90 { fill: var(--lat90); } .lat-p99 { fill: var(--lat99); } .lat-max { fill: var(--latmax); }
.t-failed { color: var(--failed); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; margin: 10px 0 0; font-size: .82rem; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 5px; }
svg.swatch { width: 11px; height: 11px; }

.filters { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; padding: 10px 0 14px; border-bottom: 1px solid var(--line); margin-bottom: 12px; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.filters legend { float: left; font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-right: 6px; }
.filters label { white-space: nowrap; font-size: .9rem; }
.filters select, .filters input[type=search], button { font: inherit; font-size: .9rem; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--text); max-width: 100%; }
.filters input[type=search] { min-width: 0; width: 220px; }
.shown { margin-left: auto; color: var(--muted); font-size: .85rem; }

.rule { border: 1px solid var(--line); border-left: 4px solid var(--c, var(--line)); border-radius: 8px; margin: 8px 0; background: var(--card); scroll-margin-top: 8px; }
.rule.st-failed { --c: var(--failed); } .rule.st-passed { --c: var(--passed); } .rule.st-waived { --c: var(--waived); }
.rule.st-skipped { --c: var(--skipped); } .rule.st-not-applicable { --c: var(--na); }
@media screen { .rule.filtered-out { display: none; } }
.rule > details > summary { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 8px; padding: 10px 12px; cursor: pointer; list-style: none; }
.rule > details > summary::-webkit-details-marker { display: none; }
.rule > details > summary::before { content: "▸"; color: var(--muted); width: 10px; }
.rule > details[open] > summary::before { content: "▾"; }
.rule-head { flex: 1 1 320px; min-width: 0; overflow-wrap: anywhere; }
.rule-id { font-weight: 600; }
.rule-body { padding: 0 14px 14px 30px; overflow-wrap: anywhere; }
.pill { display: inline-block; font-size: .72rem; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; border-radius: 4px; padding: 2px 6px; min-width: 58px; text-align: center; }
.pill.st { color: #fff; background: var(--c); }
.pill.st-failed { --c: var(--failed); } .pill.st-passed { --c: var(--passed); } .pill.st-waived { --c: var(--waived); }
.pill.st-skipped { --c: var(--skipped); } .pill.st-not-applicable { --c: var(--na); color: var(--text); }
.pill.lv { border: 1.5px solid currentColor; min-width: 54px; }
.lv-MUST { color: var(--must); } .lv-SHOULD { color: var(--should); } .lv-MAY { color: var(--may); }
.chip { display: inline-block; font-size: .78rem; border: 1px solid var(--line); border-radius: 999px; padding: 0 8px; color: var(--muted); }
.chip.dialect { border-color: var(--accent); color: var(--accent); }
.reason { margin: 4px 0 8px; }
.fix { background: var(--code-bg); border-left: 3px solid var(--accent); padding: 8px 10px; border-radius: 4px; margin: 6px 0 10px; }
.rule-fix { margin: 6px 0 0; color: var(--muted); }
.rule-meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0; font-size: .9rem; }
.rule-meta dt { color: var(--muted); }
.rule-meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.sources { list-style: none; margin: 0; padding: 0; }
.src-kind { font-size: .72rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.findings { margin: 10px 0 0; padding-left: 18px; }
.finding { margin: 0 0 12px; }
.finding.f-error::marker { color: var(--failed); font-weight: 700; }
.finding-msg { margin: 0 0 6px; overflow-wrap: anywhere; }
.sev { font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; margin-right: 4px; }
.sev-error { color: var(--failed); } .sev-warning { color: var(--waived); } .sev-info { color: var(--muted); }
.ea { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin: 6px 0; }
.ea dt { font-size: .75rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.ea dd { margin: 0; min-width: 0; }
pre.code { color: var(--text); background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 0;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 480px; overflow: auto; }
.transcript { margin-top: 6px; }
.transcript > summary { cursor: pointer; color: var(--accent); overflow-wrap: anywhere; }
.transcript-body { padding-top: 4px; }
.h-line { font-weight: 700; } .h-name { color: var(--muted); }
.j-key { color: #8250df; } .j-str { color: #0a7a3f; } .j-num { color: #b35900; } .j-lit { color: #cf222e; }
@media (prefers-color-scheme: dark) { .j-key { color: #d2a8ff; } .j-str { color: #7ee2a8; } .j-num { color: #ffb77c; } .j-lit { color: #ff938a; } }
.empty { text-align: center; color: var(--muted); padding: 16px; }
.toolbar { display: flex; gap: 8px; }
button { cursor: pointer; }
footer { color: var(--muted); font-size: .82rem; margin-top: 24px; text-align: center; }
table.waivers { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.waivers th, table.waivers td { text-align: left; border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; overflow-wrap: anywhere; }

@media (max-width: 760px) {
  body { font-size: 14px; }
  .grid-2 { grid-template-columns: 1fr; }
  .tiles { grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 6px; }
  .tile { padding: 8px 6px; }
  .tile b { font-size: 1.3rem; }
  .tile span { font-size: .72rem; display: block; line-height: 1.2; }
  .banner { flex-direction: column; align-items: flex-start; gap: 10px; }
  .verdict { font-size: 2rem; }
  .chart-row { grid-template-columns: 1fr auto; grid-template-areas: "label value" "bar bar"; gap: 2px 8px; margin: 8px 0; }
  .chart.latency .chart-row { grid-template-areas: "label label" "bar bar" "value value"; }
  .chart.latency .chart-value { text-align: left; }
  .chart-value { white-space: normal; }
  .rule-body { padding: 0 10px 12px 12px; }
  .ea { grid-template-columns: 1fr; }
  .rule-meta { grid-template-columns: 1fr; }
  .filters input[type=search] { width: 100%; }
  .shown { margin-left: 0; }
}

@media print {
  :root { color-scheme: light; --bg: #fff; --card: #fff; --text: #000; --muted: #444; --line: #bbb; --code-bg: #f6f6f6; }
  body { font-size: 11pt; }
  .filters, .toolbar, .no-print { display: none !important; }
  .banner { color: #000; background: none !important; border: 2px solid #000; margin: 0; }
  .verdict { border-color: #000; }
  section, .card, .rule { break-inside: auto; box-shadow: none; }
  .rule > details > summary { break-after: avoid; }
  .rule > details > summary::before { content: ""; width: 0; }
  details::details-content { content-visibility: visible; display: contents; }
  pre.code { max-height: none; overflow: visible; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; color: #444; overflow-wrap: anywhere; }
}
`
