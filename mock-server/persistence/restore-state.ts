/**
 * Puts kept records back into a new app's state, before it serves and before start-up seeding.
 * Nothing is published: a restart is not a change, so no webhook fires and no log grows.
 *
 * @module
 */
import type { MockContext } from '../context.ts'
import { csvStateOf } from '../csv/csv-state.ts'
import { graphSyncOf } from '../graph-sync/graph-sync-state.ts'
import { purgeExpiredDeletions } from '../identity-changes.ts'
import { storedSecretOf } from './secret-digest.ts'
import type { JournaledIdentityStore } from './journaled-store.ts'
import { StateRecordError, type StateRecord } from './state-record.ts'

export function applyRecord(
  ctx: MockContext,
  store: JournaledIdentityStore,
  record: StateRecord,
): void {
  switch (record.type) {
    case 'account':
      ctx.accounts.restore({ id: record.id, createdAt: record.createdAt })
      return
    case 'scim-key': {
      const account = ctx.accounts.get(record.accountId)
      if (!account) throw missing('account', record.accountId)
      account.scimKey = {
        name: record.name,
        createdAt: record.createdAt,
        secret: storedSecretOf(record),
      }
      return
    }
    case 'integration':
      ctx.integrations.restore(record)
      return
    case 'integration-key':
      if (!ctx.integrations.byClientId(record.clientId))
        throw missing('API integration', record.clientId)
      ctx.integrations.restoreKey(record)
      return
    case 'integration-deleted': {
      const integration = ctx.integrations.byClientId(record.clientId)
      if (integration) ctx.integrations.delete(integration)
      return
    }
    case 'identity':
    case 'identities-cleared':
    case 'ordinal':
      store.restore(record)
      return
    case 'webhook':
      ctx.webhooks.restore(record.webhook)
      return
    case 'webhook-deleted': {
      const webhook = ctx.webhooks.all().find((w) => w.id === record.id)
      if (webhook) ctx.webhooks.delete(webhook)
      return
    }
    case 'fault':
      ctx.faults.restore(record)
      return
    case 'fault-used':
      ctx.faults.restoreUse(record.id, record.accountId)
      return
    case 'faults-removed':
      ctx.faults.restoreRemoval(record.accountId, record.ids)
      return
    case 'team':
      if (!ctx.accounts.get(record.team.accountId)) throw missing('account', record.team.accountId)
      ctx.teams.restoreTeam(record.team)
      return
    case 'team-member':
      if (!ctx.teams.get(record.accountId, record.membership.teamId))
        throw missing('team', record.membership.teamId)
      ctx.teams.restoreMember(record.accountId, record.membership)
      return
    case 'team-member-removed':
      ctx.teams.restoreRemoval(record.accountId, record.teamId, record.identityId, record.sourceId)
      return
    case 'team-members-cleared':
      ctx.teams.restoreClear(record.accountId)
      return
    case 'csv-configuration':
    case 'graph-configuration':
      if (!ctx.accounts.get(record.accountId)) throw missing('account', record.accountId)
      try {
        if (record.type === 'csv-configuration') csvStateOf(ctx).configurations.restore(record)
        else graphSyncOf(ctx).configurations.restore(record)
      } catch {
        throw new StateRecordError(
          `the ${record.type === 'csv-configuration' ? 'CSV' : 'Graph'} configuration "${record.id.slice(0, 80)}" no longer reads as one`,
        )
      }
      return
    case 'csv-configuration-deleted':
    case 'graph-configuration-deleted':
      syncOf(ctx, record.type).configurations.restoreDeletion(record.accountId, record.id)
      return
    case 'csv-credential':
    case 'graph-credential':
      syncOf(ctx, record.type).credentials.restore(record.accountId, record.credential)
      return
    case 'csv-credential-removed':
    case 'graph-credential-removed':
      syncOf(ctx, record.type).credentials.restoreRemoval(
        record.accountId,
        record.identityId,
        record.key,
      )
      return
  }
}

/** The synchronization a record of its state belongs to, by the record type's prefix. */
function syncOf(ctx: MockContext, type: `${'csv' | 'graph'}-${string}`) {
  return type.startsWith('csv-') ? csvStateOf(ctx) : graphSyncOf(ctx)
}

/**
 * After the replay: soft-deleted identities past the retention go, as they went (or would have
 * gone at the next write) before the restart; purges are not journaled.
 */
export function afterRestore(ctx: MockContext): void {
  for (const account of ctx.accounts.list()) purgeExpiredDeletions(ctx, account.id)
}

function missing(what: string, id: string): StateRecordError {
  return new StateRecordError(
    `it refers to ${what} "${id.slice(0, 80)}", which no earlier record creates`,
  )
}
