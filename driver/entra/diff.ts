/**
 * What Entra compares after it reads a user back (entra.md §1.3–§1.4): every mapped source value
 * against the returned resource. A value that does not round-trip exactly shows up as a change, which
 * is why a server that reformats values gets PATCHed on every cycle.
 *
 * @module
 */
import { isExtensionUrn } from '../../model/attributes.ts'
import type { Dialect } from '../../reports/model.ts'
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import { mappedExtension, type AttributeChange, type EntraMapping } from './requests.ts'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A member of `object` by case-insensitive name (RFC 7643 §2.1). */
export function memberOf(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined
  if (name in object) return object[name]
  const lower = name.toLowerCase()
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) return value
  return undefined
}

/** The ClearID extension object of a SCIM User, whatever the case of its URN. */
export function extensionOf(resource: unknown): Json | undefined {
  if (!isObject(resource)) return undefined
  for (const [key, value] of Object.entries(resource)) {
    if (isExtensionUrn(key) && isObject(value)) return value
  }
  return undefined
}

/** A value of a SCIM User: core attribute or ClearID extension attribute. */
export function userValue(resource: unknown, attribute: string): unknown {
  const core = memberOf(resource, attribute)
  if (['username', 'displayname', 'active'].includes(attribute.toLowerCase())) return core
  return memberOf(extensionOf(resource), attribute)
}

/** The changes Entra would send to make `resource` match `source`. */
export function diffUser(
  source: ClearIdUserValues,
  resource: unknown,
  dialect: Dialect,
  mapping: EntraMapping,
): AttributeChange[] {
  const wanted: [string, string | boolean][] = [
    ['userName', source.userName],
    ['displayName', source.displayName],
    ['active', source.active],
  ]
  const ext = mappedExtension(source, dialect, mapping)
  for (const name of Object.keys(ext)) {
    const value = source.ext[name as keyof typeof source.ext]
    if (value !== undefined) wanted.push([name, value])
  }
  const changes: AttributeChange[] = []
  for (const [attribute, value] of wanted) {
    const current = userValue(resource, attribute)
    if (current === value) continue
    changes.push({ attribute, value, op: current === undefined ? 'add' : 'replace' })
  }
  return changes
}
