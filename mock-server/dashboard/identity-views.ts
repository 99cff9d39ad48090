/**
 * The Identities tab: one page of the table, and one identity as both doors show it, the SCIM User
 * and the REST identity, side by side, with where its last write came from.
 *
 * @module
 */
import type { StoredIdentity, WriteSource } from '../../model/identity.ts'
import { externalIdOf } from '../../model/identity.ts'
import { count, html, prettyJson, segment, when, type Markup } from './markup.ts'
import type { IdentityPage } from './identity-search.ts'

const SOURCE_LABELS: Record<WriteSource, string> = {
  scim: 'SCIM',
  rest: 'REST',
  seed: 'seed',
  csv: 'Cloud CSV',
  graph: 'Entra ID (Graph)',
}

export function sourceBadge(identity: StoredIdentity): Markup {
  return html`<span class="badge source-${identity.source}"
    >${SOURCE_LABELS[identity.source] ?? identity.source}</span
  >`
}

function row(base: string, identity: StoredIdentity): Markup {
  const state = identity.deleted ? 'deleted' : identity.active ? 'active' : 'inactive'
  return html`<tr
    data-get="${base}/identities/${segment(identity.id)}"
    data-target="identity-detail"
    tabindex="0"
  >
    <td class="wrap">
      <b>${identity.userName}</b>
      <div class="muted small narrow-only">${identity.displayName}</div>
    </td>
    <td class="wide-only">${identity.displayName}</td>
    <td class="wide-only"><code>${externalIdOf(identity) ?? '—'}</code></td>
    <td><span class="state ${state}">${state}</span></td>
    <td>${sourceBadge(identity)}</td>
    <td class="nowrap muted wide-only">${when(identity.lastModified)}</td>
  </tr>`
}

function pager(page: IdentityPage): Markup {
  const button = (to: number, label: string, disabled: boolean) =>
    html`<button type="button" class="quiet" data-page="${to}" ${disabled ? html` disabled` : ''}>
      ${label}
    </button>`
  return html`<nav class="pager" aria-label="Pages">
    ${button(1, 'First', page.page <= 1)}${button(page.page - 1, 'Previous', page.page <= 1)}
    <span>Page ${count(page.page)} of ${count(page.pages)}</span>
    ${button(page.page + 1, 'Next', page.page >= page.pages)}${button(page.pages, 'Last', page.page >= page.pages)}
  </nav>`
}

/** `base`: `/_dashboard/accounts/{id}`, where the rows' details are fetched. */
export function identityTable(base: string, page: IdentityPage): Markup {
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1
  const last = (page.page - 1) * page.pageSize + page.rows.length
  const what = page.q === '' ? 'identities' : html`matches for <q>${page.q}</q>`
  const summary =
    page.total === 0
      ? page.q === ''
        ? html`No identity yet: provision one through SCIM, create one through REST or seed some
          (Overview).`
        : html`No identity matches <q>${page.q}</q>.`
      : html`${count(first)}–${count(last)} of
          <b id="identity-total">${count(page.total)}</b> ${what}, newest first`
  return html`<p class="meta" data-total="${page.total}" data-page="${page.page}">${summary}</p>
    ${
      page.total === 0
        ? ''
        : html`<div class="table-wrap">
              <table class="rows identities">
                <thead>
                  <tr>
                    <th>userName</th>
                    <th class="wide-only">Display name</th>
                    <th class="wide-only">externalId</th>
                    <th>Status</th>
                    <th>Source</th>
                    <th class="wide-only">Last modified</th>
                  </tr>
                </thead>
                <tbody>
                  ${page.rows.map((identity) => row(base, identity))}
                </tbody>
              </table>
            </div>
            ${page.pages > 1 ? pager(page) : ''}`
    }`
}

export interface IdentityDetail {
  readonly identity: StoredIdentity
  readonly scim: unknown
  readonly rest: unknown
  readonly scimUrl: string
  readonly restUrl: string
}

export function identityDetail(detail: IdentityDetail): Markup {
  const { identity } = detail
  const facts = [
    ['id', identity.id],
    ['Created', when(identity.created)],
    ['Last modified', when(identity.lastModified)],
    ['Version', `W/"${identity.version}"`],
    ['Ordinal', identity.ordinal === undefined ? '—' : String(identity.ordinal)],
  ]
  return html`<article class="card detail" aria-label="Identity ${identity.userName}">
    <header class="detail-head">
      <h3>${identity.userName}</h3>
      ${sourceBadge(identity)}
      ${identity.deleted ? html`<span class="state deleted">deleted ${when(identity.deletedAt)}</span>` : ''}
      <button type="button" class="quiet close" data-close>Close</button>
    </header>
    <p class="muted small">
      Last written through
      ${SOURCE_LABELS[identity.source]}.${identity.deleted ? ' Soft-deleted: SCIM no longer shows it; the search service lists it with isDeleted.' : ''}
    </p>
    <ul class="inline-facts">
      ${facts.map(([k, v]) => html`<li><span class="muted">${k}</span> <code>${v}</code></li>`)}
    </ul>
    <div class="side-by-side">
      <section>
        <h4>SCIM User</h4>
        <p class="muted small"><code>GET ${detail.scimUrl}</code></p>
        <pre class="json">${prettyJson(detail.scim)}</pre>
      </section>
      <section>
        <h4>REST identity</h4>
        <p class="muted small"><code>GET ${detail.restUrl}</code></p>
        <pre class="json">${prettyJson(detail.rest)}</pre>
      </section>
    </div>
  </article>`
}
