/**
 * Resolves a PATCH `path` (or a key of a path-less value object) to what it targets on a ClearID
 * User: a stored attribute, the ClearID extension as a whole, an attribute ClearID knows but does
 * not store (ignored with a warning), or nothing (an invalid path). Names and URNs match
 * case-insensitively (RFC 7643 §2.1).
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_EXTENSION,
  findCoreAttribute,
  findExtensionAttribute,
  isExtensionUrn,
  isUnsupportedAttribute,
  sameUrn,
  type AttributeDefinition,
} from '../../../model/attributes.ts'
import type { PatchPath } from '../filter/index.ts'
import { quoted, shorten } from './messages.ts'
import {
  findEnterpriseAttribute,
  findUnstoredCoreAttribute,
  type KnownAttribute,
} from './scim-user-schema.ts'

/** Warning codes of attributes that are accepted but not stored (as in parse-user.ts). */
export type IgnoredCode =
  | 'unknown-attribute'
  | 'unsupported-attribute'
  | 'unused-core-attribute'
  | 'unknown-schema'
  | 'core-external-id'
  | 'read-only-ignored'

export interface IgnoredTarget {
  readonly kind: 'ignored'
  readonly code: IgnoredCode
  readonly attribute: string
  readonly message: string
}

export interface InvalidTarget {
  readonly kind: 'invalid'
  /** The warning code to use when a path-less value object carries this key. */
  readonly code: 'unknown-attribute' | 'unknown-schema'
  readonly attribute: string
  readonly message: string
}

export type Target =
  | { readonly kind: 'attribute'; readonly definition: AttributeDefinition }
  /** The bare ClearID extension URN: its value is an object of extension attributes. */
  | { readonly kind: 'extension-schema' }
  /** The bare core User URN: only meaningful as a key of a path-less value object. */
  | { readonly kind: 'core-schema' }
  | IgnoredTarget
  | InvalidTarget

interface Parts {
  readonly name: string
  readonly sub: string | undefined
  readonly filtered: boolean
  /** The path as written, for messages and warnings. */
  readonly text: string
}

const STORED_HINT = `ClearID Users have userName, displayName, active and the attributes of ${CLEARID_USER_EXTENSION} (for example ${CLEARID_USER_EXTENSION}:firstName)`

export function resolveTarget(path: PatchPath, text: string): Target {
  const { uri, name } = path.attr
  const parts: Parts = {
    name,
    sub: path.attr.subAttr ?? path.subAttr,
    filtered: path.valueFilter !== undefined,
    text: shorten(text),
  }
  if (uri === undefined) return resolveUnqualified(parts)
  const schemaTarget = resolveSchemaUrn(`${uri}:${name}`, parts)
  if (schemaTarget) return schemaTarget
  if (isExtensionUrn(uri)) return resolveExtension(parts)
  if (sameUrn(uri, CORE_USER_SCHEMA)) return resolveCore(parts) ?? unknownAttribute(parts)
  if (sameUrn(uri, ENTERPRISE_USER_EXTENSION)) return resolveEnterprise(parts)
  return {
    kind: 'invalid',
    code: 'unknown-schema',
    attribute: parts.text,
    message: `${quoted(text)} uses the schema ${quoted(uri)}, which is not part of ClearID's User schema. ${STORED_HINT}.`,
  }
}

/** A path that is a whole schema URN (`urn:…:clearid:2.0:User`), or undefined. */
function resolveSchemaUrn(urn: string, parts: Parts): Target | undefined {
  const known = [CLEARID_USER_EXTENSION, CORE_USER_SCHEMA, ENTERPRISE_USER_EXTENSION]
  if (!known.some((schema) => sameUrn(schema, urn))) return undefined
  if (parts.sub !== undefined || parts.filtered) {
    return invalid(
      parts,
      `${quoted(parts.text)} puts a sub-attribute or a value filter after a schema URN; write an attribute of the schema as "${urn}:<attribute>".`,
    )
  }
  if (isExtensionUrn(urn)) return { kind: 'extension-schema' }
  if (sameUrn(urn, CORE_USER_SCHEMA)) return { kind: 'core-schema' }
  return ignored(
    'unknown-schema',
    parts,
    `${parts.text} is not part of ClearID's schema and was ignored.`,
  )
}

