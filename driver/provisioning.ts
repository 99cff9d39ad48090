/**
 * Entra provisioning cycles (research/entra.md §1): the initial cycle (lookup by the matching
 * attribute, then create), the incremental cycle (GET by id, then PATCH the diff), disable and
 * re-enable, hard delete, and the repeat cycle that must find nothing to change. The cycle rules and
 * the sizing scenario (`run --scenario initial-cycle`) share this code.
 *
 * @module
 */
import type { ClearIdUserValues } from '../fixtures/workforce.ts'
import type { EntraClient } from './entra/client.ts'
import { diffUser } from './entra/diff.ts'
import { matchLookup, type AttributeChange, type MatchAttribute } from './entra/requests.ts'
import type { HttpAnswer } from './http/types.ts'
import { mapPool } from './pool.ts'

/** A source user Entra has linked to a target id. */
export interface LinkedUser {
  readonly id: string
  readonly source: ClearIdUserValues
  /** The matching attribute that found it, when a lookup did (not set for a create). */
  readonly matchedOn?: MatchAttribute
}

export interface StepFailure {
  readonly step: 'lookup' | 'create' | 'read' | 'update' | 'disable' | 'enable' | 'delete'
  readonly userName: string
  readonly message: string
  readonly answer?: HttpAnswer
}

export interface CycleResult {
  readonly linked: LinkedUser[]
  readonly failures: StepFailure[]
}

export interface CycleOptions {
  readonly concurrency?: number
  /** The initial cycle: called as each user is through it (linked or failed), for progress. */
  readonly onUser?: (outcome: LinkedUser | StepFailure) => void
}

function fail(
  step: StepFailure['step'],
  source: ClearIdUserValues,
  message: string,
  answer?: HttpAnswer,
): StepFailure {
  return { step, userName: source.userName, message, ...(answer ? { answer } : {}) }
}

interface ListLike {
  totalResults?: unknown
  Resources?: { id?: unknown }[]
}

/**
 * One user of the initial cycle: query by each matching attribute in precedence order, stopping
 * at the first hit, then create when nothing matched (entra.md §1.2).
 */
async function provisionOne(
  entra: EntraClient,
  source: ClearIdUserValues,
): Promise<LinkedUser | StepFailure> {
  for (const attribute of entra.mapping.matchOn) {
    const { filterAttribute, value } = matchLookup(attribute, source)
    if (value === undefined) continue
    const lookup = await entra.findUser(filterAttribute, value)
    const list = lookup.body as ListLike | undefined
    if (lookup.status !== 200 || typeof list?.totalResults !== 'number') {
      return fail(
        'lookup',
        source,
        `the matching lookup on ${attribute} answered HTTP ${lookup.status}`,
        lookup,
      )
    }
    if (list.totalResults === 1 && typeof list.Resources?.[0]?.id === 'string') {
      return { id: list.Resources[0].id, source, matchedOn: attribute }
    }
    if (list.totalResults > 1)
      return fail(
        'lookup',
        source,
        `${list.totalResults} identities matched on ${attribute} (DuplicateTargetEntries)`,
        lookup,
      )
  }
  const created = await entra.createUser(source)
  const id = (created.body as { id?: unknown } | undefined)?.id
  if (created.status !== 201 || typeof id !== 'string') {
    return fail('create', source, `the create answered HTTP ${created.status}`, created)
  }
  return { id, source }
}

export async function initialCycle(
  entra: EntraClient,
  sources: readonly ClearIdUserValues[],
  options: CycleOptions = {},
): Promise<CycleResult> {
  const outcomes = await mapPool(sources, options.concurrency ?? 1, async (source) => {
    const outcome = await provisionOne(entra, source)
    options.onUser?.(outcome)
    return outcome
  })
  return split(outcomes)
}

function split(outcomes: readonly (LinkedUser | StepFailure)[]): CycleResult {
  const linked: LinkedUser[] = []
  const failures: StepFailure[] = []
  for (const outcome of outcomes) {
    if ('step' in outcome) failures.push(outcome)
    else linked.push(outcome)
  }
  return { linked, failures }
}

/** What the cycle found for one user: the changes it sent (or would send). */
export interface UserDiff {
  readonly user: LinkedUser
  readonly changes: readonly AttributeChange[]
  readonly read: HttpAnswer
}

async function readAndDiff(entra: EntraClient, user: LinkedUser): Promise<UserDiff | StepFailure> {
  const read = await entra.getUser(user.id)
  if (read.status !== 200)
    return fail('read', user.source, `GET by id answered HTTP ${read.status}`, read)
  return { user, changes: diffUser(user.source, read.body, entra.dialect, entra.mapping), read }
}

/** GET by id, then PATCH whatever differs from the (updated) source (entra.md §1.4). */
export async function incrementalCycle(
  entra: EntraClient,
  users: readonly LinkedUser[],
  options: CycleOptions = {},
): Promise<{ diffs: UserDiff[]; failures: StepFailure[] }> {
  const diffs: UserDiff[] = []
  const failures: StepFailure[] = []
  await mapPool(users, options.concurrency ?? 1, async (user) => {
    const diff = await readAndDiff(entra, user)
    if ('step' in diff) return failures.push(diff)
    diffs.push(diff)
    if (diff.changes.length === 0) return
    const patched = await entra.patchUser(user.id, diff.changes)
    if (patched.status !== 200 && patched.status !== 204) {
      failures.push(
        fail('update', user.source, `the PATCH answered HTTP ${patched.status}`, patched),
      )
    }
  })
  return { diffs, failures }
}

/** The next cycle with nothing changed at the source: every diff must be empty. */
export async function repeatCycle(
  entra: EntraClient,
  users: readonly LinkedUser[],
  options: CycleOptions = {},
): Promise<{ diffs: UserDiff[]; failures: StepFailure[] }> {
  const outcomes = await mapPool(users, options.concurrency ?? 1, (user) =>
    readAndDiff(entra, user),
  )
  const diffs = outcomes.filter((o): o is UserDiff => !('step' in o))
  const failures = outcomes.filter((o): o is StepFailure => 'step' in o)
  return { diffs, failures }
}
