/**
 * Seeded fake identities in the REST identity shape: the harness's workforce generator
 * (`fixtures/workforce.ts`, one generator for both) with each attribute placed by its catalogue
 * group. Faker is loaded on first use only, so it never weighs on the request path of the emulated
 * API nor on `createApp`.
 *
 * @module
 */
import { findExtensionAttribute } from '../../model/attributes.ts'
import { workforceUser, type ClearIdUserValues } from '../../fixtures/workforce.ts'

export const MAX_SEED_COUNT = 10_000

/** `count` identities from `seed`; the same seed gives the same identities. */
export async function fakeIdentities(
  seed: number,
  count: number,
): Promise<Record<string, unknown>[]> {
  const { createFaker } = await import('../../fixtures/seeded-faker.ts')
  const faker = createFaker(seed)
  const prefix = `seed${seed}-`
  return Array.from({ length: count }, (_, index) => {
    const user = workforceUser(faker, { prefix, externalIdPrefix: prefix, seq: index + 1 })
    // One identity in ten is inactive, as in a directory with leavers.
    return restIdentityOf(user, faker.number.int({ min: 0, max: 9 }) !== 0)
  })
}

/**
 * Each attribute at its REST placement (top level or nested object), plus the mock-only `userName`
 * seed bodies may carry, so Entra can match the seeded identities.
 */
function restIdentityOf(user: ClearIdUserValues, active: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    userName: user.userName,
    displayName: user.displayName,
    status: active ? 'Active' : 'Inactive',
  }
  for (const [name, value] of Object.entries(user.ext)) {
    const group = findExtensionAttribute(name)?.rest?.group ?? 'top'
    if (group === 'top') body[name] = value
    else ((body[group] ??= {}) as Record<string, unknown>)[name] = value
  }
  return body
}
