/**
 * The exact request shapes Entra ID's provisioning service sends (research/entra.md §2), in both
 * dialects: `entra-default` (flag off: capitalised ops, "True"/"False" strings, one op per attribute
 * with a URN-prefixed path) and `entra-flag` (`aadOptscim062020`: lower-case ops, JSON booleans, one
 * path-less `replace` whose value object is keyed by attribute paths). Pure functions: same input,
 * same bytes.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  EXTENSION_ATTRIBUTES,
  findCoreAttribute,
  type ExtensionAttributeName,
} from '../../model/attributes.ts'
import type { Dialect } from '../../reports/model.ts'
import type { ClearIdUserValues } from '../../fixtures/workforce.ts'
import { SCIM_PATCH_SCHEMA } from '../../model/scim-protocol.ts'

/** How the admin mapped attributes in the Entra enterprise application. */
export interface EntraMapping {
  /**
   * Send the extension booleans. They only work with the SCIM 2.0 flag (seed), so the realistic
   * default mapping leaves them out unless the flag is on.
   */
  readonly extensionBooleans: boolean
  /** Put the ClearID URN in `schemas`. Entra does not for custom extensions (entra.md §2.3). */
  readonly declareExtension: boolean
  /**
   * How a default-dialect POST sends `active`: Microsoft lists the flag as changing PATCH shapes
   * only and its POST examples use JSON `true`, while the service has been seen sending "True"
   * (entra.md §2.3). PATCHes in the default dialect always use strings.
   */
  readonly createBooleans: 'string' | 'json'
  /**
   * The matching attributes in precedence order: the lookup tries each and stops at the first hit
   * (entra.md §1.2). `userName` is Entra's default; ClearID's synchronization key is the extension
   * `externalId` (the Entra objectId).
   */
  readonly matchOn: readonly MatchAttribute[]
}

export type MatchAttribute = 'userName' | 'externalId'

export function defaultMapping(dialect: Dialect): EntraMapping {
  return {
    extensionBooleans: dialect === 'entra-flag',
    declareExtension: false,
    createBooleans: 'string',
    matchOn: ['userName'],
  }
}

/** The filter attribute and the source value of a matching attribute. */
export function matchLookup(
  attribute: MatchAttribute,
  values: ClearIdUserValues,
): { readonly filterAttribute: string; readonly value: string | undefined } {
  if (attribute === 'userName') return { filterAttribute: 'userName', value: values.userName }
  const value = values.ext.externalId
  return {
    filterAttribute: `${CLEARID_USER_EXTENSION}:externalId`,
    value: typeof value === 'string' ? value : undefined,
  }
}

/**
 * The Content-Type Entra puts on bodies: `application/scim+json; charset=utf-8`, as Validator
 * captures and reproductions show (entra.md §2.1); a server must not insist on the bare type.
 */
export const ENTRA_CONTENT_TYPE = 'application/scim+json; charset=utf-8'

/** `True`/`False` in the default dialect (the Switch() mapping output), JSON booleans with the flag. */
export function booleanValue(value: boolean, dialect: Dialect): boolean | string {
  if (dialect === 'entra-flag') return value
  return value ? 'True' : 'False'
}

/** `filter=userName+eq+%22alice%40contoso.com%22`: form encoding, as Entra sends it. */
export function filterQuery(attribute: string, value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')
  return new URLSearchParams({ filter: `${attribute} eq "${escaped}"` }).toString()
}

/** `GET /Users?filter=…` for a matching attribute. */
export function lookupPath(attribute: string, value: string): string {
  return `/Users?${filterQuery(attribute, value)}`
}

/** The Test Connection group probe (entra.md §1.8). */
export function groupProbePath(guid: string): string {
  return `/Groups?excludedAttributes=members&${filterQuery('displayName', guid)}`
}

function isBooleanExtension(name: string): boolean {
  return EXTENSION_ATTRIBUTES.some((a) => a.name === name && a.type === 'boolean')
}

/** The extension values a mapping sends, in catalogue order. */
export function mappedExtension(
  values: ClearIdUserValues,
  dialect: Dialect,
  mapping: Pick<EntraMapping, 'extensionBooleans'>,
): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const definition of EXTENSION_ATTRIBUTES) {
    // The catalogue's names are exactly the ExtensionAttributeName union.
    const value = values.ext[definition.name as ExtensionAttributeName]
    if (value === undefined) continue
    if (typeof value === 'boolean' || isBooleanExtension(definition.name)) {
      if (!mapping.extensionBooleans) continue
      out[definition.name] = typeof value === 'boolean' ? booleanValue(value, dialect) : value
    } else {
      out[definition.name] = value
    }
  }
  return out
}

/** `POST /Users` body: every mapped attribute that has a value; nulls are never sent. */
export function createUserBody(
  values: ClearIdUserValues,
  dialect: Dialect,
  partial: Partial<EntraMapping> = {},
): Record<string, unknown> {
  const mapping = { ...defaultMapping(dialect), ...partial }
  return {
    schemas: mapping.declareExtension
      ? [CORE_USER_SCHEMA, CLEARID_USER_EXTENSION]
      : [CORE_USER_SCHEMA],
    userName: values.userName,
    active:
      mapping.createBooleans === 'json' ? values.active : booleanValue(values.active, dialect),
    displayName: values.displayName,
    [CLEARID_USER_EXTENSION]: mappedExtension(values, dialect, mapping),
  }
}

/** One attribute Entra wants to change on the target. */
export interface AttributeChange {
  /** `userName`, `displayName`, `active`, or a ClearID extension attribute name. */
  readonly attribute: string
  readonly value: string | boolean
  /** `add` when the target has no value yet, `replace` otherwise (entra.md §1.4). */
  readonly op: 'add' | 'replace'
}

/** The PATCH path of an attribute: core names bare, extension names URN-qualified. */
export function attributePath(attribute: string): string {
  return findCoreAttribute(attribute) ? attribute : `${CLEARID_USER_EXTENSION}:${attribute}`
}

function capitalise(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1)
}

function wireValue(change: AttributeChange, dialect: Dialect): string | boolean {
  return typeof change.value === 'boolean' ? booleanValue(change.value, dialect) : change.value
}

/** `PATCH /Users/{id}` body for the changes, shaped by the dialect. */
export function patchUserBody(
  changes: readonly AttributeChange[],
  dialect: Dialect,
): { schemas: string[]; Operations: Record<string, unknown>[] } {
  const body = (Operations: Record<string, unknown>[]) => ({
    schemas: [SCIM_PATCH_SCHEMA],
    Operations,
  })
  if (dialect === 'entra-default') {
    return body(
      changes.map((change) => ({
        op: capitalise(change.op),
        path: attributePath(change.attribute),
        value: wireValue(change, dialect),
      })),
    )
  }
  const [only] = changes
  if (changes.length === 1 && only) {
    return body([{ op: only.op, path: attributePath(only.attribute), value: only.value }])
  }
  const value: Record<string, string | boolean> = {}
  for (const change of changes) value[attributePath(change.attribute)] = change.value
  return body(changes.length === 0 ? [] : [{ op: 'replace', value }])
}
