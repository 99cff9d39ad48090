import { describe, expect, it } from 'vitest'
import type { Identity } from '../../model/identity.ts'
import {
  accessToken,
  admin,
  api,
  restTestApp,
  scim,
  scimUser,
  SEARCH,
} from '../control/rest-test-client.ts'
import { DEFAULT_BEHAVIOUR } from '../options.ts'
import { MemoryIdentityStore } from './memory-store.ts'

const RETENTION = 60_000

/** An app whose clock the test moves. */
function pinnedApp() {
  let now = Date.parse('2026-01-05T09:00:00Z')
  const app = restTestApp({
    clock: () => new Date(now),
    behaviour: { deletedRetentionMs: RETENTION },
  })
  return { app, advance: (ms: number) => (now += ms) }
}

interface SearchPage {
  totalItems: number
  results: { identityId: string; isDeleted: boolean }[]
}

describe('deleted identities', () => {
  it('stay in the REST isDeleted view for the retention, then leave the store', async () => {
    const { app, advance } = pinnedApp()
    const token = await accessToken(app)
    const created = await scim(app, 'POST', '/Users', scimUser('gone-1'))
    const id = created.body.id as string
    expect((await scim(app, 'DELETE', `/Users/${id}`)).status).toBe(204)
    const search = async () =>
      (await api(app, token, 'POST', SEARCH, { skip: 0, take: 100 })).body as SearchPage

    advance(RETENTION - 1)
    expect((await search()).results).toContainEqual(
      expect.objectContaining({ identityId: id, isDeleted: true }),
    )
    expect(app.mock.store.get('acme', id)?.deleted).toBe(true)

    advance(2)
    const after = await search()
    expect(after.results.map((r) => r.identityId)).not.toContain(id)
    expect(after.totalItems).toBe(0)
    expect(app.mock.store.get('acme', id)).toBeUndefined()
    expect((await scim(app, 'GET', `/Users/${id}`)).status).toBe(404)
  })

  it('are purged by churn itself, so memory returns after it', async () => {
    const { app, advance } = pinnedApp()
    for (let i = 0; i < 300; i++) {
      const created = await scim(app, 'POST', '/Users', scimUser(`churn-${i}`))
      expect((await scim(app, 'DELETE', `/Users/${created.body.id as string}`)).status).toBe(204)
    }
    expect(app.mock.store.count('acme', true)).toBe(300)
    advance(RETENTION + 1)
    // Writes alone work the backlog off, a little each.
    for (let i = 0; i < 3; i++) await scim(app, 'POST', '/Users', scimUser(`after-${i}`))
    expect(app.mock.store.count('acme', true)).toBe(3)
    expect(app.mock.store.count('acme', false)).toBe(3)
  })

  it('are counted by the control plane only within the retention', async () => {
    const { app, advance } = pinnedApp()
    const created = await scim(app, 'POST', '/Users', scimUser('counted'))
    await scim(app, 'DELETE', `/Users/${created.body.id as string}`)
    expect((await admin(app, 'GET', '/accounts/acme')).body.deletedIdentities).toBe(1)
    advance(RETENTION + 1)
    expect((await admin(app, 'GET', '/accounts/acme')).body.deletedIdentities).toBe(0)
  })

  it('are kept for an hour by default, and for ever with Infinity', async () => {
    expect(DEFAULT_BEHAVIOUR.deletedRetentionMs).toBe(60 * 60 * 1000)
    let now = Date.parse('2026-01-05T09:00:00Z')
    const app = restTestApp({
      clock: () => new Date(now),
      behaviour: { deletedRetentionMs: Number.POSITIVE_INFINITY },
    })
    const created = await scim(app, 'POST', '/Users', scimUser('kept'))
    await scim(app, 'DELETE', `/Users/${created.body.id as string}`)
    now += 365 * 24 * 3600 * 1000
    await scim(app, 'POST', '/Users', scimUser('later'))
    expect(app.mock.store.count('acme', true)).toBe(2)
  })
})

describe('MemoryIdentityStore.purgeDeleted', () => {
  const at = (iso: string) => Date.parse(iso)
  function identity(id: string, deletedAt?: string): Identity {
    return {
      id,
      accountId: 'a',
      userName: `${id}@example.com`,
      displayName: id,
      active: true,
      attributes: {},
      created: '2026-01-01T00:00:00.000Z',
      lastModified: deletedAt ?? '2026-01-01T00:00:00.000Z',
      version: 1,
      deleted: deletedAt !== undefined,
      ...(deletedAt !== undefined && { deletedAt }),
      source: 'seed',
    }
  }

  it('removes deletions up to the instant, oldest first, at most the limit', () => {
    const store = new MemoryIdentityStore()
    store.insert(identity('live'))
    for (const [id, when] of [
      ['d1', '2026-01-01T01:00:00.000Z'],
      ['d2', '2026-01-01T02:00:00.000Z'],
      ['d3', '2026-01-01T03:00:00.000Z'],
    ] as const) {
      store.insert(identity(id))
      store.update({ ...identity(id, when), version: 2 })
    }
    expect(store.purgeDeleted('a', at('2026-01-01T02:30:00Z'), 1)).toBe(1)
    expect(store.get('a', 'd1')).toBeUndefined()
    expect(store.purgeDeleted('a', at('2026-01-01T02:30:00Z'), 10)).toBe(1)
    expect(store.get('a', 'd2')).toBeUndefined()
    expect(store.get('a', 'd3')?.deleted).toBe(true)
    expect(store.get('a', 'live')?.deleted).toBe(false)
    expect(store.purgeDeleted('a', at('2026-01-02T00:00:00Z'), 10)).toBe(1)
    expect(store.count('a', true)).toBe(1)
    expect(store.purgeDeleted('nobody', at('2026-01-02T00:00:00Z'), 10)).toBe(0)
  })
})
