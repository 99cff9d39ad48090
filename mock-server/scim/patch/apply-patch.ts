/**
 * The PATCH engine for ClearID Users (RFC 7644 §3.5.2, SPEC §2.3): a pure function from the current
 * state and a PatchOp body to the next state. It accepts both Entra dialects (entra.md §2.4): the
 * default one (capitalised ops, one op per attribute with a URN-prefixed `path`, "True"/"False"
 * strings) and `aadOptscim062020` (lower-case ops, one path-less `replace` whose value object has
 * dotted and URN-qualified keys). ClearID's cross-field invariants are the route's job, checked on
 * the returned state.
 *
 * @module
 */
import type { AttributeValue } from '../../../model/identity.ts'
import { ApiError } from '../../errors/api-error.ts'
import type { Behaviour } from '../../behaviour.ts'
import type { RequestWarning, WarningSink } from '../warnings.ts'
import { applyOperation, type Draft } from './apply-operation.ts'
import { inOperation, readPatchRequest } from './patch-request.ts'

export interface UserState {
  userName: string
  displayName: string
  active: boolean
  /** ClearID extension attributes by catalogue name; an absent key means not set. */
  attributes: Record<string, AttributeValue>
}

export interface PatchOptions {
  readonly behaviour: Behaviour
  readonly warn: WarningSink
}

/**
 * Returns the new state; throws ApiError (400) and leaves `state` untouched on any failure.
 *
 * Operations apply in order to a copy (RFC 7644 §3.5.2: each one sees the result of the previous),
 * so a failing operation discards the whole request. Warnings are held back until every operation
 * has succeeded: a refused PATCH changed nothing, so it must not report attributes as "ignored".
 *
 * Removal: `userName`/`displayName` become '' (the route refuses them as required), `active`
 * becomes true (ClearID's default status), an extension attribute is deleted. A `null` value on
 * add/replace is a removal with a `null-value` warning (RFC 7643 §2.5).
 */
export function applyPatch(state: UserState, body: unknown, options: PatchOptions): UserState {
  const operations = readPatchRequest(body, options.behaviour)
  const warnings: RequestWarning[] = []
  const context = { behaviour: options.behaviour, warn: (w: RequestWarning) => warnings.push(w) }
  const draft: Draft = { ...state, attributes: { ...state.attributes } }
  if (operations.length === 0) {
    warnings.push({
      code: 'empty-operations',
      message: 'The PATCH has an empty "Operations" array; nothing was changed.',
    })
  }
  for (const operation of operations) {
    try {
      applyOperation(draft, operation, context)
    } catch (error) {
      throw error instanceof ApiError ? inOperation(operation, error) : error
    }
  }
  for (const warning of warnings) options.warn(warning)
  return {
    userName: draft.userName,
    displayName: draft.displayName,
    active: draft.active,
    attributes: draft.attributes,
  }
}
