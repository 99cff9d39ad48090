/**
 * Client rules about the provisioning cycle: correlate before creating, and leave groups alone
 * (ClearID does not synchronize them).
 *
 * @module
 */
import { defineClientRule } from './client-rule.ts'
import { earlierCreates, keysOfBody, lookupFinds } from './inspect/lookups.ts'
import { createAfterMiss } from './inspect/retries.ts'
import {
  describeRequest,
  isCreate,
  isGroupsPath,
  isTransientFailure,
  statusOf,
} from './inspect/requests.ts'
import { entraHow, entraLogs, seed, spec } from './sources.ts'

export const lookupBeforeCreate = defineClientRule({
  id: 'CLI-SYNC-001',
  level: 'MUST',
  title: 'Looks an identity up before creating it',
  profile: 'entra',
  area: 'sync',
  tags: ['sync', 'matching', 'create'],
  sources: [
    entraHow(
      'for each object the target is queried by the matching attribute; it is created only if nothing matches',
    ),
    entraLogs('409 on create: the filter missed an existing user'),
    spec('2.2', 'uniqueness per account: externalId, userName: 409 uniqueness'),
  ],
  fix: 'Before POST /Users, query GET /Users?filter=userName eq "…" (or externalId eq "…"); if a user comes back, adopt its id and PATCH it instead of creating it again.',
  notApplicable: (session) =>
    session.some((r) => isCreate(r) && statusOf(r) === 409)
      ? undefined
      : 'No create was answered 409.',
  check: (exchange, history) => {
    if (!isCreate(exchange) || statusOf(exchange) !== 409 || exchange.fault !== undefined) return []
    const keys = keysOfBody(exchange)
    // A 409 on a retried create is CLI-RETRY-004's concern.
    if (earlierCreates(history, keys).some((r) => isTransientFailure(r) || r.fault !== undefined))
      return []
    // A create after a 404 on the user's own id is CLI-RETRY-005's concern.
    if (createAfterMiss(exchange, history)) return []
    if (history.some((r) => lookupFinds(r, keys))) return []
    const who = keys.userName ?? keys.externalId ?? 'this identity'
    return [
      {
        key: 'no-lookup',
        message: `${describeRequest(exchange)} for "${who}" was answered 409 (it already existed) and no lookup by userName or externalId came before it.`,
      },
    ]
  },
})

export const noGroupWrites = defineClientRule({
  id: 'CLI-GROUP-001',
  level: 'MUST',
  title: 'Group provisioning is disabled (no writes to /Groups)',
  profile: 'clearid',
  area: 'groups',
  tags: ['groups', 'configuration'],
  sources: [
    seed('groups are not supported: set "Provision Microsoft Entra ID Groups" to Enabled = No'),
    spec('2.1', 'any write to /Groups answers 501'),
  ],
  fix: 'Turn group provisioning off (Entra: Provisioning > Mappings > "Provision Microsoft Entra ID Groups" > Enabled = No). Reading /Groups, as Test Connection does, is fine.',
  check: (exchange) => {
    if (!isGroupsPath(exchange) || exchange.request.method === 'GET') return []
    return [
      {
        key: 'groups',
        message: `${describeRequest(exchange)}: group provisioning was attempted; ClearID does not synchronize groups (answered ${statusOf(exchange) ?? 'nothing'}).`,
      },
    ]
  },
})
