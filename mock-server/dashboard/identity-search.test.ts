import { describe, expect, it } from 'vitest'
import type { Identity } from '../../model/identity.ts'
import { MemoryIdentityStore } from '../store/memory-store.ts'
import { PAGE_SIZE, searchIdentities } from './identity-search.ts'

function identity(n: number, overrides: Partial<Identity> = {}): Identity {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    accountId: 'a',
    userName: `user${n}@contoso.com`,
    displayName: `User ${n}`,
    active: true,
    attributes: { externalId: `ext-${n}`, email: `mail${n}@fabrikam.com` },
    created: '2026-01-01T00:00:00.000Z',
    lastModified: '2026-01-01T00:00:00.000Z',
    version: 1,
    deleted: false,
    source: 'scim',
    ...overrides,
  }
}

function storeOf(count: number): MemoryIdentityStore {
  const store = new MemoryIdentityStore()
  for (let n = 1; n <= count; n++) store.insert(identity(n))
  return store
}

const names = (rows: readonly { userName: string }[]) => rows.map((r) => r.userName)

describe('searchIdentities', () => {
  it('pages newest first: the identity created last is the first row of page 1', () => {
    const page = searchIdentities(storeOf(7), 'a', { pageSize: 3 })
    expect(names(page.rows)).toEqual([
      'user7@contoso.com',
      'user6@contoso.com',
      'user5@contoso.com',
    ])
    expect(page).toMatchObject({ total: 7, page: 1, pages: 3 })
    const last = searchIdentities(storeOf(7), 'a', { pageSize: 3, page: 3 })
    expect(names(last.rows)).toEqual(['user1@contoso.com'])
  })

  it('clamps a page past either end, and takes a page that is not a number as the first', () => {
    const store = storeOf(5)
    expect(searchIdentities(store, 'a', { pageSize: 2, page: 99 }).page).toBe(3)
    expect(searchIdentities(store, 'a', { pageSize: 2, page: -4 }).page).toBe(1)
    expect(searchIdentities(store, 'a', { pageSize: 2, page: Number.NaN }).page).toBe(1)
    expect(searchIdentities(new MemoryIdentityStore(), 'a')).toMatchObject({
      rows: [],
      total: 0,
      page: 1,
      pages: 1,
    })
  })

  it('searches userName, displayName, externalId and e-mail case-insensitively, newest first', () => {
    const store = storeOf(30)
    expect(names(searchIdentities(store, 'a', { q: 'USER2' }).rows)).toEqual([
      'user29@contoso.com',
      'user28@contoso.com',
      ...Array.from({ length: 8 }, (_, i) => `user${27 - i}@contoso.com`),
      'user2@contoso.com',
    ])
    expect(names(searchIdentities(store, 'a', { q: 'user 7' }).rows)).toEqual(['user7@contoso.com'])
    expect(names(searchIdentities(store, 'a', { q: 'EXT-13' }).rows)).toEqual([
      'user13@contoso.com',
    ])
    expect(names(searchIdentities(store, 'a', { q: 'mail19@' }).rows)).toEqual([
      'user19@contoso.com',
    ])
    expect(searchIdentities(store, 'a', { q: 'nobody' }).total).toBe(0)
  })

  it('takes the search as text, not as a pattern', () => {
    const store = storeOf(12)
    // As a pattern `.` would match any character: user1@, user2@, ….
    expect(searchIdentities(store, 'a', { q: 'user.@' }).total).toBe(0)
    expect(searchIdentities(store, 'a', { q: 'user1(' }).total).toBe(0)
    expect(searchIdentities(store, 'a', { q: 'r1@contoso.c' }).total).toBe(1)
  })

  it('finds an identity by its id, pasted in any case', () => {
    const store = storeOf(3)
    const id = identity(2).id
    expect(names(searchIdentities(store, 'a', { q: ` ${id.toUpperCase()} ` }).rows)).toEqual([
      'user2@contoso.com',
    ])
  })

  it('leaves soft-deleted identities out unless asked for', () => {
    const store = storeOf(3)
    store.update(identity(2, { deleted: true, deletedAt: '2026-01-02T00:00:00.000Z' }))
    expect(names(searchIdentities(store, 'a').rows)).toEqual([
      'user3@contoso.com',
      'user1@contoso.com',
    ])
    expect(searchIdentities(store, 'a', { includeDeleted: true }).total).toBe(3)
    expect(searchIdentities(store, 'a', { q: 'user2' }).total).toBe(0)
    expect(searchIdentities(store, 'a', { q: 'user2', includeDeleted: true }).total).toBe(1)
  })

  it('keeps accounts apart', () => {
    const store = storeOf(2)
    store.insert(identity(9, { accountId: 'b' }))
    expect(searchIdentities(store, 'b').total).toBe(1)
    expect(searchIdentities(store, 'a', { q: 'user9' }).total).toBe(0)
  })

  it('answers one page out of 100,000 identities, at either end and for a search', () => {
    const store = storeOf(100_000)
    const first = searchIdentities(store, 'a')
    expect(first.rows).toHaveLength(PAGE_SIZE)
    expect(first.rows[0]?.userName).toBe('user100000@contoso.com')
    expect(first.pages).toBe(2000)
    const last = searchIdentities(store, 'a', { page: 2000 })
    expect(last.rows.at(-1)?.userName).toBe('user1@contoso.com')
    const found = searchIdentities(store, 'a', { q: 'user9999' })
    // user9999 and user99990..user99999.
    expect(found.total).toBe(11)
    expect(found.rows[0]?.userName).toBe('user99999@contoso.com')
  })
})
