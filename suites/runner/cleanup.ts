/**
 * Deletes what a run created, newest first, whatever happened before (failure, Ctrl-C). The outcome
 * is part of the report so a leftover is never silent. A second Ctrl-C abandons it: deletes in
 * flight finish, the rest are listed as left so `sweep` can remove them.
 *
 * @module
 */
import { InterruptedError, TransportError } from '../../driver/http/errors.ts'
import type { ScimHttpClient } from '../../driver/http/scim-http.ts'
import { mapPool } from '../../driver/pool.ts'

export interface CleanupFailure {
  readonly path: string
  readonly id: string
  readonly account: 'main' | 'other'
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
  /** Cleanup was abandoned (a second Ctrl-C) with identities still to delete (in `failed`). */
  readonly abandoned?: boolean
}

export interface CleanupOptions {
  /** Deletes in flight at once. Default 1. */
  readonly concurrency?: number
  /** Stops cleanup: nothing new is deleted, what is left is listed in `failed`. */
  readonly abandon?: AbortSignal
  /** Identities deleted so far of `total` to delete: 0 first, then after each delete. */
  readonly onProgress?: (done: number, total: number) => void
}

export const ABANDONED_ERROR = 'not deleted: cleanup was abandoned'

export async function cleanupCreated(
  http: ScimHttpClient,
  options: CleanupOptions = {},
): Promise<CleanupOutcome> {
  const created = http.created
  const pending = [...created].reverse().filter((entry) => !entry.gone)
  const deletedByRules = created.length - pending.length
  const client = http.forCleanup(options.abandon)
  const failed: CleanupFailure[] = []
  let deleted = 0
  let abandoned = false
  options.onProgress?.(0, pending.length)
  await mapPool(pending, options.concurrency ?? 1, async (entry) => {
    const who = {
      id: entry.id,
      account: entry.account,
      ...(entry.userName === undefined ? {} : { userName: entry.userName }),
    }
    const leave = (failure: Omit<CleanupFailure, 'path' | 'id' | 'account' | 'userName'>) =>
      failed.push({ path: entry.path, ...who, ...failure })
    try {
      if (options.abandon?.aborted) throw new InterruptedError(ABANDONED_ERROR)
      if (entry.unsafeId !== undefined) {
        // Never sent: DELETE with such an id would reach the collection, the tenant or another account.
        leave({
          error: `not deleted: the server gave it the id ${JSON.stringify(entry.id)}, which ${entry.unsafeId}; delete it on the server by its userName`,
        })
        return
      }
      const answer = await client.send({
        method: 'DELETE',
        path: entry.path,
        account: entry.account,
      })
      if (answer.status === 204 || answer.status === 200 || answer.status === 404) {
        deleted += 1
        options.onProgress?.(deleted, pending.length)
      } else leave({ status: answer.status })
    } catch (error) {
      if (error instanceof InterruptedError) {
        abandoned = true
        leave({ error: ABANDONED_ERROR })
        return
      }
      const message =
        error instanceof TransportError || error instanceof Error ? error.message : String(error)
      leave({ error: message })
    }
  })
  return {
    created: created.length,
    deletedByRules,
    deleted,
    failed,
    unanswered: http.unansweredCreates,
    ...(abandoned ? { abandoned: true } : {}),
  }
}
