/**
 * Coercion of one incoming value to a catalogue attribute's type, shared by POST/PUT bodies and
 * PATCH operations so both read values by the same rules (SPEC §2.2 "Booleans").
 *
 * @module
 */
import { ENTRA_SCIM2_FLAG, type AttributeDefinition } from '../../model/attributes.ts'
import type { AttributeValue } from '../../model/identity.ts'
import { badRequest } from '../errors/api-error.ts'
import type { Behaviour } from '../behaviour.ts'
import type { WarningSink } from './warnings.ts'

const describe = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function parseBooleanString(value: string): boolean | undefined {
  const lower = value.toLowerCase()
  return lower === 'true' ? true : lower === 'false' ? false : undefined
}

/**
 * Reads `value` as the attribute's type or throws 400 invalidValue. `null` is the caller's concern
 * (it means "absent" in Entra's traffic).
 */
export function coerceAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  behaviour: Behaviour,
  warn: WarningSink,
): AttributeValue {
  if (definition.type === 'string') {
    if (typeof value === 'string') return value
    throw badRequest(
      'invalidValue',
      `${definition.name} must be a string; got ${describe(value)}.`,
      definition.name,
    )
  }
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const parsed = parseBooleanString(value)
    if (parsed !== undefined) {
      // Entra's default dialect sends "True"/"False" for `active`; ClearID accepts that for the
      // core attribute. For extension booleans the seed says they only work with the SCIM 2.0 flag.
      if (definition.group === 'core' || behaviour.extensionBooleanStrings === 'coerce') {
        warn({
          code: 'coerced-boolean-string',
          attribute: definition.name,
          message: `${definition.name} was sent as the string ${describe(value)}; read as ${parsed}.`,
        })
        return parsed
      }
      throw badRequest(
        'invalidValue',
        `${definition.name} is a boolean but was sent as the string ${describe(value)}. ClearID boolean attributes only work with Entra's SCIM 2.0 feature flag: append ?${ENTRA_SCIM2_FLAG} to the Tenant URL so Entra sends JSON booleans.`,
        definition.name,
      )
    }
  }
  throw badRequest(
    'invalidValue',
    `${definition.name} must be a boolean (true or false); got ${describe(value)}.`,
    definition.name,
  )
}
