/**
 * The Overview tab: what a client needs to connect (Tenant URL, SCIM key, token endpoint, API
 * integration client ids) and the control plane's account-wide actions (new SCIM key, seeding,
 * SCIM reset, deleting identities, clearing the traffic log).
 *
 * A SCIM key is stored as a digest, so the page cannot show it again: it shows the development key
 * (documented, public) and a key generated from this page, once; any other key only by name.
 *
 * @module
 */
import { MAX_SEED_COUNT } from '../control/faker-identities.ts'
import type { ScimResetStatus } from '../control/scim-resets.ts'
import type { TrafficStats } from '../traffic/traffic-log.ts'
import { count, html, segment, when, type Markup } from './markup.ts'

export interface OverviewModel {
  readonly accountId: string
  readonly tenantUrl: string
  readonly tokenEndpoint: string
  readonly scimKey?: { readonly name: string; readonly createdUtc: string }
  /** The key itself, only when it is the documented development key. */
  readonly developmentKey?: string
  readonly integrations: readonly {
    readonly name: string
    readonly clientId: string
    readonly keyGeneratedUtc: string | null
  }[]
  readonly identities: number
  readonly deletedIdentities: number
  readonly reset?: ScimResetStatus
  readonly traffic: TrafficStats & { readonly enabled: boolean }
  readonly audit: boolean
  readonly faultHeaders: boolean
}

function copyButton(text: string, label = 'Copy'): Markup {
  return html`<button type="button" class="quiet copy" data-copy="${text}">${label}</button>`
}

function keyRow(model: OverviewModel): Markup {
  const key = model.scimKey
  if (!key) return html`<dd><span class="muted">No SCIM key yet: generate one below.</span></dd>`
  const secret = model.developmentKey
    ? html`<code class="secret" data-secret="${model.developmentKey}">••••••••••••••••</code>
        <button type="button" class="quiet" data-reveal>Show</button
        >${copyButton(model.developmentKey)}`
    : html`<code class="secret">••••••••••••••••</code>
        <span class="muted">shown only when generated</span>`
  return html`<dd>
    ${secret}
    <div class="muted small">${key.name} · created ${when(key.createdUtc)}</div>
  </dd>`
}

function resetLine(reset: ScimResetStatus | undefined): Markup | string {
  if (!reset) return ''
  return html`<p class="small">
    Last SCIM reset: <b>${reset.status}</b>, ${count(reset.identitiesMarked)} marked,
    ${count(reset.identitiesPending)} still pending (started ${when(reset.startedUtc)}).
  </p>`
}

export function overviewView(model: OverviewModel): Markup {
  const admin = `/_admin/accounts/${segment(model.accountId)}`
  const integrations =
    model.integrations.length === 0
      ? html`<dd class="muted">None. Create one with <code>POST ${admin}/integrations</code>.</dd>`
      : html`<dd>
          ${model.integrations.map(
            (i) =>
              html`<div class="integration">
                <code>${i.clientId}</code>${copyButton(i.clientId)}
                <div class="muted small">
                  ${i.name} · secret
                  ${i.keyGeneratedUtc ? `generated ${when(i.keyGeneratedUtc)}` : 'not generated'}
                </div>
              </div>`,
          )}
        </dd>`
  const { traffic } = model
  return html`<div class="cards">
    <section class="card" id="connect">
      <h2>Connect Microsoft Entra (SCIM)</h2>
      <dl class="facts">
        <dt>Tenant URL</dt>
        <dd><code id="tenant-url">${model.tenantUrl}</code>${copyButton(model.tenantUrl)}</dd>
        <dt>Secret Token (SCIM key)</dt>
        ${keyRow(model)}
      </dl>
      <div id="new-key" class="once" hidden>
        <p><b>New SCIM key</b>, shown this once: the previous key no longer works.</p>
        <code class="secret" data-secret="">••••••••••••••••</code>
        <button type="button" class="quiet" data-reveal>Show</button>
        <button type="button" class="quiet copy" data-copy="">Copy</button>
      </div>
      <form
        class="actions"
        data-call="POST"
        data-url="${admin}/scim/key"
        data-result="new-key"
        data-refresh="overview"
        data-confirm="Generate a new SCIM key? The current key stops working at once."
      >
        <input type="hidden" name="name" value="Dashboard key" />
        <button type="submit">Generate a new SCIM key</button>
      </form>
    </section>
    <section class="card" id="rest">
      <h2>REST API</h2>
      <dl class="facts">
        <dt>Token endpoint</dt>
        <dd><code>${model.tokenEndpoint}</code>${copyButton(model.tokenEndpoint)}</dd>
        <dt>API integration client id</dt>
        ${integrations}
      </dl>
      <p class="muted small">
        A client secret is shown once, when generated:
        <code>POST ${admin}/integrations/{id}/key</code> (docs/rest-api.md).
      </p>
    </section>
    <section class="card" id="store">
      <h2>Identities</h2>
      <p class="big">
        <b>${count(model.identities)}</b> <span class="muted">live</span> ·
        <b>${count(model.deletedIdentities)}</b> <span class="muted">soft-deleted</span>
      </p>
      ${resetLine(model.reset)}
      <form
        class="actions"
        data-call="POST"
        data-url="${admin}/identities/seed"
        data-refresh="overview identities"
      >
        <input type="hidden" name="faker.seed" data-random />
        <label
          >Seed
          <input
            type="number"
            name="faker.count"
            value="100"
            min="1"
            max="${MAX_SEED_COUNT}"
            required
            aria-label="Identities to seed"
          />
          identities</label
        >
        <button type="submit">Seed</button>
      </form>
      <div class="actions">
        <button
          type="button"
          data-call="POST"
          data-url="${admin}/scim/reset"
          data-refresh="overview identities"
          data-confirm="Reset the SCIM identity data? Identities SCIM manages read as pending until Entra writes them again. This cannot be undone."
        >
          SCIM reset
        </button>
        <button
          type="button"
          class="danger"
          data-call="DELETE"
          data-url="${admin}/identities"
          data-refresh="overview identities"
          data-confirm="Delete every identity of ${model.accountId}?"
        >
          Delete all identities
        </button>
      </div>
    </section>
    <section class="card" id="recording">
      <h2>Traffic and audit</h2>
      <p>
        ${traffic.enabled ? html`<b>${count(traffic.count)}</b> of ${count(traffic.capacity)} exchanges kept${traffic.dropped > 0 ? html`, ${count(traffic.dropped)} older ones dropped` : ''}.` : 'Traffic recording is off (option traffic: false).'}
      </p>
      <p class="small ${model.audit ? '' : 'warn'}">
        ${model.audit ? 'Each request is judged by the client rules as it arrives.' : 'No client audit: pass trafficAudit (clientAudit from clearid-conformance/verify) to see findings; serve and verify-client do.'}
      </p>
      <p class="small muted">
        X-Mock-Fault request headers are ${model.faultHeaders ? 'honoured' : 'ignored'} (option
        faultHeaders).
      </p>
      <div class="actions">
        <button
          type="button"
          class="quiet"
          data-call="DELETE"
          data-url="${admin}/traffic"
          data-refresh="overview traffic"
        >
          Clear the traffic log
        </button>
      </div>
    </section>
  </div>`
}
