/**
 * The Traffic tab: a row per exchange as it arrives (status, latency, the client audit's verdict)
 * and, on click, the exchange itself with the findings. Records reach the dashboard without their
 * secrets (the traffic log removes them before it keeps an exchange); finding messages, written
 * from those records, are redacted once more by value on the way out.
 *
 * @module
 */
import { redactString } from '../../model/redact.ts'
import type { ExchangeFinding } from '../traffic/client-verification.ts'
import type { TrafficRecord } from '../traffic/record.ts'
import { faultText, routeOf, verdictOf, verdictText } from './exchange-summary.ts'
import { clockTime, html, prettyJson, type Markup } from './markup.ts'

function statusClass(status: number | undefined): string {
  if (status === undefined) return 'none'
  return `s${Math.floor(status / 100)}xx`
}

function latency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}

/** One row of the live table; `base` is `/_dashboard/accounts/{id}`. */
export function trafficRow(
  base: string,
  record: TrafficRecord,
  findings: readonly ExchangeFinding[] | undefined,
): Markup {
  const { request, response } = record
  const route = routeOf(request.method, request.path)
  const fault = faultText(record)
  const verdict = verdictOf(findings)
  const query = request.query === '' ? '' : `?${readableQuery(request.query)}`
  return html`<tr
    data-seq="${record.seq}"
    data-route="${route}"
    data-verdict="${verdict}"
    data-fault="${fault === undefined ? '' : 'yes'}"
    data-get="${base}/traffic/${record.seq}"
    data-target="exchange"
    tabindex="0"
  >
    <td class="nowrap muted wide-only">${clockTime(record.at)}</td>
    <td class="request">
      <b class="method">${request.method}</b> <span class="path">${request.path}${query}</span>
    </td>
    <td>
      <span class="status ${statusClass(response?.status)}"
        >${response?.status ?? record.error ?? '—'}</span
      >
    </td>
    <td class="num nowrap wide-only">${latency(record.durationMs)}</td>
    <td>
      <span class="verdict v-${verdict}">${verdictText(findings)}</span
      >${fault === undefined ? '' : html` <span class="badge fault">${fault}</span>`}
    </td>
  </tr>`
}

/** `filter=userName eq "a@b.c"` rather than `filter=userName%20eq%20%22a%40b.c%22`, when it decodes. */
function readableQuery(query: string): string {
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '))
  } catch {
    return query
  }
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')
}

function findingList(findings: readonly ExchangeFinding[] | undefined): Markup {
  if (findings === undefined) {
    return html`<p class="muted">
      Not judged: this mock runs without a client audit (option trafficAudit).
    </p>`
  }
  if (findings.length === 0)
    return html`<p class="ok">The client rules found nothing in this exchange.</p>`
  return html`<ul class="findings">
    ${findings.map(
      (f) =>
        html`<li class="sev-${f.severity}">
          <span class="badge sev">${f.severity}</span> <code>${f.ruleId}</code> <b>${f.title}</b
          ><br />${redactString(f.message)}
        </li>`,
    )}
  </ul>`
}

export function exchangeDetail(
  record: TrafficRecord,
  findings: readonly ExchangeFinding[] | undefined,
): Markup {
  const { request, response } = record
  const requestText = [
    `${request.method} ${request.url}`,
    headerLines(request.headers),
    ...(request.body === undefined ? [] : ['', prettyJson(request.body)]),
    ...(request.bodyCut ? ['… (body cut: the log keeps the first characters)'] : []),
  ].join('\n')
  const responseText = response
    ? [
        `HTTP ${response.status}`,
        headerLines(response.headers),
        ...(response.body === undefined ? [] : ['', prettyJson(response.body)]),
        ...(response.bodyCut ? ['… (body cut: the log keeps the first characters)'] : []),
      ].join('\n')
    : `No response: ${record.error ?? 'the connection ended'}`
  const fault = faultText(record)
  const warnings = record.warnings
  return html`<article class="card detail" aria-label="Exchange ${record.seq}">
    <header class="detail-head">
      <h3>#${record.seq} ${request.method} ${request.path}</h3>
      <span class="status ${statusClass(response?.status)}"
        >${response?.status ?? record.error ?? '—'}</span
      >
      <span class="muted"
        >${latency(record.durationMs)} · ${clockTime(record.at)} · key ${record.auth}</span
      >
      ${fault === undefined ? '' : html`<span class="badge fault">injected: ${fault}</span>`}
      <button type="button" class="quiet close" data-close>Close</button>
    </header>
    <h4>Client audit</h4>
    ${findingList(findings)}
    ${
      warnings.length === 0
        ? ''
        : html`<h4>Mock warnings</h4>
            <ul class="findings">
              ${warnings.map((w) => html`<li><code>${w.code}</code> ${w.message}</li>`)}
            </ul>`
    }
    <div class="side-by-side">
      <section>
        <h4>Request</h4>
        <pre class="exchange">${requestText}</pre>
      </section>
      <section>
        <h4>Response</h4>
        <pre class="exchange">${responseText}</pre>
      </section>
    </div>
    <p class="muted small">Secrets are redacted as in every output of the mock.</p>
  </article>`
}
