/**
 * Finds attribute values inside a SCIM resource in JSON form, the way RFC 7643 §2.1 asks: names and
 * URNs match case-insensitively at every level. Everything here is allocation-free on the hot path
 * because the evaluator calls it for every resource of a scan.
 *
 * @module
 */
import type { AttrPath } from './ast.ts'

export type JsonObject = Readonly<Record<string, unknown>>

/** A name prepared once: the spelling as written and its lower-case form. */
export interface Key {
  readonly name: string
  readonly lower: string
}

/** Reads the attribute a path names from its context: a whole resource, or one element. */
export type TopGetter = (container: unknown) => unknown

const CORE_SCHEMA_PREFIX = 'urn:ietf:params:scim:schemas:core:'
const VALUE_KEY: Key = { name: 'value', lower: 'value' }

export function keyOf(name: string): Key {
  return { name, lower: name.toLowerCase() }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Own property by name, case-insensitively; the exact spelling is tried first as the cheap path. */
export function getCi(obj: JsonObject, key: Key): unknown {
  if (Object.hasOwn(obj, key.name)) return obj[key.name]
  for (const name in obj) {
    if (
      name.length === key.lower.length &&
      name.toLowerCase() === key.lower &&
      Object.hasOwn(obj, name)
    ) {
      return obj[name]
    }
  }
  return undefined
}

/**
 * Builds the getter for a top-level path. A URN prefix selects the extension object of that name, or
 * the resource itself for a core schema URN. An un-prefixed name is read from the resource, then
 * from each fallback extension in order (ClearID keeps `externalId` in its extension).
 */
export function rootGetter(path: AttrPath, fallbackSchemas: readonly string[]): TopGetter {
  const name = keyOf(path.name)
  if (path.uri !== undefined) {
    const uri = keyOf(path.uri)
    const core = uri.lower.startsWith(CORE_SCHEMA_PREFIX)
    return (resource) => {
      if (!isObject(resource)) return undefined
      const extension = getCi(resource, uri)
      if (isObject(extension)) return getCi(extension, name)
      return core || isPrimarySchema(resource, uri) ? getCi(resource, name) : undefined
    }
  }
  const fallbacks = fallbackSchemas.map(keyOf)
  return (resource) => {
    if (!isObject(resource)) return undefined
    const own = getCi(resource, name)
    if (own !== undefined && own !== null) return own
    for (const schema of fallbacks) {
      const extension = getCi(resource, schema)
      if (!isObject(extension)) continue
      const found = getCi(extension, name)
      if (found !== undefined && found !== null) return found
    }
    return own
  }
}

/** Inside a value filter the context is one element; a primitive element is its own `value`. */
export function elementGetter(path: AttrPath): TopGetter {
  const name = keyOf(path.name)
  return (element) => {
    if (isObject(element)) return getCi(element, name)
    return name.lower === 'value' ? element : undefined
  }
}

function isPrimarySchema(resource: JsonObject, uri: Key): boolean {
  const schemas = resource['schemas']
  if (!Array.isArray(schemas)) return false
  const first: unknown = schemas[0]
  return typeof first === 'string' && first.toLowerCase() === uri.lower
}

/**
 * True when some leaf of `value` passes `test`: arrays match when any element does, and a complex
 * value stands for its `value` sub-attribute (RFC 7644 §3.4.2.2 on multi-valued attributes; applied
 * to single complex values too, so the legacy Entra `manager eq "id"` works).
 */
export function someLeaf(value: unknown, test: (leaf: unknown) => boolean): boolean {
  if (value === undefined || value === null) return false
  if (Array.isArray(value)) {
    for (const element of value) if (someLeaf(element, test)) return true
    return false
  }
  if (isObject(value)) {
    const inner = getCi(value, VALUE_KEY)
    return inner !== undefined && inner !== null && !isObject(inner) && someLeaf(inner, test)
  }
  return test(value)
}

/** `someLeaf` over `top.sub`, where `top` may be one complex value or an array of them. */
export function someValue(
  top: unknown,
  sub: Key | undefined,
  test: (leaf: unknown) => boolean,
): boolean {
  if (sub === undefined) return someLeaf(top, test)
  if (Array.isArray(top)) {
    for (const element of top)
      if (isObject(element) && someLeaf(getCi(element, sub), test)) return true
    return false
  }
  return isObject(top) && someLeaf(getCi(top, sub), test)
}

/** Calls `test` on each element of a multi-valued attribute, or on a single value. */
export function someElement(top: unknown, test: (element: unknown) => boolean): boolean {
  if (top === undefined || top === null) return false
  if (!Array.isArray(top)) return test(top)
  for (const element of top) if (test(element)) return true
  return false
}

/** RFC 7644 `pr`: a value that is not null, not "", not an empty array, not an empty complex. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'string') return value.length > 0
  if (Array.isArray(value)) return value.some(isPresent)
  if (isObject(value)) {
    for (const name in value) if (Object.hasOwn(value, name) && isPresent(value[name])) return true
    return false
  }
  return true
}

export function presentAt(top: unknown, sub: Key | undefined): boolean {
  if (sub === undefined) return isPresent(top)
  if (Array.isArray(top))
    return top.some((element) => isObject(element) && isPresent(getCi(element, sub)))
  return isObject(top) && isPresent(getCi(top, sub))
}
