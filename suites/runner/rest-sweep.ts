/**
 * Finds and deletes identities earlier runs left through ClearID's REST API: live identities whose
 * `systemData.externalId` (or `firstName`) starts with `cc-<run id>-`. It pages through the search
 * service (which lists every identity, deleted ones flagged) and deletes through the identity
 * service, the same way a run's cleanup does.
 *
 * @module
 */
import { InterruptedError } from '../../driver/http/errors.ts'
import { RUN_TAG_PREFIX } from '../../fixtures/workforce.ts'
import type { RestHttpClient } from '../../driver/rest/rest-http.ts'
import { isObject, type Json } from '../../rules/server/findings.ts'
import type { SweepCandidate, SweepOptions } from './sweep.ts'

export interface RestSweepOutcome {
  readonly scanned: number
  readonly candidates: readonly SweepCandidate[]
  readonly tooRecent: number
  readonly deleted: number
  readonly failed: readonly { readonly id: string; readonly reason: string }[]
  /** Ctrl-C stopped the deletes: these candidates were not deleted. */
  readonly left?: readonly SweepCandidate[]
}

/** The search service did not answer a listing: nothing can be swept. */
export class SweepListingError extends Error {
  override readonly name = 'SweepListingError'
}

const TAG = /^cc-([a-z0-9]{1,16})-/
const PAGE = 100

/** The run tag an identity carries, in its external id or its first name. */
function tagOf(identity: Json): string | undefined {
  const system = isObject(identity.systemData) ? identity.systemData : undefined
  for (const value of [system?.externalId, identity.firstName]) {
    const match = typeof value === 'string' ? TAG.exec(value) : null
    if (match?.[1]) return match[1]
  }
  return undefined
}

async function scan(rest: RestHttpClient, maxPages: number): Promise<Json[]> {
  const all: Json[] = []
  for (let page = 0, skip = 0; page < maxPages; page += 1) {
    const answer = await rest.send({
      service: 'search',
      method: 'POST',
      path: rest.identitiesPath('v1'),
      body: { skip, take: PAGE },
    })
    if (answer.status !== 200 || !isObject(answer.body))
      throw new SweepListingError(`searching identities answered HTTP ${answer.status}`)
    const results = Array.isArray(answer.body.results) ? answer.body.results.filter(isObject) : []
    all.push(...results)
    skip += results.length
    const total = typeof answer.body.totalItems === 'number' ? answer.body.totalItems : 0
    if (results.length === 0 || skip >= total) break
  }
  return all
}

export async function sweepRest(
  rest: RestHttpClient,
  options: SweepOptions,
): Promise<RestSweepOutcome> {
  const scanned = await scan(rest, options.maxPages ?? 10_000)
  const cutoff =
    options.olderThanMs === undefined
      ? undefined
      : (options.now ?? new Date()).getTime() - options.olderThanMs
  const candidates: SweepCandidate[] = []
  let tooRecent = 0
  for (const identity of scanned) {
    const tag = tagOf(identity)
    const id = identity.identityId
    if (identity.isDeleted === true || tag === undefined || typeof id !== 'string') continue
    if (options.runId !== undefined && tag !== options.runId) continue
    const created =
      typeof identity.creationDateUtc === 'string' ? identity.creationDateUtc : undefined
    if (cutoff !== undefined && (created === undefined || Date.parse(created) > cutoff)) {
      tooRecent += 1
      continue
    }
    const system = isObject(identity.systemData) ? identity.systemData : {}
    candidates.push({
      id,
      userName: String(system.externalId ?? identity.firstName ?? `${RUN_TAG_PREFIX}${tag}-`),
      ...(created ? { created } : {}),
    })
  }
  if (options.dryRun)
    return { scanned: scanned.length, candidates, tooRecent, deleted: 0, failed: [] }
  let deleted = 0
  const failed: { id: string; reason: string }[] = []
  for (const [index, candidate] of candidates.entries()) {
    try {
      const answer = await rest.send({
        service: 'identity',
        method: 'DELETE',
        path: rest.identitiesPath('v2', `/${encodeURIComponent(candidate.id)}`),
      })
      if ([200, 204, 404].includes(answer.status)) deleted += 1
      else failed.push({ id: candidate.id, reason: `HTTP ${answer.status}` })
    } catch (error) {
      // Ctrl-C: the delete in flight finished; nothing new is sent, the rest is left.
      if (error instanceof InterruptedError) {
        const left = candidates.slice(index)
        return { scanned: scanned.length, candidates, tooRecent, deleted, failed, left }
      }
      failed.push({
        id: candidate.id,
        reason: error instanceof Error ? error.message : String(error),
      })
    }
  }
  return { scanned: scanned.length, candidates, tooRecent, deleted, failed }
}
