/**
 * The Webhooks tab: the account's webhooks (enable, disable, delete), a form to add one, and a
 * webhook's delivery log, newest attempt first. The app key is never shown, only whether one is set.
 *
 * @module
 */
import type { DeliveryLogEntry } from '../webhooks/delivery-log.ts'
import { WEBHOOK_EVENTS } from '../webhooks/webhook-config.ts'
import type { Webhook } from '../webhooks/webhook-service.ts'
import { html, segment, when, type Markup } from './markup.ts'

function webhookRow(admin: string, base: string, webhook: Webhook): Markup {
  const url = `${admin}/webhooks/${segment(webhook.id)}`
  return html`<tr>
    <td>
      <b>${webhook.name}</b>
      <div class="muted small">${webhook.description}</div>
    </td>
    <td><code>${webhook.event}</code></td>
    <td class="wrap">
      <code>${webhook.url}</code
      >${webhook.appKey === undefined ? '' : html`<div class="muted small">app key set</div>`}
    </td>
    <td>
      <span class="state ${webhook.enabled ? 'active' : 'inactive'}"
        >${webhook.enabled ? 'enabled' : 'disabled'}</span
      >
    </td>
    <td class="actions-cell">
      <button
        type="button"
        class="quiet"
        data-get="${base}/webhooks/${segment(webhook.id)}/log"
        data-target="webhook-log"
      >
        Delivery log
      </button>
      <button
        type="button"
        class="quiet"
        data-call="PATCH"
        data-url="${url}"
        data-body='{"enabled":${webhook.enabled ? 'false' : 'true'}}'
        data-refresh="webhooks"
      >
        ${webhook.enabled ? 'Disable' : 'Enable'}
      </button>
      <button
        type="button"
        class="quiet danger"
        data-call="DELETE"
        data-url="${url}"
        data-refresh="webhooks"
        data-confirm="Delete the webhook ${webhook.name}?"
      >
        Delete
      </button>
    </td>
  </tr>`
}

export function webhooksView(
  accountId: string,
  webhooks: readonly Webhook[],
  insecureLoopback: boolean,
): Markup {
  const admin = `/_admin/accounts/${segment(accountId)}`
  const base = `/_dashboard/accounts/${segment(accountId)}`
  return html`<div class="card">
    <h2>Webhooks</h2>
    ${
      webhooks.length === 0
        ? html`<p class="empty">
            No webhook. ClearID calls a webhook's URL for each event it subscribes to; add one
            below.
          </p>`
        : html`<div class="table-wrap">
            <table class="rows" id="webhook-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Event</th>
                  <th>URL</th>
                  <th>State</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${webhooks.map((w) => webhookRow(admin, base, w))}
              </tbody>
            </table>
          </div>`
    }
    <h3>Add a webhook</h3>
    <form
      class="grid-form"
      data-call="POST"
      data-url="${admin}/webhooks"
      data-refresh="webhooks"
      data-reset
    >
      <label>Name <input type="text" name="name" required maxlength="256" /></label>
      <label
        >URL <input type="url" name="url" required placeholder="https://receiver.example/clearid"
      /></label>
      <label
        >Event
        <select name="event">
          ${WEBHOOK_EVENTS.map((e) => html`<option>${e}</option>`)}
        </select></label
      >
      <label
        >App key
        <input
          type="password"
          name="appKey"
          autocomplete="off"
          placeholder="optional: sent as a bearer token"
      /></label>
      <button type="submit">Add webhook</button>
    </form>
    <p class="muted small">
      URLs must be
      https://${insecureLoopback ? ' (http:// is allowed on loopback here)' : ' (CLEARID_ALLOW_INSECURE_WEBHOOKS=1 allows http:// on loopback)'};
      link-local and cloud metadata addresses are refused.
    </p>
  </div>`
}

export function deliveryLogView(webhook: Webhook, entries: readonly DeliveryLogEntry[]): Markup {
  return html`<article class="card detail" aria-label="Delivery log of ${webhook.name}">
    <header class="detail-head">
      <h3>Delivery log: ${webhook.name}</h3>
      <button
        type="button"
        class="quiet"
        data-get="/_dashboard/accounts/${segment(webhook.accountId)}/webhooks/${segment(webhook.id)}/log"
        data-target="webhook-log"
      >
        Refresh
      </button>
      <button type="button" class="quiet close" data-close>Close</button>
    </header>
    ${
      entries.length === 0
        ? html`<p class="empty">No callback yet.</p>`
        : html`<div class="table-wrap">
            <table class="rows">
              <thead>
                <tr>
                  <th>Callback</th>
                  <th>Event</th>
                  <th>Identity</th>
                  <th>Response</th>
                  <th class="num">Attempt</th>
                  <th class="num">Time</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(
                  (e) =>
                    html`<tr>
                      <td class="nowrap">${when(e.callbackDateUtc)}</td>
                      <td><code>${e.eventType}</code></td>
                      <td><code>${e.identityId ?? '—'}</code></td>
                      <td>
                        <span
                          class="status ${e.statusCode === null ? 'none' : `s${Math.floor(e.statusCode / 100)}xx`}"
                          >${e.statusCode ?? ''} ${e.response}</span
                        >
                      </td>
                      <td class="num">${e.attempt}</td>
                      <td class="num nowrap">${e.durationMs} ms</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </article>`
}
