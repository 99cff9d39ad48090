/**
 * Reads a SCIM User body (POST, PUT) into the fields ClearID stores, applying SPEC §2.2: names and
 * URNs match case-insensitively, the ClearID extension carries everything but `userName`,
 * `displayName` and `active`, unknown and unsupported attributes are ignored with a warning (or
 * rejected in strict mode), and nulls mean "absent".
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  findCoreAttribute,
  findExtensionAttribute,
  isExtensionUrn,
  isUnsupportedAttribute,
  sameUrn,
  splitUrnPath,
} from '../../model/attributes.ts'
import type { AttributeValue } from '../../model/identity.ts'
import { badRequest } from '../errors/api-error.ts'
import type { Behaviour } from '../behaviour.ts'
import { coerceAttributeValue } from './user-values.ts'
import type { WarningSink } from './warnings.ts'

export interface UserFields {
  userName?: string
  displayName?: string
  active?: boolean
  attributes: Record<string, AttributeValue>
}

const READ_ONLY = new Set(['id', 'meta'])

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function parseUserBody(body: unknown, behaviour: Behaviour, warn: WarningSink): UserFields {
  if (!isObject(body)) {
    throw badRequest('invalidSyntax', 'The request body must be a JSON object holding a SCIM User.')
  }
  checkSchemas(body.schemas, warn)
  const fields: UserFields = { attributes: {} }
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') continue
    readTopLevel(fields, key, value, behaviour, warn)
  }
  return fields
}

function checkSchemas(schemas: unknown, warn: WarningSink): void {
  if (schemas === undefined) {
    warn({ code: 'missing-schemas', message: 'The body has no "schemas" array (RFC 7643 §3).' })
    return
  }
  if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string')) {
    throw badRequest('invalidSyntax', '"schemas" must be an array of schema URN strings.')
  }
  if (!schemas.some((s: string) => sameUrn(s, CORE_USER_SCHEMA))) {
    throw badRequest(
      'invalidSyntax',
      `"schemas" must include "${CORE_USER_SCHEMA}" for a User resource.`,
    )
  }
}

function readTopLevel(
  fields: UserFields,
  key: string,
  value: unknown,
  behaviour: Behaviour,
  warn: WarningSink,
): void {
  if (READ_ONLY.has(key.toLowerCase())) {
    warn({
      code: 'read-only-ignored',
      attribute: key,
      message: `${key} is read-only and was ignored.`,
    })
    return
  }
  if (isExtensionUrn(key)) {
    readExtensionObject(fields, value, behaviour, warn)
    return
  }
  const urnPath = splitUrnPath(key)
  if (urnPath) {
    // A flattened "urn:…:User:attr" key: read it as that attribute path.
    readPath(fields, urnPath.schema, urnPath.attribute, value, behaviour, warn)
    return
  }
  if (key.toLowerCase().startsWith('urn:')) {
    ignore(
      behaviour,
      warn,
      'unknown-schema',
      key,
      `The extension "${key}" is not part of ClearID's schema; its attributes were ignored.`,
    )
    return
  }
  readPath(fields, CORE_USER_SCHEMA, key, value, behaviour, warn)
}

function readExtensionObject(
  fields: UserFields,
  value: unknown,
  behaviour: Behaviour,
  warn: WarningSink,
): void {
  if (value === null) return
  if (!isObject(value)) {
    throw badRequest(
      'invalidSyntax',
      `"${CLEARID_USER_EXTENSION}" must be a JSON object of ClearID attributes.`,
    )
  }
  for (const [name, attributeValue] of Object.entries(value)) {
    readPath(fields, CLEARID_USER_EXTENSION, name, attributeValue, behaviour, warn)
  }
}

/** Reads one attribute given its schema and (case-insensitive) name. */
export function readPath(
  fields: UserFields,
  schema: string,
  name: string,
  value: unknown,
  behaviour: Behaviour,
  warn: WarningSink,
): void {
  if (value === null) {
    warn({
      code: 'null-value',
      attribute: name,
      message: `${name} was null and is treated as absent.`,
    })
    return
  }
  if (sameUrn(schema, CORE_USER_SCHEMA)) {
    readCore(fields, name, value, behaviour, warn)
    return
  }
  if (!sameUrn(schema, CLEARID_USER_EXTENSION)) {
    ignore(
      behaviour,
      warn,
      'unknown-schema',
      name,
      `${schema}:${name} is not part of ClearID's schema and was ignored.`,
    )
    return
  }
  const definition = findExtensionAttribute(name)
  if (!definition) {
    if (isUnsupportedAttribute(name)) {
      ignore(
        behaviour,
        warn,
        'unsupported-attribute',
        name,
        `${name} is not supported by ClearID SCIM (date and id-reference fields are not synchronized); it was not stored.`,
      )
    } else {
      ignore(
        behaviour,
        warn,
        'unknown-attribute',
        name,
        `${name} is not an attribute of the ClearID extension; it was not stored.`,
      )
    }
    return
  }
  fields.attributes[definition.name] = coerceAttributeValue(definition, value, behaviour, warn)
}

function readCore(
  fields: UserFields,
  name: string,
  value: unknown,
  behaviour: Behaviour,
  warn: WarningSink,
): void {
  const definition = findCoreAttribute(name)
  if (definition) {
    const coerced = coerceAttributeValue(definition, value, behaviour, warn)
    if (definition.name === 'active') fields.active = coerced as boolean
    else if (definition.name === 'userName') fields.userName = coerced as string
    else fields.displayName = coerced as string
    return
  }
  if (name.toLowerCase() === 'externalid') {
    warn({
      code: 'core-external-id',
      attribute: 'externalId',
      message: `Core externalId is not ClearID's sync key and was ignored: map the Entra objectId to ${CLEARID_USER_EXTENSION}:externalId.`,
    })
    return
  }
  ignore(
    behaviour,
    warn,
    'unused-core-attribute',
    name,
    `${name} is a core attribute ClearID does not use (only userName, displayName and active); it was not stored.`,
  )
}

function ignore(
  behaviour: Behaviour,
  warn: WarningSink,
  code: 'unknown-attribute' | 'unsupported-attribute' | 'unused-core-attribute' | 'unknown-schema',
  attribute: string,
  message: string,
): void {
  if (behaviour.unknownAttributes === 'reject') {
    throw badRequest(
      'invalidValue',
      `Strict mode refuses this request: ${message} Remove ${attribute} from the attribute mapping.`,
      attribute,
    )
  }
  warn({ code, attribute, message })
}
