/**
 * The dashboard's page: the frame every tab fills. It carries no data of any account: the script
 * fetches each tab's fragment from `/_dashboard/accounts/{id}/…` with the admin token, and sends
 * every action to the control plane (`/_admin/`), so the page itself needs no authentication.
 *
 * @module
 */
import { html, type Markup } from './markup.ts'

export const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'identities', label: 'Identities' },
  { id: 'traffic', label: 'Traffic' },
  { id: 'faults', label: 'Faults' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'report', label: 'Report' },
] as const

export interface ShellOptions {
  readonly nonce: string
  /** The admin token, when the page may carry it (`DashboardOptions.tokenInPage`). */
  readonly adminToken?: string
}

export function shellPage({ nonce, adminToken }: ShellOptions): Markup {
  const tabs = TABS.map(
    (tab, i) =>
      html`<button
        type="button"
        role="tab"
        id="tab-${tab.id}"
        aria-controls="panel-${tab.id}"
        aria-selected="${String(i === 0)}"
        data-tab="${tab.id}"
      >
        ${tab.label}
      </button>`,
  )
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>ClearID mock · dashboard</title>
        <link rel="icon" href="/_dashboard/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/_dashboard/app.css" nonce="${nonce}" />
        ${adminToken === undefined ? '' : html`<meta name="clearid-admin-token" content="${adminToken}" />`}
        <script src="/_dashboard/app.js" nonce="${nonce}" defer></script>
      </head>
      <body>
        <header class="top">
          <div class="brand">
            <img src="/_dashboard/icon.svg" alt="" width="24" height="24" />
            <h1>ClearID mock</h1>
          </div>
          <label class="account"
            ><span>Account</span>
            <select id="account" aria-label="Account"></select
          ></label>
          <span id="live" class="live" data-state="off" role="status">offline</span>
        </header>
        <nav class="tabs" role="tablist" aria-label="Dashboard">${tabs}</nav>
        <main>
          <noscript
            ><p class="notice">
              The dashboard needs JavaScript. The control plane answers the same questions as JSON
              under <code>/_admin/</code> (docs/rest-api.md).
            </p></noscript
          >
          <form id="signin" class="card signin" hidden>
            <h2>Admin token</h2>
            <p>
              This mock's control plane is protected by an admin token (printed at start, or
              <code>CLEARID_ADMIN_TOKEN</code>). It is kept for this browser tab only.
            </p>
            <p id="signin-error" class="error" hidden></p>
            <label>Token <input type="password" name="token" autocomplete="off" required /></label>
            <button type="submit">Open the dashboard</button>
          </form>
          <section
            id="panel-overview"
            class="panel"
            role="tabpanel"
            aria-labelledby="tab-overview"
            data-panel="overview"
          >
            <div id="overview" class="fragment"></div>
          </section>
          <section
            id="panel-identities"
            class="panel"
            role="tabpanel"
            aria-labelledby="tab-identities"
            data-panel="identities"
            hidden
          >
            <form id="identity-search" class="toolbar" role="search">
              <input
                type="search"
                name="q"
                maxlength="200"
                placeholder="Search userName, name, externalId, e-mail or id"
                aria-label="Search identities"
              />
              <label class="check"><input type="checkbox" name="deleted" /> deleted too</label>
            </form>
            <div id="identities" class="fragment"></div>
            <div id="identity-detail" class="detail-slot"></div>
          </section>
          <section
            id="panel-traffic"
            class="panel"
            role="tabpanel"
            aria-labelledby="tab-traffic"
            data-panel="traffic"
            hidden
          >
            <form id="traffic-filter" class="toolbar">
              <label
                >Route
                <select name="route">
                  <option value="">all routes</option>
                </select></label
              >
              <label
                >Verdict
                <select name="verdict">
                  <option value="">all</option>
                  <option value="error">errors</option>
                  <option value="warning">warnings</option>
                  <option value="ok">no finding</option>
                  <option value="fault">injected fault</option>
                  <option value="unjudged">not judged</option>
                </select></label
              >
              <label class="check"><input type="checkbox" name="pause" /> pause</label>
              <span id="traffic-count" class="muted"></span>
              <button type="button" id="traffic-clear" class="quiet">Clear the log</button>
            </form>
            <div class="table-wrap">
              <table id="traffic" class="rows">
                <thead>
                  <tr>
                    <th class="wide-only">Time</th>
                    <th>Request</th>
                    <th>Status</th>
                    <th class="num wide-only">Latency</th>
                    <th>Client audit</th>
                  </tr>
                </thead>
                <tbody></tbody>
              </table>
            </div>
            <p id="traffic-empty" class="empty">
              No request yet. Point a SCIM client at the Tenant URL (Overview), or call the REST
              API, and its requests appear here as they arrive.
            </p>
            <div id="exchange" class="detail-slot"></div>
          </section>
          <section
            id="panel-faults"
            class="panel"
            role="tabpanel"
            aria-labelledby="tab-faults"
            data-panel="faults"
            hidden
          >
            <div id="faults" class="fragment"></div>
          </section>
          <section
            id="panel-webhooks"
            class="panel"
            role="tabpanel"
            aria-labelledby="tab-webhooks"
            data-panel="webhooks"
            hidden
          >
            <div id="webhooks" class="fragment"></div>
            <div id="webhook-log" class="detail-slot"></div>
          </section>
          <section
            id="panel-report"
            class="panel"
            role="tabpanel"
            aria-labelledby="tab-report"
            data-panel="report"
            hidden
          >
            <div id="report" class="fragment"></div>
            <iframe id="report-frame" title="Report" sandbox="allow-scripts" hidden></iframe>
          </section>
        </main>
        <div id="toast" class="toast" role="alert" hidden></div>
      </body>
    </html> `
}
