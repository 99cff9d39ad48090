/**
 * The Faults tab: the account's fault rules (and the app-wide ones, which only `createApp`'s options
 * set), and a form for the fault syntax the CLI and the `X-Mock-Fault` header share.
 *
 * @module
 */
import type { FaultView } from '../faults/fault-registry.ts'
import { count, html, segment, type Markup } from './markup.ts'

/** One-line faults a newcomer most often wants, each a click away from the form. */
export const FAULT_PRESETS: readonly { readonly label: string; readonly text: string }[] = [
  { label: '503 on the next create', text: 'route=POST /Users,status=503,next=1' },
  { label: '429 with Retry-After', text: 'route=POST /Users,status=429,retry-after=2,next=1' },
  { label: 'Slow answers (800 ms)', text: 'latency=800' },
  { label: 'Drop the connection', text: 'route=PATCH /Users/*,reset,next=1' },
  {
    label: '409 after a create that worked',
    text: 'route=POST /Users,conflict-after-success,next=1',
  },
  { label: '404 just after create', text: 'route=GET /Users/*,404-after-create' },
]

function faultRow(admin: string, accountId: string, fault: FaultView): Markup {
  const own = fault.account === accountId
  return html`<tr>
    <td><code>${fault.id}</code></td>
    <td>${fault.description}</td>
    <td class="num">${fault.remaining === undefined ? '∞' : count(fault.remaining)}</td>
    <td class="num">${count(fault.applied)}</td>
    <td>
      ${own ? 'this account' : html`<span class="muted">every account (option faults)</span>`}
    </td>
    <td>
      ${own ? html`<button type="button" class="quiet" data-call="DELETE" data-url="${admin}/faults/${segment(fault.id)}" data-refresh="faults">Remove</button>` : ''}
    </td>
  </tr>`
}

export function faultsView(
  accountId: string,
  faults: readonly FaultView[],
  headersEnabled: boolean,
): Markup {
  const admin = `/_admin/accounts/${segment(accountId)}`
  const own = faults.filter((f) => f.account === accountId).length
  return html`<div class="card">
    <h2>Faults</h2>
    <p class="muted small">
      What the mock does wrong to this account's SCIM requests, so a client's retries and error
      handling can be seen at work. A fault with <code>next=N</code> retires after N requests.
    </p>
    ${
      faults.length === 0
        ? html`<p class="empty" id="no-faults">No fault: every request is answered normally.</p>`
        : html`<div class="table-wrap">
            <table class="rows" id="fault-list">
              <thead>
                <tr>
                  <th>Id</th>
                  <th>Fault</th>
                  <th class="num">Left</th>
                  <th class="num">Applied</th>
                  <th>Scope</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${faults.map((f) => faultRow(admin, accountId, f))}
              </tbody>
            </table>
          </div>`
    }
    <form
      class="actions fault-form"
      data-call="POST"
      data-url="${admin}/faults"
      data-refresh="faults"
      data-reset
    >
      <label class="grow"
        >Fault
        <input
          type="text"
          name="text"
          required
          maxlength="300"
          placeholder="route=POST /Users,status=503,next=1"
          aria-label="Fault"
      /></label>
      <button type="submit">Add fault</button>
    </form>
    <div class="presets">
      ${FAULT_PRESETS.map((p) => html`<button type="button" class="chip" data-fill="${p.text}">${p.label}</button>`)}
    </div>
    <p class="muted small">
      Keys: <code>route=METHOD /path</code> (<code>*</code> is one segment), <code>status=</code>,
      <code>retry-after=</code>, <code>latency=</code> ms, <code>reset</code>,
      <code>timeout[=ms]</code>, <code>slow-body[=bytes:ms]</code>,
      <code>conflict-after-success</code>, <code>404-after-create[=ms]</code>,
      <code>rate=0.5</code>, <code>seed=</code>, <code>next=</code>. One request's fault: the
      <code>X-Mock-Fault</code> header,
      ${headersEnabled ? 'honoured here' : 'turned off on this server'}.
    </p>
    ${own > 0 ? html`<div class="actions"><button type="button" class="quiet danger" data-call="DELETE" data-url="${admin}/faults" data-refresh="faults">Remove all of this account's faults</button></div>` : ''}
  </div>`
}
