/**
 * The Report tab: the client report of the account's traffic (the audit the control plane's
 * `GET …/audit` answers, as the HTML report) and, when the CLI says where, the latest conformance
 * report `run` wrote. The page shows either in a sandboxed frame; the renderer is the HTML report's,
 * passed in by the layers above (`DashboardOptions.reports`).
 *
 * @module
 */
import { html, segment, type Markup } from './markup.ts'

export interface ReportChoices {
  readonly accountId: string
  /** The app renders reports (`dashboard.reports`). */
  readonly renders: boolean
  /** The app audits traffic (`trafficAudit`). */
  readonly audits: boolean
  /** The latest conformance report: there is one, or why not; undefined when the app has no source. */
  readonly latest?: { readonly source: string } | { readonly error: string }
}

export function reportChoices(choices: ReportChoices): Markup {
  const { latest } = choices
  const base = `/_dashboard/accounts/${segment(choices.accountId)}`
  if (!choices.renders) {
    return html`<div class="card">
      <h2>Reports</h2>
      <p>
        This mock renders no report: pass <code>dashboard: { reports }</code> to
        <code>createApp</code> (the <code>serve</code> command does), or read the audit as JSON at
        <code>GET /_admin/accounts/${choices.accountId}/audit</code>.
      </p>
    </div>`
  }
  return html`<div class="card">
    <h2>Reports</h2>
    <div class="actions">
      ${
        choices.audits
          ? html`<button type="button" data-report="${base}/report/client">
              Client report of this account's traffic
            </button>`
          : html`<span class="muted">No client audit on this mock (option trafficAudit).</span>`
      }
      ${latest !== undefined && 'source' in latest ? html`<button type="button" class="quiet" data-report="/_dashboard/report/latest">Latest conformance run</button>` : ''}
    </div>
    <p class="muted small">
      The client report judges every exchange in the traffic log against the client rules.
      ${latest === undefined ? '' : 'source' in latest ? html`The conformance run is the report in <code>${latest.source}</code>.` : latest.error}
    </p>
  </div>`
}
