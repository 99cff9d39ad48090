/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) on a rendered resource. Names
 * match case-insensitively; an unprefixed name that is not a core attribute also matches the
 * ClearID extension (the same leniency filters get). `schemas` and `id` are always returned.
 *
 * @module
 */
import { CLEARID_USER_EXTENSION, splitUrnPath, sameUrn } from '../../model/attributes.ts'

type Json = Record<string, unknown>

const ALWAYS = new Set(['schemas', 'id'])

/** A projection path resolved against a resource: top-level key, optional sub-attribute. */
interface Target {
  readonly top: string
  readonly sub?: string
}

export function parseAttributeList(value: string | undefined): string[] {
  if (value === undefined) return []
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

function findKey(object: Json, name: string): string | undefined {
  const lower = name.toLowerCase()
  return Object.keys(object).find((key) => key.toLowerCase() === lower)
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function resolve(resource: Json, path: string): Target | undefined {
  if (sameUrn(path, CLEARID_USER_EXTENSION)) return { top: CLEARID_USER_EXTENSION }
  const urn = splitUrnPath(path)
  if (urn && sameUrn(urn.schema, CLEARID_USER_EXTENSION)) {
    return { top: CLEARID_USER_EXTENSION, sub: urn.attribute }
  }
  const local = urn ? urn.attribute : path
  const [head = '', sub] = local.split('.', 2)
  const key = findKey(resource, head)
  if (key !== undefined) return sub === undefined ? { top: key } : { top: key, sub }
  // Unprefixed extension attribute (e.g. "firstName").
  if (!urn && sub === undefined) {
    const extension = resource[CLEARID_USER_EXTENSION]
    if (isObject(extension) && findKey(extension, head) !== undefined) {
      return { top: CLEARID_USER_EXTENSION, sub: head }
    }
  }
  return undefined
}

export function projectResource(
  resource: Json,
  attributes: readonly string[],
  excluded: readonly string[],
): Json {
  if (attributes.length > 0) return include(resource, attributes)
  if (excluded.length > 0) return exclude(resource, excluded)
  return resource
}

function include(resource: Json, attributes: readonly string[]): Json {
  const out: Json = {}
  for (const key of Object.keys(resource)) if (ALWAYS.has(key)) out[key] = resource[key]
  for (const path of attributes) {
    const target = resolve(resource, path)
    if (!target) continue
    const value = resource[target.top]
    if (target.sub === undefined || !isObject(value)) {
      out[target.top] = value
      continue
    }
    const subKey = findKey(value, target.sub)
    if (subKey === undefined) continue
    const into = isObject(out[target.top]) ? (out[target.top] as Json) : {}
    into[subKey] = value[subKey]
    out[target.top] = into
  }
  return reorder(resource, out)
}

function exclude(resource: Json, excluded: readonly string[]): Json {
  const out: Json = { ...resource }
  for (const path of excluded) {
    const target = resolve(out, path)
    if (!target || ALWAYS.has(target.top)) continue
    const value = out[target.top]
    if (target.sub === undefined) {
      delete out[target.top]
    } else if (isObject(value)) {
      const subKey = findKey(value, target.sub)
      if (subKey !== undefined) {
        const copy = { ...value }
        delete copy[subKey]
        out[target.top] = copy
      }
    }
  }
  return out
}

/** Keeps the resource's key order so projected output reads like the full resource. */
function reorder(resource: Json, projected: Json): Json {
  const out: Json = {}
  for (const key of Object.keys(resource)) if (key in projected) out[key] = projected[key]
  return out
}
