/**
 * `createApp`'s side of kept state (`options.persistence`): the journaled store, the restore before
 * start-up seeding, the sinks of every piece of kept state, and answers held until the changes
 * they report are durable. Without the option none of this runs: the in-memory app is unchanged.
 *
 * @module
 */
import type { Hono } from 'hono'
import type { MockContext } from '../context.ts'
import { csvStateOf } from '../csv/csv-state.ts'
import { graphSyncOf } from '../graph-sync/graph-sync-state.ts'
import { ApiError } from '../errors/api-error.ts'
import { errorResponse } from '../errors/render-error.ts'
import type { IdentityStore } from '../store/identity-store.ts'
import { JournaledIdentityStore } from './journaled-store.ts'
import { afterRestore, applyRecord } from './restore-state.ts'
import type { StatePersistence } from './state-persistence.ts'
import type { StateRecord } from './state-record.ts'
import { stateRecords } from './state-snapshot.ts'

/** The store the app writes through: journaled when the state is kept. */
export function storeFor(store: IdentityStore, persistence?: StatePersistence): IdentityStore {
  return persistence ? new JournaledIdentityStore(store) : store
}

/** Restores the kept state into `ctx`, then sends every later change to `persistence`. */
export function keepState(ctx: MockContext, persistence: StatePersistence | undefined): void {
  if (!persistence) return
  const store = ctx.store as JournaledIdentityStore
  persistence.restore((record) => applyRecord(ctx, store, record))
  afterRestore(ctx)
  const sink = (record: StateRecord) => persistence.append(record)
  store.journalTo(sink)
  ctx.accounts.journalTo(sink)
  ctx.integrations.journalTo(sink)
  ctx.webhooks.journalTo(sink)
  ctx.faults.journalTo(sink)
  ctx.teams.journalTo(sink)
  csvStateOf(ctx).journalTo(sink)
  graphSyncOf(ctx).journalTo(sink)
  persistence.attach(() => stateRecords(ctx, store))
}

/**
 * Holds every answer until the changes made so far are durable (group commit: one wait covers all
 * answers ready meanwhile). A read waits too when a change is still in flight, so no client sees a
 * change that a crash could lose. An answer that needs no wait stays synchronous.
 */
export function holdAnswersUntilDurable(
  app: Hono,
  persistence: StatePersistence | undefined,
): void {
  if (!persistence) return
  const inner = app.fetch
  const settle = (request: Request, response: Response): Response | Promise<Response> => {
    const pending = persistence.settled()
    if (pending === undefined) return response
    return pending.then(
      () => response,
      (error: unknown) => notKept(request, error),
    )
  }
  app.fetch = (request, env, executionContext) => {
    const answer = inner(request, env, executionContext)
    return answer instanceof Promise
      ? answer.then((response) => settle(request, response))
      : settle(request, answer)
  }
}

function notKept(request: Request, error: unknown): Response {
  const detail = error instanceof Error ? error.message : String(error)
  return errorResponse(new URL(request.url).pathname, new ApiError(503, detail))
}
