/**
 * Applies one PATCH operation to a mutable draft of a User. ClearID has only single-valued
 * attributes, so `add` and `replace` behave the same (RFC 7644 §3.5.2.1: "If the target location
 * specifies a single-valued attribute, the existing value is replaced"), and a complex target (the
 * extension object) merges the sub-attributes it names and leaves the others alone (§3.5.2.3).
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  type AttributeDefinition,
} from '../../../model/attributes.ts'
import type { AttributeValue } from '../../../model/identity.ts'
import { badRequest } from '../../errors/api-error.ts'
import type { Behaviour } from '../../behaviour.ts'
import { FilterSyntaxError, parseAttributePath, type PatchPath } from '../filter/index.ts'
import { coerceAttributeValue } from '../user-values.ts'
import type { WarningSink } from '../warnings.ts'
import { quoted, shorten } from './messages.ts'
import { isObject, type PatchOperation } from './patch-request.ts'
import { resolveTarget, type IgnoredTarget, type Target } from './resolve-path.ts'

export interface Draft {
  userName: string
  displayName: string
  active: boolean
  attributes: Record<string, AttributeValue>
}

export interface OperationContext {
  readonly behaviour: Behaviour
  readonly warn: WarningSink
}

/** A resolved target that can be written (invalid targets are turned into errors or ignores). */
type Writable = Exclude<Target, { kind: 'invalid' }>

/** Codes the strict mode refuses, as parse-user.ts does; the others are only reported. */
const REJECTABLE = new Set([
  'unknown-attribute',
  'unsupported-attribute',
  'unused-core-attribute',
  'unknown-schema',
])

export function applyOperation(
  draft: Draft,
  operation: PatchOperation,
  context: OperationContext,
): void {
  if (operation.op === 'remove') {
    applyRemove(draft, operation.path, context)
  } else if (operation.path === undefined) {
    writeResourceObject(draft, operation.value, context)
  } else {
    const target = targetOfPath(operation.path, context.behaviour)
    if (target.kind === 'core-schema') throw coreSchemaPath()
    write(draft, target, operation.path, operation.value, context)
  }
}

function applyRemove(draft: Draft, path: string | undefined, context: OperationContext): void {
  if (path === undefined) {
    throw badRequest(
      'noTarget',
      `"remove" needs a "path" naming the attribute to remove (RFC 7644 §3.5.2.2), for example {"op":"remove","path":"${CLEARID_USER_EXTENSION}:middleName"}.`,
    )
  }
  const target = targetOfPath(path, context.behaviour)
  if (target.kind === 'core-schema') throw coreSchemaPath()
  unassign(draft, target, context)
}

/** A path-less add/replace: the value is a partial resource whose keys are attribute paths. */
function writeResourceObject(draft: Draft, value: unknown, context: OperationContext): void {
  if (!isObject(value)) {
    throw badRequest(
      'invalidSyntax',
      `Without a "path", the "value" must be a JSON object of attributes such as {"displayName":"Ada Lovelace","${CLEARID_USER_EXTENSION}:firstName":"Ada"} (RFC 7644 §3.5.2.1).`,
    )
  }
  for (const [key, item] of Object.entries(value)) writeKey(draft, key, item, context)
}

/**
 * A key of a value object: `displayName`, `name.givenName`, `urn:…:User:firstName` or a schema URN
 * holding an object. Unknown keys follow the unknown-attribute policy, as in a POST body.
 */
function writeKey(draft: Draft, key: string, value: unknown, context: OperationContext): void {
  const target = targetOfKey(key, context.behaviour)
  if (target.kind === 'core-schema') {
    writeSchemaObject(draft, CORE_USER_SCHEMA, key, value, context)
  } else {
    write(draft, target, key, value, context)
  }
}

function write(
  draft: Draft,
  target: Writable,
  text: string,
  value: unknown,
  context: OperationContext,
): void {
  if (target.kind === 'ignored') {
    ignore(target, context)
  } else if (target.kind === 'extension-schema') {
    writeSchemaObject(draft, CLEARID_USER_EXTENSION, text, value, context)
  } else if (target.kind === 'attribute') {
    if (value === null) {
      warnNull(text, context)
      unassign(draft, target, context)
    } else {
      const coerced = coerceAttributeValue(
        target.definition,
        value,
        context.behaviour,
        context.warn,
      )
      assign(draft, target.definition, coerced)
    }
  }
}