function resolveUnqualified(parts: Parts): Target {
  if (parts.name.toLowerCase() === 'members') {
    return invalid(
      parts,
      `${quoted(parts.text)}: members is an attribute of Groups, not Users. ClearID does not synchronize groups: turn off group provisioning in the Entra application's attribute mappings.`,
    )
  }
  const core = resolveCore(parts)
  if (core) return core
  // Leniency: an extension attribute named without its URN ("firstName"), as no core attribute
  // has that name.
  if (findExtensionAttribute(parts.name) || isUnsupportedAttribute(parts.name)) {
    return resolveExtension(parts)
  }
  return unknownAttribute(parts)
}

/** A core User attribute, or undefined when the name is not one. */
function resolveCore(parts: Parts): Target | undefined {
  const definition = findCoreAttribute(parts.name)
  if (definition) return stored(definition, parts)
  const known = findUnstoredCoreAttribute(parts.name)
  if (!known) return undefined
  const shapeError = checkShape(known, parts)
  if (shapeError) return shapeError
  if (known.readOnly === true) {
    return ignored('read-only-ignored', parts, `${parts.text} is read-only and was ignored.`)
  }
  if (known.name === 'externalId') {
    return ignored(
      'core-external-id',
      parts,
      `Core externalId is not ClearID's sync key and was ignored: map the Entra objectId to ${CLEARID_USER_EXTENSION}:externalId.`,
    )
  }
  return ignored(
    'unused-core-attribute',
    parts,
    `${parts.text} is a core attribute ClearID does not use (only userName, displayName and active); it was not stored.`,
  )
}

function resolveExtension(parts: Parts): Target {
  const definition = findExtensionAttribute(parts.name)
  if (definition) return stored(definition, parts)
  if (isUnsupportedAttribute(parts.name)) {
    return ignored(
      'unsupported-attribute',
      parts,
      `${parts.text} is not supported by ClearID SCIM (date and id-reference fields are not synchronized); it was not stored.`,
    )
  }
  return unknownAttribute(parts)
}

function resolveEnterprise(parts: Parts): Target {
  const known = findEnterpriseAttribute(parts.name)
  if (!known) return unknownAttribute(parts)
  return (
    checkShape(known, parts) ??
    ignored(
      'unknown-schema',
      parts,
      `${parts.text} is not part of ClearID's schema and was ignored.`,
    )
  )
}

function stored(definition: AttributeDefinition, parts: Parts): Target {
  return (
    checkShape({ name: definition.name, multiValued: false }, parts) ?? {
      kind: 'attribute',
      definition,
    }
  )
}

/** Value filters need a multi-valued attribute and sub-attributes a complex one (RFC 7644 §3.5.2). */
function checkShape(attribute: KnownAttribute, parts: Parts): InvalidTarget | undefined {
  if (parts.filtered && !attribute.multiValued && attribute.toleratesFilter !== true) {
    return invalid(
      parts,
      `${quoted(parts.text)} has a value filter, but ${attribute.name} is single-valued: value filters select elements of multi-valued attributes (RFC 7644 §3.5.2). Use the path "${attribute.name}".`,
    )
  }
  if (parts.sub === undefined) return undefined
  if (attribute.subAttributes === undefined) {
    return invalid(
      parts,
      `${quoted(parts.text)} names a sub-attribute of ${attribute.name}, which is a simple attribute without sub-attributes.`,
    )
  }
  if (!attribute.subAttributes.has(parts.sub.toLowerCase())) {
    return invalid(
      parts,
      `${quoted(parts.text)}: ${attribute.name} has no sub-attribute ${quoted(parts.sub)}.`,
    )
  }
  return undefined
}

function unknownAttribute(parts: Parts): InvalidTarget {
  return invalid(
    parts,
    `${quoted(parts.text)} is not an attribute of a ClearID User. ${STORED_HINT}.`,
  )
}

function invalid(parts: Parts, message: string): InvalidTarget {
  return { kind: 'invalid', code: 'unknown-attribute', attribute: parts.text, message }
}

function ignored(code: IgnoredCode, parts: Parts, message: string): IgnoredTarget {
  return { kind: 'ignored', code, attribute: parts.text, message }
}
