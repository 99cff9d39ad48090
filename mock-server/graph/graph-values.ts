/**
 * Reading user and group properties written to the fake directory (control plane, export files,
 * seeding): each value checked against its kind in the property catalogue, dates normalised, and
 * the `onPremisesExtensionAttributes` object completed. Unknown properties are refused on the
 * control plane (a typo should not vanish) and collected on an export load (a real tenant's export
 * carries many properties the fake does not keep). Bad input throws `ApiError` 400 naming the path.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import {
  EXTENSION_NAME,
  ON_PREMISES_EXTENSION_KEYS,
  propertiesOf,
  type PropertySpec,
  type ResourceType,
} from '../../model/graph/graph-properties.ts'

export type GraphValue = string | number | boolean | null | readonly string[] | GraphObjectValue
export interface GraphObjectValue {
  readonly [key: string]: string | null
}
export type GraphProps = Record<string, GraphValue>

export interface ReadOptions {
  /** `reject`: 400 on a property the fake does not keep; `collect`: skip it and report its name. */
  readonly unknown: 'reject' | 'collect'
  /** Where the object sits in the request body, for messages (`users[3]`). */
  readonly path: string
  /** Accept `id` and `createdDateTime` (exports and seeds keep the tenant's own). */
  readonly keepReadOnly: boolean
}

export interface ReadProps {
  readonly props: GraphProps
  /** Directory extension properties named in the input (defined on the tenant if new). */
  readonly extensions: readonly string[]
  /** Properties skipped under `unknown: 'collect'`. */
  readonly ignored: readonly string[]
}

const MAX_TEXT = 1024
const MAX_ITEMS = 100

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function invalid(path: string, message: string): ApiError {
  return new ApiError(400, `${path}: ${message}`, { errors: { [path]: [message] } })
}

/** The properties of one user or group object. */
export function readProps(type: ResourceType, input: unknown, options: ReadOptions): ReadProps {
  if (!isObject(input)) throw invalid(options.path, `must be a JSON object (a Graph ${type}).`)
  const catalogue = propertiesOf(type)
  const props: GraphProps = {}
  const extensions: string[] = []
  const ignored: string[] = []
  for (const [name, value] of Object.entries(input)) {
    const path = `${options.path}.${name}`
    // Annotations (`@odata.type`, `@odata.context`) and navigation data read elsewhere.
    if (name.startsWith('@') || name.includes('@odata.')) continue
    if (type === 'user' && EXTENSION_NAME.test(name)) {
      props[name] = extensionValue(path, value)
      extensions.push(name)
      continue
    }
    const spec = Object.hasOwn(catalogue, name) ? catalogue[name] : undefined
    if (!spec) {
      if (options.unknown === 'collect') {
        ignored.push(name)
        continue
      }
      throw invalid(
        path,
        `is not a ${type} property the fake Graph source keeps; known: ${Object.keys(catalogue).join(', ')}${type === 'user' ? ', and extension_{appId}_{name}' : ''}.`,
      )
    }
    if (spec.readOnly && !options.keepReadOnly) {
      throw invalid(path, 'is set by the directory and cannot be written.')
    }
    props[name] = valueOf(path, spec, value)
  }
  return { props, extensions, ignored }
}

function valueOf(path: string, spec: PropertySpec, value: unknown): GraphValue {
  if (value === null) {
    if (spec.kind === 'strings') return []
    if (spec.kind === 'object') return emptyOnPremises()
    return null
  }
  switch (spec.kind) {
    case 'string':
      return text(path, value)
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(path, 'must be true or false.')
      return value
    case 'strings':
      if (!Array.isArray(value) || value.length > MAX_ITEMS) {
        throw invalid(path, `must be an array of at most ${MAX_ITEMS} strings.`)
      }
      return value.map((item, i) => text(`${path}[${i}]`, item))
    case 'dateTime':
      return dateTime(path, value)
    case 'object':
      return onPremisesValue(path, value)
  }
}

function text(path: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(path, 'must be a string or null.')
  if (value.length > MAX_TEXT) throw invalid(path, `must be at most ${MAX_TEXT} characters.`)
  return value
}

/** Graph writes DateTimeOffset values as `2021-03-04T00:00:00Z`. */
export function dateTime(path: string, value: unknown): string {
  const parsed =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN
  if (Number.isNaN(parsed)) {
    throw invalid(path, 'must be an ISO 8601 date and time such as "2021-03-04T00:00:00Z".')
  }
  return `${new Date(parsed).toISOString().slice(0, 19)}Z`
}

export function emptyOnPremises(): GraphObjectValue {
  return Object.fromEntries(ON_PREMISES_EXTENSION_KEYS.map((key) => [key, null]))
}

function onPremisesValue(path: string, value: unknown): GraphObjectValue {
  if (!isObject(value)) throw invalid(path, 'must be an object of extensionAttribute1…15.')
  const out: Record<string, string | null> = { ...emptyOnPremises() }
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('@')) continue
    if (!ON_PREMISES_EXTENSION_KEYS.includes(key)) {
      throw invalid(`${path}.${key}`, 'is not one of extensionAttribute1 … extensionAttribute15.')
    }
    out[key] = item === null ? null : text(`${path}.${key}`, item)
  }
  return out
}

/** Directory extensions hold strings, integers, booleans, dates (as strings) or string arrays. */
function extensionValue(path: string, value: unknown): GraphValue {
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalid(path, 'must be a whole number.')
    return value
  }
  if (typeof value === 'string') return text(path, value)
  if (Array.isArray(value) && value.length <= MAX_ITEMS) {
    return value.map((item, i) => text(`${path}[${i}]`, item))
  }
  throw invalid(path, 'must be a string, whole number, boolean, array of strings or null.')
}

/** `local@domain`, the shape Graph requires of a user principal name. */
export function checkUserPrincipalName(path: string, value: GraphValue | undefined): string {
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw invalid(
      path,
      'userPrincipalName must look like alias@domain (for example ada@contoso.com).',
    )
  }
  return value
}
