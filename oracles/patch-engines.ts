/**
 * The PATCH engines compared by the oracle: the mock's `applyPatch` over a ClearID `UserState`,
 * `scim-patch` and SCIMMY's `PatchOp`, both over the same user in SCIM JSON form. Every engine's
 * result is reduced to the stored values (userName, displayName, active, the ClearID extension and
 * any other top-level member) and printed as a diff against the starting user.
 *
 * @module
 */
import { patchBodyValidation, scimPatch } from 'scim-patch'
import type { ScimPatch, ScimResource } from 'scim-patch'
import SCIMMY from 'scimmy'
import {
  CLEARID_USER_EXTENSION,
  CORE_USER_SCHEMA,
  EXTENSION_ATTRIBUTES,
} from '../model/attributes.ts'
import { applyPatch, type UserState } from '../mock-server/scim/patch/index.ts'
import { DEFAULT_BEHAVIOUR } from '../mock-server/options.ts'

export type PatchEngineName = 'scim-patch' | 'scimmy'

/**
 * A PATCH result as a short comparable text: `error` (refused: a server would answer 400),
 * `unchanged`, or the changes in path order, e.g. `displayName="Ada King", -x:jobTitle`.
 * `x:` marks a ClearID extension attribute; a ` [mutated input]` suffix means the engine changed
 * the resource it was given.
 */
export type PatchOutcome = string

export interface PatchEngine<Name extends string = string> {
  readonly name: Name
  readonly apply: (user: Record<string, unknown>, body: unknown) => Promise<unknown>
}

const RESOURCE_MEMBERS = new Set(['schemas', 'id', 'meta'])

export function toScim(state: UserState): Record<string, unknown> {
  return {
    schemas: [CORE_USER_SCHEMA, CLEARID_USER_EXTENSION],
    id: 'p1',
    userName: state.userName,
    displayName: state.displayName,
    active: state.active,
    [CLEARID_USER_EXTENSION]: { ...state.attributes },
    meta: {
      resourceType: 'User',
      created: '2024-01-15T09:00:00Z',
      lastModified: '2024-01-15T09:00:00Z',
    },
  }
}

function fromScim(resource: Record<string, unknown>): UserState {
  const extension = resource[CLEARID_USER_EXTENSION]
  return {
    userName: String(resource['userName']),
    displayName: String(resource['displayName']),
    active: resource['active'] === true,
    attributes: { ...(extension as UserState['attributes']) },
  }
}

/** The stored values of a resource by label: core names as is, extension ones as `x:<name>`. */
function storedValues(resource: unknown): Map<string, string> {
  const values = new Map<string, string>()
  const plain: unknown = JSON.parse(JSON.stringify(resource ?? {}))
  if (typeof plain !== 'object' || plain === null) return values
  for (const [key, value] of Object.entries(plain)) {
    if (RESOURCE_MEMBERS.has(key) || value === undefined) continue
    if (key === CLEARID_USER_EXTENSION && typeof value === 'object' && value !== null) {
      for (const [name, item] of Object.entries(value))
        values.set(`x:${name}`, JSON.stringify(item))
    } else {
      values.set(key, JSON.stringify(value))
    }
  }
  return values
}

export function diffOf(before: unknown, after: unknown): PatchOutcome {
  const from = storedValues(before)
  const to = storedValues(after)
  const labels = [...new Set([...from.keys(), ...to.keys()])].sort()
  const changes: string[] = []
  for (const label of labels) {
    const old = from.get(label)
    const next = to.get(label)
    if (next === undefined) changes.push(`-${label}`)
    else if (old !== next) changes.push(`${label}=${next}`)
  }
  return changes.length === 0 ? 'unchanged' : changes.join(', ')
}

export async function runPatchEngine(
  engine: PatchEngine,
  state: UserState,
  body: unknown,
): Promise<PatchOutcome> {
  const input = toScim(state)
  const snapshot = JSON.stringify(input)
  let result: unknown
  try {
    result = await engine.apply(input, structuredClone(body))
  } catch {
    return 'error'
  }
  const diff = diffOf(JSON.parse(snapshot), result)
  return JSON.stringify(input) === snapshot ? diff : `${diff} [mutated input]`
}

export const mockPatchEngine: PatchEngine<'mock'> = {
  name: 'mock',
  apply: async (user, body) => {
    const state = fromScim(user)
    Object.freeze(state.attributes)
    // Frozen: applyPatch must work on a copy, and throws here if it writes to its input.
    const next = applyPatch(Object.freeze(state), body, {
      behaviour: DEFAULT_BEHAVIOUR,
      warn: () => {},
    })
    return toScim(next)
  },
}

/**
 * SCIMMY needs the ClearID extension declared on its User schema to resolve its paths. The schema
 * is module state; Vitest isolates test files, so no other SCIMMY user in the suite sees it.
 */
function declareClearIdExtension(): void {
  const definition = SCIMMY.Schemas.User.definition
  if (definition.attributes.some((a) => 'id' in a && a.id === CLEARID_USER_EXTENSION)) return
  const attributes = EXTENSION_ATTRIBUTES.map(
    (a) =>
      new SCIMMY.Types.Attribute(a.type === 'boolean' ? 'boolean' : 'string', a.name, {
        caseExact: a.caseExact,
        description: a.description,
      }),
  )
  const extension = new SCIMMY.Types.SchemaDefinition(
    'ClearIdUser',
    CLEARID_USER_EXTENSION,
    '',
    attributes,
  )
  // Schema.extend takes a SchemaDefinition at runtime (types.js); its d.ts only names Schema.
  SCIMMY.Schemas.User.extend(extension as unknown as SCIMMY.Types.Schema, false)
}

export const PATCH_ENGINES: readonly PatchEngine<PatchEngineName>[] = [
  {
    name: 'scim-patch',
    // As a server would use it: validate the envelope, then apply the operations.
    apply: async (user, body) => {
      patchBodyValidation(body as ScimPatch)
      const { Operations } = body as ScimPatch
      return scimPatch(user as unknown as ScimResource, Operations, { mutateDocument: false })
    },
  },
  {
    name: 'scimmy',
    // As SCIMMY's Resources.User#patch does: read the stored user "out", feed the result back "in".
    apply: async (user, body) => {
      declareClearIdExtension()
      const resource = new SCIMMY.Schemas.User(user, 'out')
      const message = new SCIMMY.Messages.PatchOp(
        body as ConstructorParameters<typeof SCIMMY.Messages.PatchOp>[0],
      )
      const patched = await message.apply(
        resource,
        async (instance) => new SCIMMY.Schemas.User(instance, 'in'),
      )
      return patched ?? resource
    },
  },
]
