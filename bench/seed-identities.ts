/**
 * Bulk seeding for benchmarks: inserts plain, valid identities straight into a store (no HTTP, no
 * faker) so 100,000 of them take well under a second. Each identity is read from JSON text, as
 * every identity a client creates is: its strings are then flat, as the mock's are in use (strings
 * built by concatenation here would be V8 cons strings, slower to read than anything a client sends).
 *
 * @module
 */
import type { Identity } from '../model/identity.ts'
import type { IdentityStore } from '../mock-server/store/identity-store.ts'

export function benchExternalId(i: number): string {
  return `bench-${i.toString(16).padStart(8, '0')}`
}

export function benchUserName(i: number): string {
  return `user${i}@bench.example.com`
}

export function benchId(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
}

export function seedIdentities(store: IdentityStore, accountId: string, count: number): void {
  const now = new Date().toISOString()
  for (let i = 0; i < count; i++) {
    const identity: Identity = {
      id: benchId(i),
      accountId,
      userName: benchUserName(i),
      displayName: `Bench User ${i}`,
      active: true,
      attributes: {
        externalId: benchExternalId(i),
        firstName: 'Bench',
        lastName: `User${i}`,
        email: `user${i}@bench.example.com`,
        countryCode: 'CAN',
      },
      created: now,
      lastModified: now,
      version: 1,
      deleted: false,
      source: 'seed',
    }
    store.insert(JSON.parse(JSON.stringify(identity)) as Identity)
  }
}
