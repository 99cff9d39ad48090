/**
 * Round-trip comparison: every value Entra sent must come back exactly as sent (SPEC §2.2), booleans
 * as JSON booleans. Entra re-PATCHes every cycle when a value does not round-trip.
 *
 * @module
 */
import type { Dialect } from '../../reports/model.ts'
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import { userValue } from '../../driver/entra/diff.ts'
import { mappedExtension, type EntraMapping } from '../../driver/entra/requests.ts'
import type { HttpAnswer } from '../../driver/http/types.ts'
import type { Findings } from './findings.ts'

/** Expected SCIM values (name → value) for what the mapping sent. */
export function sentValues(
  values: ClearIdUserValues,
  dialect: Dialect,
  mapping: EntraMapping,
): [string, string | boolean][] {
  const out: [string, string | boolean][] = [
    ['userName', values.userName],
    ['displayName', values.displayName],
    ['active', values.active],
  ]
  for (const name of Object.keys(mappedExtension(values, dialect, mapping))) {
    const value = values.ext[name as keyof typeof values.ext]
    if (value !== undefined) out.push([name, value])
  }
  return out
}

/** Records an error for every sent value the resource does not return identically. */
export function expectRoundTrip(
  f: Findings,
  answer: HttpAnswer,
  resource: unknown,
  expected: readonly [string, string | boolean][],
  where: string,
): boolean {
  let ok = true
  for (const [name, value] of expected) {
    const actual = userValue(resource, name)
    if (actual === value) continue
    ok = false
    const hint =
      typeof value === 'boolean' && typeof actual === 'string'
        ? ' (booleans must come back as JSON booleans)'
        : ''
    f.error(`${where}: "${name}" does not round-trip${hint}`, answer, value, actual ?? '(absent)')
  }
  return ok
}
