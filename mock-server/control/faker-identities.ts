/**
 * Seeded fake identities for the control plane: believable workforce values from the harness's
 * generator (`fixtures/workforce.ts`), made many at a time from a pool of its users
 * (`fixtures/workforce-pool.ts`: a million take seconds, where faker alone took minutes). Faker is
 * loaded on first use only, so it never weighs on the request path of the emulated API nor on
 * `createApp`.
 *
 * @module
 */
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'

export const MAX_SEED_COUNT = 10_000

/** One identity in ten is inactive, as in a directory with leavers. */
const INACTIVE_SHARE = 0.1

/** `count` identities from `seed`; the same seed gives the same identities. */
export async function fakeIdentities(seed: number, count: number): Promise<ClearIdUserValues[]> {
  const { pooledWorkforceUser } = await import('../../fixtures/workforce-pool.ts')
  const prefix = `seed${seed}-`
  return Array.from({ length: count }, (_, index) =>
    pooledWorkforceUser(seed, { prefix, externalIdPrefix: prefix, seq: index + 1 }, INACTIVE_SHARE),
  )
}
