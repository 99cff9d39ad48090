/**
 * The dashboard's identity table: a search and one page of its results, newest first, computed in
 * the store on each request, so the page holds 50 rows whether the account has ten identities or a
 * hundred thousand.
 *
 * Newest first because what a developer looks for is what their client just provisioned. The store
 * keeps creation order; without a search a page is a slice counted back from the end
 * (`IdentityStore.page`), with one the matches are collected as references and sliced.
 *
 * @module
 */
import { externalIdOf, type StoredIdentity } from '../../model/identity.ts'
import type { IdentityStore } from '../store/identity-store.ts'

export const PAGE_SIZE = 50
/** Longest search text taken; a longer one is cut (a search is a substring, not a program). */
export const MAX_QUERY_CHARS = 200

export interface IdentityQuery {
  /** Case-insensitive substring of userName, displayName, externalId or e-mail, or an exact id. */
  readonly q?: string
  /** 1-based. Past the last page: the last page. */
  readonly page?: number
  readonly includeDeleted?: boolean
  readonly pageSize?: number
}

export interface IdentityPage {
  readonly rows: readonly StoredIdentity[]
  /** Identities matching the query (all of the account's when there is no search). */
  readonly total: number
  readonly page: number
  readonly pages: number
  readonly pageSize: number
  readonly q: string
}

/** The search text as used: trimmed, cut, lower-cased. */
export function normalQuery(q: string | undefined): string {
  return (q ?? '').trim().slice(0, MAX_QUERY_CHARS).toLowerCase()
}

export function searchIdentities(
  store: IdentityStore,
  accountId: string,
  query: IdentityQuery = {},
): IdentityPage {
  const pageSize = Math.max(1, Math.floor(query.pageSize ?? PAGE_SIZE))
  const includeDeleted = query.includeDeleted ?? false
  const q = normalQuery(query.q)
  if (q === '') {
    const total = store.count(accountId, includeDeleted)
    const { page, pages } = pageOf(query.page, total, pageSize)
    // Page 1 is the newest `pageSize`: count back from the end of creation order.
    const end = total - (page - 1) * pageSize
    const start = Math.max(0, end - pageSize)
    const rows = store.page(accountId, { offset: start, limit: end - start, includeDeleted })
    return { rows: rows.reverse(), total, page, pages, pageSize, q }
  }
  // An id as pasted (GUIDs are stored as created, in lower case) matches exactly.
  const exact = store.get(accountId, query.q?.trim() ?? '') ?? store.get(accountId, q)
  // A case-insensitive pattern tests each field in place: lower-casing four fields of every
  // identity made 400,000 strings per keystroke at 100,000 identities, and took half as long again.
  const pattern = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
  const matches: StoredIdentity[] = []
  for (const identity of store.scan(accountId, includeDeleted)) {
    if (identity === exact || matchesText(identity, pattern)) matches.push(identity)
  }
  const total = matches.length
  const { page, pages } = pageOf(query.page, total, pageSize)
  const end = total - (page - 1) * pageSize
  const rows = matches.slice(Math.max(0, end - pageSize), end).reverse()
  return { rows, total, page, pages, pageSize, q }
}

function matchesText(identity: StoredIdentity, pattern: RegExp): boolean {
  if (pattern.test(identity.userName) || pattern.test(identity.displayName)) return true
  const externalId = externalIdOf(identity)
  if (externalId !== undefined && pattern.test(externalId)) return true
  const email = identity.attributes.email
  return typeof email === 'string' && pattern.test(email)
}

function pageOf(requested: number | undefined, total: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const wanted = Number.isFinite(requested) ? Math.floor(requested as number) : 1
  return { page: Math.min(Math.max(1, wanted), pages), pages }
}
