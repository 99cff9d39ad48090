/**
 * State records to and from what the files hold: webhook secrets sealed (`seal.ts`), and every
 * record read back checked for the shape its type needs, so a foreign or damaged file stops the
 * start with a message instead of a half-restored mock.
 *
 * @module
 */
import { isSecretName } from '../../../model/redact.ts'
import type { KeptWebhook, StateRecord, StateRecordType } from '../../persistence/state-record.ts'
import { StateRecordError } from '../../persistence/state-record.ts'
import type { Seal } from './seal.ts'

/** The record as written: webhook and Graph connection secrets sealed; the rest as it is. */
export function toStored(record: StateRecord, seal: Seal): unknown {
  if (record.type === 'graph-configuration' && record.clientSecret !== undefined)
    return { ...record, clientSecret: seal.seal(record.clientSecret) }
  if (record.type !== 'webhook') return record
  return { ...record, webhook: mapWebhookSecrets(record.webhook, (text) => seal.seal(text)) }
}

/** A record as read, checked and with its webhook and Graph connection secrets opened. */
export function fromStored(value: unknown, seal: Seal): StateRecord {
  const record = checkShape(value)
  if (record.type !== 'webhook' && record.type !== 'graph-configuration') return record
  try {
    if (record.type === 'graph-configuration')
      return record.clientSecret === undefined
        ? record
        : { ...record, clientSecret: seal.open(record.clientSecret) }
    return { ...record, webhook: mapWebhookSecrets(record.webhook, (text) => seal.open(text)) }
  } catch {
    throw new StateRecordError(
      "a sealed secret does not open with this directory's state.key (the key was replaced, or the record is damaged)",
    )
  }
}

function mapWebhookSecrets(webhook: KeptWebhook, map: (text: string) => string): KeptWebhook {
  const mapped: KeptWebhook = {
    ...webhook,
    headers: webhook.headers.map((header) =>
      isSecretName(header.name) ? { name: header.name, value: map(header.value) } : header,
    ),
  }
  if (webhook.appKey !== undefined) mapped.appKey = map(webhook.appKey)
  return mapped
}

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array'

/** Members each record type must have, and their kinds (optional members are checked by use). */
const SHAPES: Record<StateRecordType, Record<string, Kind>> = {
  account: { id: 'string', createdAt: 'string' },
  'scim-key': {
    accountId: 'string',
    name: 'string',
    createdAt: 'string',
    digest: 'string',
    hint: 'string',
  },
  integration: {
    id: 'string',
    accountId: 'string',
    name: 'string',
    description: 'string',
    clientId: 'string',
    createdAt: 'string',
  },
  'integration-key': {
    clientId: 'string',
    generatedAt: 'string',
    digest: 'string',
    hint: 'string',
  },
  'integration-deleted': { clientId: 'string' },
  identity: { identity: 'object' },
  'identities-cleared': { accountId: 'string', ordinal: 'number' },
  ordinal: { accountId: 'string', ordinal: 'number' },
  webhook: { webhook: 'object' },
  'webhook-deleted': { id: 'string' },
  fault: { id: 'string', accountId: 'string', rule: 'object', applied: 'number' },
  'fault-used': { id: 'string', accountId: 'string' },
  'faults-removed': { accountId: 'string', ids: 'array' },
  team: { team: 'object' },
  'team-member': { accountId: 'string', membership: 'object' },
  'team-member-removed': {
    accountId: 'string',
    teamId: 'string',
    identityId: 'string',
    sourceId: 'string',
  },
  'team-members-cleared': { accountId: 'string' },
  'csv-configuration': {
    id: 'string',
    accountId: 'string',
    json: 'object',
    createdUtc: 'string',
    lastModifiedUtc: 'string',
    synchronized: 'array',
  },
  'csv-configuration-deleted': { id: 'string', accountId: 'string' },
  'csv-credential': { accountId: 'string', credential: 'object' },
  'csv-credential-removed': { accountId: 'string', identityId: 'string', key: 'string' },
  'graph-configuration': {
    id: 'string',
    accountId: 'string',
    json: 'object',
    createdUtc: 'string',
    lastModifiedUtc: 'string',
    progress: 'object',
  },
  'graph-configuration-deleted': { id: 'string', accountId: 'string' },
  'graph-credential': { accountId: 'string', credential: 'object' },
  'graph-credential-removed': { accountId: 'string', identityId: 'string', key: 'string' },
}

const CREDENTIAL: Record<string, Kind> = {
  format: 'string',
  credentialId: 'string',
  identityId: 'string',
  externalId: 'string',
  configurationId: 'string',
  createdUtc: 'string',
  lastModifiedUtc: 'string',
}

const TEAM: Record<string, Kind> = {
  id: 'string',
  accountId: 'string',
  name: 'string',
  status: 'string',
  created: 'string',
  lastModified: 'string',
  deleted: 'boolean',
}

const MEMBERSHIP: Record<string, Kind> = {
  teamId: 'string',
  identityId: 'string',
  sourceId: 'string',
  addedUtc: 'string',
}

const IDENTITY: Record<string, Kind> = {
  id: 'string',
  accountId: 'string',
  userName: 'string',
  displayName: 'string',
  active: 'boolean',
  attributes: 'object',
  created: 'string',
  lastModified: 'string',
  version: 'number',
  deleted: 'boolean',
  source: 'string',
}

const WEBHOOK: Record<string, Kind> = {
  id: 'string',
  accountId: 'string',
  name: 'string',
  description: 'string',
  enabled: 'boolean',
  url: 'string',
  headers: 'array',
  event: 'string',
  createdAt: 'string',
  lastModifiedAt: 'string',
}

function checkShape(value: unknown): StateRecord {
  if (!isObject(value) || typeof value.type !== 'string' || !Object.hasOwn(SHAPES, value.type)) {
    throw new StateRecordError('it is not a state record this version of the mock knows')
  }
  const type = value.type as StateRecordType
  checkMembers(value, SHAPES[type], type)
  if (type === 'identity') checkMembers(value.identity as Record<string, unknown>, IDENTITY, type)
  if (type === 'webhook') checkMembers(value.webhook as Record<string, unknown>, WEBHOOK, type)
  if (type === 'team') checkMembers(value.team as Record<string, unknown>, TEAM, type)
  if (type === 'team-member')
    checkMembers(value.membership as Record<string, unknown>, MEMBERSHIP, type)
  if (type === 'csv-credential' || type === 'graph-credential')
    checkMembers(value.credential as Record<string, unknown>, CREDENTIAL, type)
  if (type === 'graph-configuration')
    checkMembers(value.progress as Record<string, unknown>, { known: 'array' }, type)
  return value as unknown as StateRecord
}

function checkMembers(value: Record<string, unknown>, shape: Record<string, Kind>, type: string) {
  for (const [member, kind] of Object.entries(shape)) {
    const found = value[member]
    const ok =
      kind === 'array'
        ? Array.isArray(found)
        : kind === 'object'
          ? isObject(found)
          : typeof found === kind
    if (!ok) throw new StateRecordError(`its "${type}" record lacks ${member} (${kind})`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
