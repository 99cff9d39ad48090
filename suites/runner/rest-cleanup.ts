/**
 * Deletes what the run made through the REST API and the control plane, newest first, whatever
 * happened before: identities it created (by their identity-service path), webhooks and API
 * integrations it added, and the identities of the scratch accounts it made (the mock keeps
 * accounts; their data goes). The outcome joins the SCIM cleanup's in the report.
 *
 * @module
 */
import { TransportError } from '../../driver/http/errors.ts'
import { mapPool } from '../../driver/pool.ts'
import type { RestCreated, RestHttpClient } from '../../driver/rest/rest-http.ts'
import type { CleanupFailure, CleanupOutcome } from './cleanup.ts'

const SERVICE_LABEL = { identity: 'identityservice', control: '_admin' } as const

function labelOf(entry: RestCreated): string {
  const service = entry.service === 'control' ? SERVICE_LABEL.control : SERVICE_LABEL.identity
  return `${service}${entry.path}`
}

export async function cleanupRest(rest: RestHttpClient, concurrency = 1): Promise<CleanupOutcome> {
  const created = rest.created
  const pending = [...created].reverse().filter((entry) => !entry.gone)
  const identities = created.filter((entry) => entry.service === 'identity')
  // Counted before cleanup sends its own DELETEs, which mark entries gone too.
  const deletedByRules = identities.filter((entry) => entry.gone).length
  const client = rest.forCleanup()
  const failed: CleanupFailure[] = []
  let deleted = 0
  const attempt = async (
    label: string,
    send: () => Promise<{ status: number }>,
    who: { userName?: string },
  ) => {
    try {
      const answer = await send()
      if ([200, 202, 204, 404].includes(answer.status)) return true
      failed.push({ path: label, ...who, status: answer.status })
    } catch (error) {
      const message =
        error instanceof TransportError || error instanceof Error ? error.message : String(error)
      failed.push({ path: label, ...who, error: message })
    }
    return false
  }
  await mapPool(pending, concurrency, async (entry) => {
    const who = entry.label === undefined ? {} : { userName: entry.label }
    const ok = await attempt(
      labelOf(entry),
      () => client.send({ service: entry.service, method: 'DELETE', path: entry.path }),
      who,
    )
    if (ok && entry.service === 'identity') deleted += 1
  })
  for (const account of rest.scratchAccounts) {
    const path = `/accounts/${encodeURIComponent(account)}/identities`
    await attempt(
      `_admin${path}`,
      () => client.send({ service: 'control', method: 'DELETE', path }),
      {},
    )
  }
  return {
    created: identities.length,
    deletedByRules,
    deleted,
    failed,
    unanswered: rest.unansweredCreates,
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
  }
}
