import { describe, expect, it } from 'vitest'
import type { Identity } from '../../model/identity.ts'
import { UniquenessConflict } from './identity-store.ts'
import { MemoryIdentityStore } from './memory-store.ts'

let next = 0
function identity(overrides: Partial<Identity> = {}): Identity {
  next++
  return {
    id: `id-${next}`,
    accountId: 'a',
    userName: `user${next}@example.com`,
    displayName: `User ${next}`,
    active: true,
    attributes: { externalId: `ext-${next}`, firstName: 'F' },
    created: '2026-01-01T00:00:00.000Z',
    lastModified: '2026-01-01T00:00:00.000Z',
    version: 1,
    deleted: false,
    source: 'scim',
    ...overrides,
  }
}

describe('MemoryIdentityStore', () => {
  it('finds by userName case-insensitively and by externalId exactly', () => {
    const store = new MemoryIdentityStore()
    const alice = identity({ userName: 'Alice@Example.com', attributes: { externalId: 'AbC' } })
    store.insert(alice)
    expect(store.findByUserName('a', 'alice@example.COM')?.id).toBe(alice.id)
    expect(store.findByExternalId('a', 'AbC')?.id).toBe(alice.id)
    expect(store.findByExternalId('a', 'abc')).toBeUndefined()
  })

  it('keeps accounts apart', () => {
    const store = new MemoryIdentityStore()
    store.insert(identity({ userName: 'same@example.com', attributes: { externalId: 'x' } }))
    store.insert(
      identity({ accountId: 'b', userName: 'same@example.com', attributes: { externalId: 'x' } }),
    )
    expect(store.count('a', false)).toBe(1)
    expect(store.count('b', false)).toBe(1)
    expect(store.findByUserName('b', 'same@example.com')?.accountId).toBe('b')
  })

  it('refuses a duplicate userName or externalId and writes nothing', () => {
    const store = new MemoryIdentityStore()
    store.insert(identity({ userName: 'dup@example.com', attributes: { externalId: 'e1' } }))
    expect(() => store.insert(identity({ userName: 'DUP@example.com' }))).toThrow(
      UniquenessConflict,
    )
    expect(() => store.insert(identity({ attributes: { externalId: 'e1' } }))).toThrow(
      UniquenessConflict,
    )
    expect(store.count('a', true)).toBe(1)
  })

  it('frees unique values when an identity is soft-deleted, but keeps it readable by id', () => {
    const store = new MemoryIdentityStore()
    const first = identity({ userName: 'reuse@example.com', attributes: { externalId: 'r' } })
    store.insert(first)
    store.update({ ...first, deleted: true, version: 2 })
    expect(store.findByUserName('a', 'reuse@example.com')).toBeUndefined()
    store.insert(identity({ userName: 'reuse@example.com', attributes: { externalId: 'r' } }))
    expect(store.get('a', first.id)?.deleted).toBe(true)
    expect(store.count('a', false)).toBe(1)
    expect(store.count('a', true)).toBe(2)
  })

  it('re-indexes on update and rejects taking another identity’s userName', () => {
    const store = new MemoryIdentityStore()
    const one = identity({ userName: 'one@example.com' })
    const two = identity({ userName: 'two@example.com' })
    store.insert(one)
    store.insert(two)
    store.update({ ...one, userName: 'renamed@example.com' })
    expect(store.findByUserName('a', 'one@example.com')).toBeUndefined()
    expect(store.findByUserName('a', 'renamed@example.com')?.id).toBe(one.id)
    expect(() => store.update({ ...two, userName: 'RENAMED@example.com' })).toThrow(
      UniquenessConflict,
    )
    expect(store.get('a', two.id)?.userName).toBe('two@example.com')
  })

  it('pages in creation order, skipping deleted identities', () => {
    const store = new MemoryIdentityStore()
    const all = Array.from({ length: 10 }, () => identity())
    for (const item of all) store.insert(item)
    store.update({ ...all[2]!, deleted: true })
    const page = store.page('a', { offset: 2, limit: 3, includeDeleted: false })
    expect(page.map((p) => p.id)).toEqual([all[3]!.id, all[4]!.id, all[5]!.id])
  })

  it('hands out its own records, read-only to the type system, without copying them', () => {
    const store = new MemoryIdentityStore()
    const item = identity()
    store.insert(item)
    const found = store.get('a', item.id)!
    // The same record on every read: Entra's per-user look-ups must not copy.
    expect(store.findByUserName('a', item.userName)).toBe(found)
    expect(store.page('a', { offset: 0, limit: 1, includeDeleted: false })[0]).toBe(found)
    // Compile-time (npm test type-checks this file): changing a stored record does not compile.
    const attempts = () => {
      // @ts-expect-error read-only: copy with cloneIdentity, then store.update
      found.displayName = 'changed'
      // @ts-expect-error read-only attributes
      found.attributes.firstName = 'changed'
    }
    expect(attempts).toBeTypeOf('function')
  })

  it('keeps its own copy: changing what was inserted changes nothing stored', () => {
    const store = new MemoryIdentityStore()
    const item = identity()
    store.insert(item)
    item.displayName = 'changed after insert'
    item.attributes.firstName = 'changed after insert'
    const stored = store.get('a', item.id)
    expect(stored?.displayName).not.toBe('changed after insert')
    expect(stored?.attributes.firstName).not.toBe('changed after insert')
  })

  it('numbers ordinals per account, never reusing one, not even after clear', () => {
    const store = new MemoryIdentityStore()
    expect([store.nextOrdinal('a'), store.nextOrdinal('a'), store.nextOrdinal('b')]).toEqual([
      1, 2, 1,
    ])
    store.clear('a')
    expect(store.nextOrdinal('a')).toBe(3)
  })
})