/** The object under a schema URN: each key is an attribute of that schema. */
function writeSchemaObject(
  draft: Draft,
  schema: string,
  text: string,
  value: unknown,
  context: OperationContext,
): void {
  if (value === null) {
    // The core URN key stands for the resource itself, which cannot be unassigned.
    if (schema === CORE_USER_SCHEMA) {
      warnNull(text, context, 'was null and was ignored')
    } else {
      warnNull(text, context)
      draft.attributes = {}
    }
    return
  }
  if (!isObject(value)) {
    throw badRequest(
      'invalidSyntax',
      `The value of ${quoted(text)} must be a JSON object of that schema's attributes, for example {"${schema === CORE_USER_SCHEMA ? 'displayName' : 'firstName'}":"Ada"}.`,
    )
  }
  for (const [name, item] of Object.entries(value)) {
    writeKey(draft, `${schema}:${name}`, item, context)
  }
}

function assign(draft: Draft, definition: AttributeDefinition, value: AttributeValue): void {
  if (definition.schema === CLEARID_USER_EXTENSION) {
    draft.attributes[definition.name] = value
  } else if (definition.name === 'active' && typeof value === 'boolean') {
    draft.active = value
  } else if (definition.name === 'userName' && typeof value === 'string') {
    draft.userName = value
  } else if (definition.name === 'displayName' && typeof value === 'string') {
    draft.displayName = value
  }
}

/**
 * RFC 7644 §3.5.2.2: a removed single-valued attribute is unassigned. `userName` and `displayName`
 * become '' so the route's required-attribute check refuses the request unless a later operation
 * sets them again; `active` falls back to true because ClearID's status defaults to Active, as in a
 * POST without `active`; an extension attribute's key is deleted.
 */
function unassign(draft: Draft, target: Writable, context: OperationContext): void {
  if (target.kind === 'ignored') {
    ignore(target, context)
  } else if (target.kind === 'extension-schema') {
    draft.attributes = {}
  } else if (target.kind === 'attribute') {
    const { definition } = target
    if (definition.schema === CLEARID_USER_EXTENSION) delete draft.attributes[definition.name]
    else if (definition.name === 'active') draft.active = true
    else if (definition.name === 'userName') draft.userName = ''
    else if (definition.name === 'displayName') draft.displayName = ''
  }
}

/** An explicit path must name something a User has: anything else is 400 invalidPath. */
function targetOfPath(path: string, behaviour: Behaviour): Writable {
  const target = resolveTarget(parsePath(path, behaviour), path)
  if (target.kind === 'invalid') throw badRequest('invalidPath', target.message, target.attribute)
  return target
}

function targetOfKey(key: string, behaviour: Behaviour): Writable {
  let target: Target
  try {
    target = resolveTarget(parseAttributePath(key, parseOptions(behaviour)), key)
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error
    const code = key.toLowerCase().startsWith('urn:') ? 'unknown-schema' : 'unknown-attribute'
    target = {
      kind: 'invalid',
      code,
      attribute: shorten(key),
      message: `${quoted(key)} is not an attribute path (${error.message}).`,
    }
  }
  if (target.kind !== 'invalid') return target
  return {
    kind: 'ignored',
    code: target.code,
    attribute: target.attribute,
    message: `${target.message} It was not stored.`,
  }
}

function parsePath(path: string, behaviour: Behaviour): PatchPath {
  try {
    return parseAttributePath(path, parseOptions(behaviour))
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error
    throw badRequest('invalidPath', `The path ${quoted(path)} is malformed: ${error.message}.`)
  }
}

const parseOptions = (behaviour: Behaviour) => ({
  lenientBareValues: behaviour.lenientBareFilterValues,
})

function coreSchemaPath(): Error {
  return badRequest(
    'invalidPath',
    `The core User schema URN is not an attribute path: name the attribute ("displayName" or "${CORE_USER_SCHEMA}:displayName"), or omit "path" and send an object of attributes.`,
  )
}

function ignore(target: IgnoredTarget, context: OperationContext): void {
  if (REJECTABLE.has(target.code) && context.behaviour.unknownAttributes === 'reject') {
    throw badRequest(
      'invalidValue',
      `Strict mode refuses this request: ${target.message} Remove ${target.attribute} from the attribute mapping.`,
      target.attribute,
    )
  }
  context.warn({ code: target.code, attribute: target.attribute, message: target.message })
}

function warnNull(
  text: string,
  context: OperationContext,
  outcome = 'was null and was removed',
): void {
  context.warn({
    code: 'null-value',
    attribute: shorten(text),
    message: `${shorten(text)} ${outcome}: a null value means unassigned (RFC 7643 §2.5).`,
  })
}
