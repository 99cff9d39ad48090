/**
 * Seeded users and request bodies for the client-rule tests, in the ClearID mapping and in either
 * Entra dialect (the harness's own request builders, so a "correct" client here is the same
 * traffic the harness sends).
 *
 * @module
 */
import { createFaker } from '../fixtures/seeded-faker.ts'
import { workforceUser, type ClearIdUserValues } from '../fixtures/workforce.ts'
import { CLEARID_USER_EXTENSION, CORE_USER_SCHEMA } from '../model/attributes.ts'
import type { Dialect } from '../reports/model.ts'
import { createUserBody, defaultMapping } from '../driver/entra/requests.ts'
import { SCIM_PATCH_SCHEMA } from '../model/scim-protocol.ts'

export const EXT = CLEARID_USER_EXTENSION
export const CORE = CORE_USER_SCHEMA

/** A valid identity; the same `seq` gives the same user. */
export function createFakerUser(seq: number): ClearIdUserValues {
  const user = workforceUser(createFaker(42, `client-${seq}`), {
    prefix: `cc-test-${seq}-`,
    externalIdPrefix: 'cc-test-',
    seq,
  })
  // A fixed, valid country keeps the clean traffic independent of the faker's list.
  return { ...user, ext: { ...user.ext, countryCode: 'DEU' } }
}

/** The POST body Entra sends in `dialect` (flag on: extension booleans included as JSON booleans). */
export function userBody(seq: number, dialect: Dialect = 'entra-flag'): Record<string, unknown> {
  return createUserBody(createFakerUser(seq), dialect, {
    ...defaultMapping(dialect),
    extensionBooleans: true,
  })
}

/** `userBody` with extension attributes changed (`undefined` removes one). */
export function withExtension(
  body: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const ext = { ...(body[EXT] as Record<string, unknown>) }
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete ext[name]
    else ext[name] = value
  }
  return { ...body, [EXT]: ext }
}

export function patchBody(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [SCIM_PATCH_SCHEMA], Operations: operations }
}
