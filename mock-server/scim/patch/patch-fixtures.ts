/**
 * Shared fixtures of the PATCH engine's tests: a realistic provisioned user, body builders and a
 * runner that collects warnings. Test-only.
 *
 * @module
 */
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_EXTENSION,
} from '../../../model/attributes.ts'
import { DEFAULT_BEHAVIOUR, type Behaviour } from '../../behaviour.ts'
import { SCIM_PATCH_SCHEMA } from '../../../model/scim-protocol.ts'
import type { RequestWarning } from '../warnings.ts'
import { applyPatch, type UserState } from './apply-patch.ts'

export const EXT = CLEARID_USER_EXTENSION
export const CORE = CORE_USER_SCHEMA
export const ENT = ENTERPRISE_USER_EXTENSION
export const PATCH_OP = SCIM_PATCH_SCHEMA

export function baseUser(): UserState {
  return {
    userName: 'ada@contoso.com',
    displayName: 'Ada Lovelace',
    active: true,
    attributes: {
      externalId: '9c1f6a55-0d2e-4f1a-9d6e-2b7c2f0e7a11',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@contoso.com',
      jobTitle: 'Analyst',
      hasExtendedTime: false,
    },
  }
}

/** Freezes the state and its attributes, so any write to the input throws. */
export function frozen(state: UserState): UserState {
  Object.freeze(state.attributes)
  return Object.freeze(state)
}

export const patchBody = (...operations: unknown[]) => ({
  schemas: [PATCH_OP],
  Operations: operations,
})

export interface PatchRun {
  readonly state: UserState
  readonly warnings: RequestWarning[]
}

export function runPatch(
  body: unknown,
  behaviour: Partial<Behaviour> = {},
  state: UserState = baseUser(),
): PatchRun {
  const warnings: RequestWarning[] = []
  const next = applyPatch(frozen(state), body, {
    behaviour: { ...DEFAULT_BEHAVIOUR, ...behaviour },
    warn: (warning) => warnings.push(warning),
  })
  return { state: next, warnings }
}
