/**
 * Seeding an account's identities from a fixtures body (REST identity shapes) or from faker. The
 * batch is all or nothing: every identity is parsed, validated by the shared rules and checked for
 * uniqueness (against the store and within the batch) before any is stored.
 *
 * @module
 */
import type { Identity } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { buildIdentity, commitIdentity } from '../rest/identity-writes.ts'
import { parseRestIdentity } from '../rest/parse-identity.ts'
import { fakeIdentities, MAX_SEED_COUNT } from './faker-identities.ts'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Reads `{identities: [...]}` or `{faker: {seed, count}}` into REST identity bodies. */
export async function seedBodies(body: unknown): Promise<unknown[]> {
  if (isObject(body) && Array.isArray(body.identities)) {
    if (body.identities.length > MAX_SEED_COUNT) {
      throw new ApiError(400, `At most ${MAX_SEED_COUNT} identities can be seeded at once.`)
    }
    return body.identities
  }
  if (isObject(body) && isObject(body.faker)) {
    const { seed, count } = body.faker
    if (
      !Number.isSafeInteger(seed) ||
      !Number.isInteger(count) ||
      (count as number) < 1 ||
      (count as number) > MAX_SEED_COUNT
    ) {
      throw new ApiError(
        400,
        `faker needs an integer "seed" and a "count" from 1 to ${MAX_SEED_COUNT}.`,
        {
          errors: { faker: ['Expected {"seed": <integer>, "count": <1..10000>}.'] },
        },
      )
    }
    return fakeIdentities(seed as number, count as number)
  }
  throw new ApiError(
    400,
    'Send {"identities": [<REST identity>, ...]} (fixtures) or {"faker": {"seed": 42, "count": 100}}.',
  )
}

export function seedIdentities(
  ctx: MockContext,
  accountId: string,
  bodies: readonly unknown[],
): Identity[] {
  const identities = bodies.map((body, index) =>
    withIndex(index, () =>
      buildIdentity(ctx, accountId, parseRestIdentity(body, { allowUserName: true }), 'seed'),
    ),
  )
  checkBatchUniqueness(ctx, identities)
  for (const identity of identities) commitIdentity(ctx, identity, 'IdentityCreated', 'seed')
  return identities
}

function withIndex<T>(index: number, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    const errors = Object.fromEntries(
      Object.entries(error.options.errors ?? {}).map(([path, messages]) => [
        `identities[${index}].${path}`,
        messages,
      ]),
    )
    throw new ApiError(error.status, `identities[${index}]: ${error.detail}`, { errors })
  }
}

function checkBatchUniqueness(ctx: MockContext, identities: readonly Identity[]): void {
  const userNames = new Set<string>()
  const externalIds = new Set<string>()
  identities.forEach((identity, index) => {
    const userName = identity.userName.toLowerCase()
    const externalId = identity.attributes.externalId
    if (userNames.has(userName) || ctx.store.findByUserName(identity.accountId, userName)) {
      throw new ApiError(
        409,
        `identities[${index}]: userName "${identity.userName.slice(0, 100)}" is already in use.`,
      )
    }
    userNames.add(userName)
    // Identities without an external id (ClearID's REST allows them) have nothing to clash on.
    if (typeof externalId !== 'string') return
    if (externalIds.has(externalId) || ctx.store.findByExternalId(identity.accountId, externalId)) {
      throw new ApiError(
        409,
        `identities[${index}]: systemData.externalId "${externalId.slice(0, 100)}" is already in use (seeding the same faker seed twice repeats external ids).`,
      )
    }
    externalIds.add(externalId)
  })
}
