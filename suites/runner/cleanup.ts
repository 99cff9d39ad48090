/**
 * Deletes what a run created, newest first, whatever happened before (failure, Ctrl-C). The outcome
 * is part of the report so a leftover is never silent.
 *
 * @module
 */
import { TransportError } from '../../driver/http/errors.ts'
import type { ScimHttpClient } from '../../driver/http/scim-http.ts'
import { mapPool } from '../../driver/pool.ts'

export interface CleanupFailure {
  readonly path: string
  readonly userName?: string
  readonly status?: number
  readonly error?: string
}

export interface CleanupOutcome {
  /** Resources the run created. */
  readonly created: number
  /** Already deleted by the rules themselves. */
  readonly deletedByRules: number
  readonly deleted: number
  readonly failed: readonly CleanupFailure[]
  /** Creates that got no answer: if the server applied them, `sweep` removes them. */
  readonly unanswered: number
}

export async function cleanupCreated(
  http: ScimHttpClient,
  concurrency = 1,
): Promise<CleanupOutcome> {
  const created = http.created
  const pending = [...created].reverse().filter((entry) => !entry.gone)
  const deletedByRules = created.length - pending.length
  const client = http.forCleanup()
  const failed: CleanupFailure[] = []
  let deleted = 0
  await mapPool(pending, concurrency, async (entry) => {
    const who = entry.userName === undefined ? {} : { userName: entry.userName }
    if (entry.unsafeId !== undefined) {
      // Never sent: DELETE with such an id would reach the collection, the tenant or another account.
      const error = `not deleted: the server gave it the id ${JSON.stringify(entry.id)}, which ${entry.unsafeId}; delete it on the server by its userName`
      failed.push({ path: entry.path, ...who, error })
      return
    }
    try {
      const answer = await client.send({
        method: 'DELETE',
        path: entry.path,
        account: entry.account,
      })
      if (answer.status === 204 || answer.status === 200 || answer.status === 404) deleted += 1
      else failed.push({ path: entry.path, ...who, status: answer.status })
    } catch (error) {
      const message =
        error instanceof TransportError || error instanceof Error ? error.message : String(error)
      failed.push({ path: entry.path, ...who, error: message })
    }
  })
  return {
    created: created.length,
    deletedByRules,
    deleted,
    failed,
    unanswered: http.unansweredCreates,
  }
}
