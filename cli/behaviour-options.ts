/**
 * `--extension-booleans reject|coerce` and `--unknown-attributes ignore|reject`: the mock's
 * documented behaviour choices, for the commands that start a mock of their own (`verify-client`,
 * `replay`). One reader, so both refuse a bad value with the same message.
 *
 * @module
 */
import type { Behaviour } from '../mock-server/options.ts'
import { UsageError } from './io.ts'
import type { OptionsConfig } from './parse.ts'

export const BEHAVIOUR_OPTIONS = {
  'extension-booleans': { type: 'string' },
  'unknown-attributes': { type: 'string' },
} as const satisfies OptionsConfig

interface BehaviourValues {
  'extension-booleans'?: string | undefined
  'unknown-attributes'?: string | undefined
}

export function behaviourFrom(values: BehaviourValues): Partial<Behaviour> {
  const booleans = values['extension-booleans']
  const unknown = values['unknown-attributes']
  if (booleans !== undefined && booleans !== 'reject' && booleans !== 'coerce') {
    throw new UsageError(`--extension-booleans must be reject or coerce; got "${booleans}"`)
  }
  if (unknown !== undefined && unknown !== 'ignore' && unknown !== 'reject') {
    throw new UsageError(`--unknown-attributes must be ignore or reject; got "${unknown}"`)
  }
  return {
    ...(booleans !== undefined && { extensionBooleanStrings: booleans }),
    ...(unknown !== undefined && { unknownAttributes: unknown }),
  }
}
