/**
 * The Traffic tab: a row per exchange as it arrives (status, latency, the client audit's verdict)
 * and, on click, the exchange itself with the findings. Records reach the dashboard without their
 * secrets (the traffic log removes them before it keeps an exchange); finding messages, written
 * from those records, are redacted once more by value on the way out.
 *
 * @module
 */
import { redactString } from '../../model/redact.ts'
import type { RequestLogEntry } from '../control/request-log.ts'
import type { ExchangeFinding } from '../traffic/client-verification.ts'
import type { TrafficRecord } from '../traffic/record.ts'
import { faultText, restRouteOf, routeOf, verdictOf, verdictText } from './exchange-summary.ts'
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
  const fault = faultText(record)
  return liveRow({
    key: 'data-seq',
    seq: record.seq,
    route: routeOf(request.method, request.path),
    verdict: verdictOf(findings),
    fault: fault !== undefined,
    get: `${base}/traffic/${record.seq}`,
    at: record.at,
    method: request.method,
    path: request.path,
    query: request.query,
    status: response?.status,
    shownStatus: response?.status ?? record.error ?? '—',
    durationMs: record.durationMs,
    judgement: html`<span class="verdict v-${verdictOf(findings)}">${verdictText(findings)}</span
      >${fault === undefined ? '' : html` <span class="badge fault">${fault}</span>`}`,
  })
}

/**
 * One row for a call to the REST services (identity, search, principal, role). The request log
 * keeps their request line, status and duration, not headers or bodies, and the client audit
 * judges SCIM only: the row says so rather than showing a verdict.
 */
export function requestRow(base: string, entry: RequestLogEntry): Markup {
  return liveRow({
    key: 'data-request',
    seq: entry.seq,
    route: restRouteOf(entry.method, entry.path),
    verdict: 'unjudged',
    fault: false,
    get: `${base}/requests/${entry.seq}`,
    at: entry.timeUtc,
    method: entry.method,
    path: entry.path,
    query: entry.query,
    status: entry.status,
    shownStatus: entry.status,
    durationMs: entry.durationMs,
    judgement: html`<span class="verdict v-unjudged">REST: not judged</span>`,
  })
}

interface LiveRow {
  /** `data-seq` (a SCIM exchange) or `data-request` (a REST call): the two are numbered apart. */
  readonly key: 'data-seq' | 'data-request'
  readonly seq: number
  readonly route: string
  readonly verdict: string
  readonly fault: boolean
  /** The fragment a click opens. */
  readonly get: string
  readonly at: string
  readonly method: string
  readonly path: string
  readonly query: string
  readonly status: number | undefined
  readonly shownStatus: number | string
  readonly durationMs: number
  readonly judgement: Markup
}

function liveRow(row: LiveRow): Markup {
  const query = row.query === '' ? '' : `?${readableQuery(row.query)}`
  return html`<tr
    ${row.key}="${row.seq}"
    data-route="${row.route}"
    data-verdict="${row.verdict}"
    data-fault="${row.fault ? 'yes' : ''}"
    data-get="${row.get}"
    data-target="exchange"
    tabindex="0"
  >
    <td class="nowrap muted wide-only">${clockTime(row.at)}</td>
    <td class="request">
      <b class="method">${row.method}</b> <span class="path">${row.path}${query}</span>
    </td>
    <td>
      <span class="status ${statusClass(row.status)}">${row.shownStatus}</span>
    </td>
    <td class="num nowrap wide-only">${latency(row.durationMs)}</td>
    <td>${row.judgement}</td>
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

export function requestDetail(entry: RequestLogEntry): Markup {
  const query = entry.query === '' ? '' : `?${entry.query}`
  return html`<article class="card detail" aria-label="REST request ${entry.seq}">
    <header class="detail-head">
      <h3>${entry.method} ${entry.path}</h3>
      <span class="status ${statusClass(entry.status)}">${entry.status}</span>
      <span class="muted">${latency(entry.durationMs)} · ${clockTime(entry.timeUtc)}</span>
      <button type="button" class="quiet close" data-close>Close</button>
    </header>
    <pre class="exchange">
${entry.method} ${entry.path}${query}
HTTP ${entry.status}</pre>
    <p class="muted small">
      The mock keeps the request line, status and duration of a REST call (${entry.surface}), not
      its headers or bodies, and the client audit judges SCIM traffic only. Secrets in the path or
      query are redacted.
    </p>
  </article>`
}
