/**
 * Finds and deletes identities earlier runs left behind, by their tag: `userName` (and, when
 * present, the extension `externalId`) starting with `cc-<run id>-`. It asks with the filter
 * `userName sw "cc-"` and falls back to paging through every user when `sw` is not supported.
 * Interrupted (the client's signal), it stops listing or deleting and says what is left.
 *
 * @module
 */
import { InterruptedError } from '../../driver/http/errors.ts'
import { RUN_TAG_PREFIX } from '../../fixtures/workforce.ts'
import { CLEARID_USER_EXTENSION } from '../../model/attributes.ts'
import { isObject, type Json } from '../../rules/server/findings.ts'
import { usersQuery } from '../../rules/server/steps.ts'
import { userValue } from '../../driver/entra/diff.ts'
import type { ScimHttp } from '../../driver/http/types.ts'
import { resourcePath } from '../../driver/http/resource-path.ts'

export interface SweepCandidate {
  readonly id: string
  readonly userName: string
  readonly created?: string
}

export interface SweepOptions {
  /** Only this run's leftovers. */
  readonly runId?: string
  /** Only identities created at least this long ago (needs meta.created). */
  readonly olderThanMs?: number
  readonly now?: Date
  readonly dryRun: boolean
  readonly pageSize?: number
  /** Stops paging after this many pages, whatever the server says. */
  readonly maxPages?: number
  /** Users listed so far of the `total` the server announced. */
  readonly onListed?: (listed: number, total: number) => void
  /** Leftovers deleted so far of `total`; called with 0 first. */
  readonly onDeleted?: (deleted: number, total: number) => void
}

export interface SweepOutcome {
  readonly method: 'filter' | 'paging'
  readonly scanned: number
  readonly candidates: readonly SweepCandidate[]
  readonly tooRecent: number
  readonly deleted: number
  readonly failed: readonly { readonly id: string; readonly reason: string }[]
  /**
   * Present when an interrupt stopped the sweep: `listing` (nothing was deleted, and `candidates`
   * holds only what was found by then) or `deleting` (`left` holds the candidates not deleted).
   */
  readonly interrupted?: 'listing' | 'deleting'
  /** Candidates not deleted because the sweep was interrupted. */
  readonly left?: readonly SweepCandidate[]
}

const TAG = /^cc-([a-z0-9]{1,16})-/
const ATTRIBUTES = `userName,meta,${CLEARID_USER_EXTENSION}:externalId`

function tagged(resource: Json, runId: string | undefined): boolean {
  const userName = userValue(resource, 'userName')
  if (typeof userName !== 'string') return false
  const match = TAG.exec(userName)
  if (!match || (runId !== undefined && match[1] !== runId)) return false
  const externalId = userValue(resource, 'externalId')
  return (
    externalId === undefined ||
    (typeof externalId === 'string' && externalId.startsWith(RUN_TAG_PREFIX))
  )
}

async function pages(
  http: ScimHttp,
  filter: string | undefined,
  options: SweepOptions,
  out: Json[],
): Promise<Json[] | 'unsupported'> {
  const size = options.pageSize ?? 100
  for (let page = 0, start = 1; page < (options.maxPages ?? 10_000); page += 1) {
    const params = { startIndex: String(start), count: String(size), attributes: ATTRIBUTES }
    const answer = await http.send({ method: 'GET', path: usersQuery(filter, params) })
    if (filter !== undefined && [400, 403, 501].includes(answer.status)) return 'unsupported'
    if (answer.status !== 200 || !isObject(answer.body))
      throw new Error(`listing users answered HTTP ${answer.status}`)
    const resources = Array.isArray(answer.body.Resources)
      ? answer.body.Resources.filter(isObject)
      : []
    out.push(...resources)
    start += resources.length
    const total = typeof answer.body.totalResults === 'number' ? answer.body.totalResults : 0
    options.onListed?.(out.length, Math.max(total, out.length))
    if (resources.length === 0 || start > total) break
  }
  return out
}

/**
 * Lists the users that may be leftovers. `found` receives them as pages arrive, so an interrupted
 * listing still shows what it had found.
 */
export async function findLeftovers(
  http: ScimHttp,
  options: SweepOptions,
  found: { method: 'filter' | 'paging'; scanned: Json[] } = { method: 'filter', scanned: [] },
): Promise<{ method: 'filter' | 'paging'; scanned: Json[] }> {
  const prefix = options.runId === undefined ? RUN_TAG_PREFIX : `${RUN_TAG_PREFIX}${options.runId}-`
  const filtered = await pages(http, `userName sw "${prefix}"`, options, found.scanned)
  if (filtered !== 'unsupported') return found
  found.method = 'paging'
  found.scanned.length = 0
  await pages(http, undefined, options, found.scanned)
  return found
}

function createdOf(resource: Json): string | undefined {
  return isObject(resource.meta) && typeof resource.meta.created === 'string'
    ? resource.meta.created
    : undefined
}

export async function sweep(http: ScimHttp, options: SweepOptions): Promise<SweepOutcome> {
  const found: { method: 'filter' | 'paging'; scanned: Json[] } = { method: 'filter', scanned: [] }
  let listingInterrupted = false
  try {
    await findLeftovers(http, options, found)
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error
    listingInterrupted = true
  }
  const { method, scanned } = found
  const cutoff =
    options.olderThanMs === undefined
      ? undefined
      : (options.now ?? new Date()).getTime() - options.olderThanMs
  const candidates: SweepCandidate[] = []
  let tooRecent = 0
  for (const resource of scanned) {
    if (!tagged(resource, options.runId) || typeof resource.id !== 'string') continue
    const created = createdOf(resource)
    if (cutoff !== undefined && (created === undefined || Date.parse(created) > cutoff)) {
      tooRecent += 1
      continue
    }
    candidates.push({
      id: resource.id,
      userName: String(userValue(resource, 'userName')),
      ...(created ? { created } : {}),
    })
  }
  const listed = { method, scanned: scanned.length, candidates, tooRecent }
  if (listingInterrupted) return { ...listed, deleted: 0, failed: [], interrupted: 'listing' }
  if (options.dryRun) return { ...listed, deleted: 0, failed: [] }
  let deleted = 0
  const failed: { id: string; reason: string }[] = []
  options.onDeleted?.(0, candidates.length)
  for (const [index, candidate] of candidates.entries()) {
    try {
      const answer = await http.send({
        method: 'DELETE',
        path: resourcePath('Users', candidate.id),
      })
      if (answer.status === 204 || answer.status === 200 || answer.status === 404) deleted += 1
      else failed.push({ id: candidate.id, reason: `HTTP ${answer.status}` })
      options.onDeleted?.(deleted, candidates.length)
    } catch (error) {
      if (error instanceof InterruptedError) {
        const left = candidates.slice(index)
        return { ...listed, deleted, failed, interrupted: 'deleting', left }
      }
      failed.push({
        id: candidate.id,
        reason: error instanceof Error ? error.message : String(error),
      })
    }
  }
  return { ...listed, deleted, failed }
}
