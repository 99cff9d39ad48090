/**
 * The dashboard's stylesheet, served as `/_dashboard/app.css`: the HTML report's palette and
 * system fonts (nothing is fetched), light and dark schemes, and one column on a phone, where wide
 * tables scroll inside their card instead of the page.
 *
 * @module
 */

export const STYLE: string = `
:root {
  color-scheme: light dark;
  --bg: #f4f5f7; --card: #fff; --text: #1d2330; --muted: #5d6677; --line: #dde1e8; --code-bg: #f6f8fa;
  --error: #c9372c; --ok: #1f845a; --warning: #b65c02; --accent: #0c66e4; --accent-bg: #e9f2ff;
  --row-hover: #f1f2f4; --top: #1d2330; --top-text: #fff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16191f; --card: #1f232a; --text: #dee4ea; --muted: #9fadbc; --line: #38414a; --code-bg: #161a1d;
    --error: #f87168; --ok: #4bce97; --warning: #fea362; --accent: #579dff; --accent-bg: #1c2b41;
    --row-hover: #282e33; --top: #101214; --top-text: #dee4ea;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
h1, h2, h3, h4 { line-height: 1.2; }
h2 { font-size: 1.1rem; margin: 0 0 12px; }
h3 { font-size: 1rem; margin: 16px 0 8px; }
h4 { font-size: 0.78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 0 6px; }
[hidden] { display: none !important; }
.muted { color: var(--muted); }
.small { font-size: .86rem; }
.nowrap { white-space: nowrap; }
.wrap { overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.error, .warn { color: var(--error); }
.ok { color: var(--ok); }

.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px; padding: 10px 20px;
  background: var(--top); color: var(--top-text); }
.brand { display: flex; align-items: center; gap: 10px; margin-right: auto; }
.brand h1 { font-size: 1.05rem; margin: 0; font-weight: 650; }
.account { display: flex; align-items: center; gap: 6px; font-size: .9rem; }
.account select { min-width: 8em; }
.live { font-size: .85rem; display: inline-flex; align-items: center; gap: 6px; }
.live::before { content: ""; width: 9px; height: 9px; border-radius: 50%; background: #8590a2; }
.live[data-state="on"]::before { background: #4bce97; box-shadow: 0 0 0 3px rgba(75,206,151,.25); }
.live[data-state="error"]::before { background: #f87168; }

.tabs { display: flex; flex-wrap: wrap; gap: 2px; padding: 0 16px; background: var(--card); border-bottom: 1px solid var(--line); }
.tabs button { background: none; border: 0; border-bottom: 3px solid transparent; border-radius: 0; color: var(--muted);
  padding: 12px 12px 9px; font-weight: 600; }
.tabs button:hover { color: var(--text); background: none; }
.tabs button[aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); }
main { max-width: 1240px; margin: 0 auto; padding: 16px 16px 48px; }
.panel > * + * { margin-top: 16px; }

.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; min-width: 0; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.notice { background: var(--accent-bg); padding: 12px 16px; border-radius: 8px; }
.signin { max-width: 520px; margin: 40px auto; }
.signin label { display: flex; flex-direction: column; gap: 4px; margin: 12px 0; }

.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 8px 16px; margin: 0; align-items: baseline; }
.facts dt { color: var(--muted); font-size: .88rem; }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.inline-facts { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: .88rem; }
.inline-facts li { overflow-wrap: anywhere; }
.detail p { overflow-wrap: anywhere; }
.facts code, p code { background: var(--code-bg); padding: 1px 5px; border-radius: 4px; }
.big { font-size: 1.1rem; }
.big b { font-size: 1.6rem; }
.once { margin: 12px 0; padding: 10px 12px; border: 1px solid var(--warning); border-radius: 8px; background: var(--code-bg); }
.once p { margin: 0 0 6px; }

button { font: inherit; font-size: .9rem; cursor: pointer; border-radius: 6px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; padding: 6px 12px; }
button:hover { filter: brightness(1.08); }
button:disabled { opacity: .45; cursor: default; filter: none; }
button.quiet { background: transparent; color: var(--accent); border-color: var(--line); }
button.quiet:hover { background: var(--accent-bg); }
button.danger { background: var(--error); border-color: var(--error); color: #fff; }
button.quiet.danger { background: transparent; color: var(--error); border-color: var(--line); }
button.copy, button[data-reveal] { margin-left: 8px; padding: 2px 8px; font-size: .8rem; }
button.chip { background: var(--accent-bg); color: var(--accent); border-color: transparent; border-radius: 999px; padding: 3px 10px; font-size: .82rem; }
button:focus-visible, input:focus-visible, select:focus-visible, tr:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
input, select { font: inherit; font-size: .9rem; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px;
  background: var(--card); color: var(--text); min-width: 0; }
input[type="number"] { width: 7em; }
input[type="checkbox"] { padding: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 12px; }
.actions label { display: inline-flex; gap: 6px; align-items: center; }
.actions .grow { flex: 1 1 260px; }
.actions .grow input { flex: 1; }
.presets { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
.grid-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px; align-items: end; }
.grid-form label { display: flex; flex-direction: column; gap: 4px; font-size: .88rem; color: var(--muted); }
.toolbar { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; }
.toolbar input[type="search"] { flex: 1 1 280px; }
.toolbar label { display: inline-flex; gap: 6px; align-items: center; font-size: .9rem; }
.toolbar #traffic-count { margin-left: auto; font-size: .85rem; }
.check { white-space: nowrap; }

.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; background: var(--card); }
table.rows { border-collapse: collapse; width: 100%; font-size: .9rem; }
.rows th { text-align: left; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  font-weight: 600; padding: 8px 10px; border-bottom: 1px solid var(--line); background: var(--code-bg); position: sticky; top: 0; }
.rows td { padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.rows tbody tr:last-child td { border-bottom: 0; }
.rows tr[data-get] { cursor: pointer; }
.rows tr[data-get]:hover { background: var(--row-hover); }
.rows tr.selected { background: var(--accent-bg); }
.rows tr.fresh { animation: fresh 1.2s ease-out; }
@keyframes fresh { from { background: var(--accent-bg); } to { background: transparent; } }
#traffic .request { overflow-wrap: anywhere; min-width: 14em; }
.method { font-weight: 700; font-size: .82rem; }
.actions-cell { white-space: nowrap; }
.actions-cell button { margin: 2px; }
.meta { margin: 0 0 8px; color: var(--muted); font-size: .9rem; }
.empty { color: var(--muted); padding: 10px 0; }
.pager { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; justify-content: center; margin-top: 10px; font-size: .9rem; }

.badge { display: inline-block; font-size: .74rem; font-weight: 600; padding: 1px 7px; border-radius: 999px;
  background: var(--code-bg); border: 1px solid var(--line); white-space: nowrap; }
.badge.source-scim { color: var(--accent); border-color: currentColor; }
.badge.source-rest { color: var(--ok); border-color: currentColor; }
.badge.source-seed { color: var(--muted); }
.badge.source-csv { color: var(--warning); border-color: currentColor; }
.badge.source-graph { color: var(--accent); border-style: dashed; }
.badge.fault { color: var(--warning); border-color: currentColor; }
.state { font-size: .82rem; font-weight: 600; }
.state.active { color: var(--ok); } .state.inactive { color: var(--muted); } .state.deleted { color: var(--error); }
.status { font-weight: 700; font-variant-numeric: tabular-nums; }
.status.s2xx { color: var(--ok); } .status.s3xx { color: var(--accent); } .status.s4xx { color: var(--warning); }
.status.s5xx, .status.none { color: var(--error); }
.verdict { font-size: .84rem; font-weight: 600; }
.verdict.v-error { color: var(--error); } .verdict.v-warning { color: var(--warning); }
.verdict.v-ok { color: var(--ok); } .verdict.v-unjudged { color: var(--muted); font-weight: 400; }

.detail { margin-top: 16px; }
.detail-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.detail-head h3 { margin: 0; overflow-wrap: anywhere; }
.detail-head .close { margin-left: auto; }
.side-by-side { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin: 0;
  overflow: auto; max-height: 560px; white-space: pre-wrap; overflow-wrap: anywhere; }
.findings { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
.findings li { padding: 8px 10px; border-radius: 6px; background: var(--code-bg); border-left: 4px solid var(--line); overflow-wrap: anywhere; }
.findings li.sev-error { border-left-color: var(--error); }
.findings li.sev-warning { border-left-color: var(--warning); }
.findings .sev { text-transform: uppercase; }
iframe#report-frame { width: 100%; height: 80vh; border: 1px solid var(--line); border-radius: 10px; background: #fff; }

.toast { position: fixed; left: 50%; bottom: 20px; transform: translateX(-50%); max-width: min(640px, calc(100vw - 24px));
  background: var(--top); color: var(--top-text); padding: 10px 16px; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25);
  z-index: 10; overflow-wrap: anywhere; }
.toast.bad { background: var(--error); color: #fff; }
.offscreen { position: fixed; left: -9999px; top: 0; }

.narrow-only { display: none; }
@media (max-width: 760px) {
  .wide-only { display: none; }
  .narrow-only { display: block; }
  .account span { display: none; }
  .brand h1 { font-size: .98rem; }
  .top { padding: 8px 12px; gap: 8px 12px; flex-wrap: nowrap; }
  .account select { min-width: 0; max-width: 9em; }
  .tabs { padding: 0 4px; }
  .tabs button { padding: 10px 8px 7px; font-size: .86rem; }
  main { padding: 12px 8px 40px; }
  .cards, .side-by-side { grid-template-columns: minmax(0, 1fr); }
  .facts { grid-template-columns: minmax(0, 1fr); gap: 2px; }
  .facts dd { margin-bottom: 8px; }
  .rows td, .rows th { padding: 6px 7px; }
}
`
