/**
 * Wire defects of PATCH that need the identity as stored: capitalised op names refused where the
 * mock would have applied them, and a failed PATCH that keeps its first operation. The other PATCH
 * defects are in `wire-writes.ts`. See `wire.ts`.
 *
 * @module
 */
import type { StoredIdentity } from '../../model/identity.ts'
import { validateIdentityFields } from '../../model/validate.ts'
import { badRequest } from '../../mock-server/errors/api-error.ts'
import { nextVersion } from '../../mock-server/identity-changes.ts'
import { applyPatch } from '../../mock-server/scim/patch/apply-patch.ts'
import { checkIfMatch } from '../../mock-server/scim/if-match.ts'
import {
  isRecord,
  isUsersItem,
  presentedKey,
  requestJson,
  userIdOf,
  type Wire,
  type WireDefects,
} from './wire.ts'

type Body = Record<string, unknown>

const isPatch = (wire: Wire): boolean => wire.method === 'PATCH' && isUsersItem(wire)

/** The live identity a PATCH names, once the key and If-Match checks the mock runs first pass. */
function patchable(wire: Wire): StoredIdentity | undefined {
  const key = presentedKey(wire.c)
  if (key === undefined || !wire.ctx.accounts.verifyScimKey(wire.accountId, key)) return undefined
  const identity = wire.ctx.store.get(wire.accountId, userIdOf(wire) ?? '')
  if (!identity || identity.deleted) return undefined
  try {
    checkIfMatch(wire.c, identity)
  } catch {
    return undefined
  }
  return identity
}

interface PatchOp {
  readonly body: Body
  readonly operations: unknown[]
}

/** The request's PatchOp body and its Operations; none when it has no Operations array. */
async function patchOpOf(wire: Wire): Promise<PatchOp> {
  const body = await requestJson(wire)
  if (!isRecord(body) || !Array.isArray(body.Operations)) return { body: {}, operations: [] }
  return { body, operations: body.Operations }
}

/** PATCH requests of two or more operations (`non-atomic-patch`). */
const multiOperation = new WeakMap<Wire['c'], PatchOp>()

/** Stores the identity as the first operation alone leaves it, when that is valid. */
function keepFirstOperation(wire: Wire, { body, operations }: PatchOp): void {
  const current = wire.ctx.store.get(wire.accountId, userIdOf(wire) ?? '')
  if (!current || current.deleted) return
  try {
    const state = applyPatch(
      {
        userName: current.userName,
        displayName: current.displayName,
        active: current.active,
        attributes: { ...current.attributes },
      },
      { ...body, Operations: operations.slice(0, 1) },
      { behaviour: wire.ctx.behaviour, warn: () => {} },
    )
    const partial = nextVersion(wire.ctx, current, state, 'scim')
    if (validateIdentityFields(partial).length === 0) wire.ctx.store.update(partial)
  } catch {
    // The first operation alone fails too: nothing to keep.
  }
}

export const PATCH_DEFECTS: WireDefects = {
  'patch-ops-case-sensitive': {
    request: async (wire) => {
      if (!isPatch(wire) || !patchable(wire)) return
      for (const operation of (await patchOpOf(wire)).operations) {
        const op = isRecord(operation) ? operation.op : undefined
        if (typeof op === 'string' && op !== op.toLowerCase()) {
          throw badRequest('invalidSyntax', `Unknown op "${op}": use "add", "replace" or "remove".`)
        }
      }
    },
  },
  'non-atomic-patch': {
    request: async (wire) => {
      const patch = isPatch(wire) ? await patchOpOf(wire) : undefined
      if (patch && patch.operations.length >= 2) multiOperation.set(wire.c, patch)
    },
    response: (wire, answer) => {
      const patch = multiOperation.get(wire.c)
      if (patch && (answer.status === 400 || answer.status === 409)) keepFirstOperation(wire, patch)
      return undefined
    },
  },
}
