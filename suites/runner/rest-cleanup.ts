/**
 * Deletes what the run made through the REST API and the control plane, newest first, whatever
 * happened before: identities it created (by their identity-service path), webhooks and API
 * integrations it added, and the identities of the scratch accounts it made (the mock keeps
 * accounts; their data goes). A second Ctrl-C abandons it like the SCIM cleanup: what is left is
 * listed. The outcome joins the SCIM cleanup's in the report.
 *
 * @module
 */
import { InterruptedError, TransportError } from '../../driver/http/errors.ts'
import { mapPool } from '../../driver/pool.ts'
import type { RestCreated, RestHttpClient } from '../../driver/rest/rest-http.ts'
import {
  ABANDONED_ERROR,
  type CleanupFailure,
  type CleanupOptions,
  type CleanupOutcome,
} from './cleanup.ts'

function labelOf(entry: RestCreated): string {
  return `${entry.service === 'control' ? '_admin' : 'identityservice'}${entry.path}`
}

export async function cleanupRest(
  rest: RestHttpClient,
  options: CleanupOptions = {},
): Promise<CleanupOutcome> {
  const created = rest.created
  const pending = [...created].reverse().filter((entry) => !entry.gone)
  const identities = created.filter((entry) => entry.service === 'identity')
  // Counted before cleanup sends its own DELETEs, which mark entries gone too.
  const deletedByRules = identities.filter((entry) => entry.gone).length
  const client = rest.forCleanup(options.abandon)
  const failed: CleanupFailure[] = []
  let deleted = 0
  let abandoned = false
  const attempt = async (
    label: string,
    id: string,
    send: () => Promise<{ status: number }>,
    who: { userName?: string },
  ): Promise<boolean> => {
    const leave = (failure: { status?: number; error?: string }) =>
      failed.push({ path: label, id, account: 'main', ...who, ...failure })
    try {
      if (options.abandon?.aborted) throw new InterruptedError(ABANDONED_ERROR)
      const answer = await send()
      if ([200, 202, 204, 404].includes(answer.status)) return true
      leave({ status: answer.status })
    } catch (error) {
      if (error instanceof InterruptedError) {
        abandoned = true
        leave({ error: ABANDONED_ERROR })
        return false
      }
      const message =
        error instanceof TransportError || error instanceof Error ? error.message : String(error)
      leave({ error: message })
    }
    return false
  }
  const toDelete = pending.filter((entry) => entry.service === 'identity').length
  options.onProgress?.(0, toDelete)
  await mapPool(pending, options.concurrency ?? 1, async (entry) => {
    const who = entry.label === undefined ? {} : { userName: entry.label }
    const send = () => client.send({ service: entry.service, method: 'DELETE', path: entry.path })
    const ok = await attempt(labelOf(entry), entry.id, send, who)
    if (ok && entry.service === 'identity') {
      deleted += 1
      options.onProgress?.(deleted, toDelete)
    }
  })
  for (const account of rest.scratchAccounts) {
    const path = `/accounts/${encodeURIComponent(account)}/identities`
    const send = () => client.send({ service: 'control', method: 'DELETE', path })
    await attempt(`_admin${path}`, account, send, {})
  }
  return {
    created: identities.length,
    deletedByRules,
    deleted,
    failed,
    unanswered: rest.unansweredCreates,
    ...(abandoned ? { abandoned: true } : {}),
  }
}

/** One outcome for the run: the SCIM cleanup's and the REST cleanup's, added up. */
export function joinCleanups(a: CleanupOutcome, b: CleanupOutcome | undefined): CleanupOutcome {
  if (!b) return a
  return {
    created: a.created + b.created,
    deletedByRules: a.deletedByRules + b.deletedByRules,
    deleted: a.deleted + b.deleted,
    failed: [...a.failed, ...b.failed],
    unanswered: a.unanswered + b.unanswered,
    ...(a.abandoned === true || b.abandoned === true ? { abandoned: true } : {}),
  }
}
