/**
 * The Graph user attributes a mapping can read, and the text each gives. An attribute is a user
 * property (`givenName`, `employeeId`, `accountEnabled`), an on-premises extension attribute
 * (`onPremisesExtensionAttributes/extensionAttribute1`, or with a dot) or a directory extension
 * attribute (`extension_{appId without dashes}_{name}`), named in any case. A mapping reads text:
 * a boolean gives `true` or `false`, a list (`businessPhones`) its first entry (mock choice), and an
 * absent, null or empty value nothing.
 *
 * @module
 */
import { EXTENSION_NAME, ON_PREMISES_EXTENSION_KEYS, USER_PROPERTIES } from './graph-properties.ts'

/** A Graph user as read: Graph's JSON, `id` always selected. */
export type GraphUser = Readonly<Record<string, unknown>> & { readonly id: string }

export interface UserAttribute {
  /** As Graph spells it: `givenName`, `onPremisesExtensionAttributes/extensionAttribute1`. */
  readonly name: string
  /** The property to `$select`: the top-level one. */
  readonly select: string
  /** The member of an object property (on-premises extension attributes). */
  readonly member?: string
  readonly kind: 'property' | 'onPremises' | 'extension'
}

const PROPERTY = new Map(Object.keys(USER_PROPERTIES).map((name) => [name.toLowerCase(), name]))
const ON_PREMISES = 'onPremisesExtensionAttributes'
const ON_PREMISES_MEMBER = new Map(ON_PREMISES_EXTENSION_KEYS.map((k) => [k.toLowerCase(), k]))

/** The attribute a name denotes, in Graph's spelling; undefined for no attribute Graph has. */
export function userAttribute(name: string): UserAttribute | undefined {
  const text = name.trim()
  const property = PROPERTY.get(text.toLowerCase())
  if (property && property !== ON_PREMISES)
    return { name: property, select: property, kind: 'property' }
  const [top, member, ...rest] = text.split(/[/.]/)
  if (rest.length === 0 && top?.toLowerCase() === ON_PREMISES.toLowerCase() && member) {
    const key = ON_PREMISES_MEMBER.get(member.toLowerCase())
    if (key)
      return { name: `${ON_PREMISES}/${key}`, select: ON_PREMISES, member: key, kind: 'onPremises' }
  }
  if (EXTENSION_NAME.test(text)) return { name: text, select: text, kind: 'extension' }
  return undefined
}

/** A member of `record` by name, in any case (Graph spells names its own way). */
function member(record: Readonly<Record<string, unknown>>, name: string): unknown {
  if (name in record) return record[name]
  const lower = name.toLowerCase()
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key]
  return undefined
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.map(text).find((v) => v !== undefined)
  return undefined
}

/** The text the user gives for `attribute`, or undefined when it has none. */
export function attributeText(user: GraphUser, attribute: UserAttribute): string | undefined {
  const value = member(user, attribute.select)
  if (attribute.member === undefined) return text(value)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  return text(member(value as Record<string, unknown>, attribute.member))
}
