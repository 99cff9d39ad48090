/**
 * The app's whole kept state as records, for a snapshot: replaying them onto an empty app gives
 * the same state. Built in one synchronous step, so it is consistent; identity records share the
 * stored identities, which the store never changes in place, so writing them out later is safe.
 *
 * @module
 */
import { scimKeyRecord } from '../accounts/account-registry.ts'
import { keyRecord } from '../accounts/api-integrations.ts'
import type { MockContext } from '../context.ts'
import { csvStateOf } from '../csv/csv-state.ts'
import { graphSyncOf } from '../graph-sync/graph-sync-state.ts'
import type { JournaledIdentityStore } from './journaled-store.ts'
import type { StateRecord } from './state-record.ts'

export function stateRecords(ctx: MockContext, store: JournaledIdentityStore): StateRecord[] {
  const records: StateRecord[] = []
  for (const account of ctx.accounts.list()) {
    records.push({ type: 'account', id: account.id, createdAt: account.createdAt })
    if (account.scimKey) records.push(scimKeyRecord(account.id, account.scimKey))
  }
  for (const integration of ctx.integrations.all()) {
    const { credential, ...fields } = integration
    records.push({ type: 'integration', ...fields })
    if (credential) records.push(keyRecord(integration.clientId, credential))
  }
  for (const [accountId, ordinal] of store.ordinals()) {
    records.push({ type: 'ordinal', accountId, ordinal })
  }
  for (const account of ctx.accounts.list()) {
    for (const identity of store.scan(account.id, true)) {
      records.push({ type: 'identity', identity })
    }
  }
  for (const webhook of ctx.webhooks.all())
    records.push({ type: 'webhook', webhook: { ...webhook } })
  records.push(...ctx.faults.keptRecords())
  records.push(...ctx.teams.keptRecords())
  records.push(...csvStateOf(ctx).keptRecords())
  records.push(...graphSyncOf(ctx).keptRecords())
  return records
}
