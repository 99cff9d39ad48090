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

/**
 * The identities of `seed`, one at a time (so a batch keeps only what it stores): number `index`
 * (from 0) is the same identity every time.
 */
export async function fakeIdentities(seed: number): Promise<(index: number) => ClearIdUserValues> {
  const { pooledWorkforceUser } = await import('../../fixtures/workforce-pool.ts')
  const prefix = `seed${seed}-`
  return (index) =>
    pooledWorkforceUser(seed, { prefix, externalIdPrefix: prefix, seq: index + 1 }, INACTIVE_SHARE)
}
