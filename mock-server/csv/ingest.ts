/**
 * Applies an uploaded CSV file to the account, as ClearID's Cloud CSV synchronization does with a
 * manual "Upload file": each row is mapped (the same `model/csv` code `csv check` previews with),
 * checked with the identity rules SCIM and REST use, and written through the same store path
 * (`sync/sync-writes.ts`), so the REST API and webhooks see it, with `source: 'csv'` and the
 * configuration in `systemData.externalSyncSourceId`. A row naming a known External ID updates
 * that identity, whichever door made it; synchronization is inbound only, so the mapped fields
 * overwrite changes made in ClearID since. Every row's outcome goes to the synchronization log.
 *
 * @module
 */
import type { SyncCredential } from '../../model/sync/credentials.ts'
import { mapRow, planColumns, type ColumnPlan } from '../../model/csv/mapping.ts'
import type { CsvRecord } from '../../model/csv/reader.ts'
import { rowIdentity } from '../../model/csv/row-identity.ts'
import type { MappedIdentity } from '../../model/sync/mapped-identity.ts'
import type { StoredIdentity, SyncSource } from '../../model/identity.ts'
import type { MockContext } from '../context.ts'
import { ApiError } from '../errors/api-error.ts'
import { deactivateSynced, writeSynced } from '../sync/sync-writes.ts'
import type { CsvConfiguration } from './csv-configurations.ts'
import type { SyncCredentials } from '../sync/sync-credentials.ts'
import { readUploadedCsv } from './parse-upload.ts'
import type { SyncLog, SyncLogEntry, SyncLogType } from '../sync/sync-log.ts'

export interface UploadCounts {
  rows: number
  created: number
  updated: number
  unchanged: number
  failed: number
  deactivated: number
  credentialsCreated: number
  credentialsUpdated: number
}

export interface UploadRun {
  readonly runId: string
  readonly configurationId: string
  readonly file: string
  readonly startedUtc: string
  readonly finishedUtc: string
  /** `failed`: the file could not be read (or not to its end); rows read before still applied. */
  readonly status: 'completed' | 'failed'
  readonly counts: UploadCounts
  readonly errors: readonly string[]
}

interface Services {
  readonly log: SyncLog
  readonly credentials: SyncCredentials
  /** Keeps what a complete upload synchronized (`CsvConfigurations.setSynchronized`). */
  readonly synchronized: (configuration: CsvConfiguration, externalIds: Set<string>) => void
}

export function ingestUpload(
  ctx: MockContext,
  services: Services,
  configuration: CsvConfiguration,
  bytes: Uint8Array,
  file: string,
): UploadRun {
  const { config, accountId } = configuration
  const runId = ctx.ids()
  const startedUtc = ctx.clock().toISOString()
  const counts: UploadCounts = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    deactivated: 0,
    credentialsCreated: 0,
    credentialsUpdated: 0,
  }
  const errors: string[] = []
  const seen = new Map<string, number>()
  const synchronized = new Set<string>()
  let plan: ColumnPlan | undefined
  let fatal = false
  const sync: SyncSource = {
    kind: 'csv',
    sourceId: configuration.id,
    name: config.name,
    at: startedUtc,
  }
  const log = (entry: Omit<SyncLogEntry, 'id' | 'runId' | 'configurationId' | 'timestamp'>) =>
    services.log.add({
      runId,
      configurationId: configuration.id,
      timestamp: ctx.clock().toISOString(),
      ...entry,
    })

  const failRow = (
    record: CsvRecord,
    type: SyncLogType,
    entity: string,
    rowErrors: readonly string[],
  ) => {
    counts.failed++
    log({
      type,
      entity,
      outcome: 'failed',
      file,
      row: record.row,
      message: `Row ${record.row} was not applied.`,
      errors: rowErrors,
    })
  }

  const applyRow = (record: CsvRecord) => {
    if (!plan) return
    counts.rows++
    const mapped = mapRow(plan, record.cells, config)
    const row = rowIdentity(mapped, config)
    const existing =
      row.externalId === undefined
        ? undefined
        : ctx.store.findByExternalId(accountId, row.externalId)
    const type: SyncLogType = existing ? 'Update identity' : 'Create identity'
    const entity = entityOf(row)
    const rowErrors = [
      // An update is validated as merged (commitIdentity): the names may come from another source.
      ...row.issues
        .filter((i) => i.severity === 'error' && !(existing && i.newOnly))
        .map((i) => i.message),
      ...mapped.credentialProblems.map((p) => `Credential mapping ${p.mapping + 1}: ${p.message}`),
    ]
    if (row.externalId !== undefined) {
      const first = seen.get(row.externalId)
      if (first !== undefined && config.options.duplicateExternalIds === 'error')
        rowErrors.push(
          `External ID "${row.externalId.slice(0, 60)}" is already on row ${first} of this file.`,
        )
      else if (first === undefined) seen.set(row.externalId, record.row)
    }
    if (rowErrors.length > 0) return failRow(record, type, entity, rowErrors)
    let outcome: { identity: StoredIdentity; change: 'created' | 'updated' | 'unchanged' }
    try {
      outcome = writeSynced(ctx, {
        accountId,
        ...(existing && { existing }),
        identity: row,
        sync,
        source: 'csv',
      })
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      return failRow(record, type, entity, [error.detail])
    }
    synchronized.add(row.externalId ?? '')
    counts[outcome.change]++
    log({
      type,
      entity,
      outcome: outcome.change === 'unchanged' ? 'unchanged' : 'succeeded',
      file,
      row: record.row,
      identityId: outcome.identity.id,
      message:
        outcome.change === 'unchanged'
          ? 'No mapped value changed.'
          : `Identity ${outcome.change} from row ${record.row}.`,
    })
    for (const credential of mapped.credentials)
      applyCredential(outcome.identity, row, credential, record)
  }

  const applyCredential = (
    identity: StoredIdentity,
    row: MappedIdentity,
    credential: SyncCredential,
    record: CsvRecord,
  ) => {
    const result = services.credentials.apply(
      accountId,
      {
        identityId: identity.id,
        externalId: row.externalId ?? '',
        configurationId: configuration.id,
      },
      credential,
      ctx.clock().toISOString(),
      ctx.ids,
    )
    if (result.change === 'unchanged') return
    if (result.change === 'created') counts.credentialsCreated++
    else counts.credentialsUpdated++
    log({
      type: result.change === 'created' ? 'Create credential' : 'Update credential',
      entity: `${credential.format} ${credential.rawCode ?? `${credential.facilityCode}:${credential.cardNumber}`} (${row.externalId})`,
      outcome: 'succeeded',
      file,
      row: record.row,
      identityId: identity.id,
      message: `Credential ${result.change} from row ${record.row}.`,
    })
  }

  log({
    type: 'Extraction',
    entity: file,
    outcome: 'succeeded',
    file,
    message: `Reading ${file} (${bytes.length} bytes, ${config.advanced.encoding}, ${config.advanced.delimiter}).`,
  })
  readUploadedCsv(bytes, config, {
    header(record) {
      plan = planColumns(config, record.cells)
      const problems = [
        ...plan.missing.map(
          (m) => `The header has no column "${m.column}", which ${m.neededBy} needs.`,
        ),
        ...(plan.externalId ? [] : ['No column feeds External ID.']),
      ]
      if (problems.length === 0) return
      fatal = true
      errors.push(...problems)
      log({
        type: 'Extraction',
        entity: file,
        outcome: 'failed',
        file,
        row: 1,
        message: 'The header does not match the configuration: no row was applied.',
        errors: problems,
      })
      plan = undefined
    },
    row: applyRow,
    problem(problem) {
      const message = problem.message
      if (problem.fatal) {
        fatal = true
        errors.push(message)
      }
      log({
        type: 'Extraction',
        entity: file,
        outcome: 'failed',
        file,
        ...(problem.row !== undefined && { row: problem.row }),
        message: problem.fatal ? 'Reading stopped.' : 'A row could not be read.',
        errors: [message],
      })
    },
  })
  if (!fatal && !plan) {
    fatal = true
    errors.push('The file is empty: it has no header row.')
  } else if (!fatal && counts.rows === 0) errors.push('The file has a header row but no data row.')
  if (!fatal && config.options.removedIdentities === 'deactivate') {
    for (const externalId of configuration.synchronized) {
      if (synchronized.has(externalId)) continue
      const identity = ctx.store.findByExternalId(accountId, externalId)
      if (!identity || !identity.active) continue
      try {
        deactivateSynced(ctx, identity, sync, 'csv')
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        log({
          type: 'Update identity',
          entity: entityOfStored(identity),
          outcome: 'failed',
          file,
          identityId: identity.id,
          message: 'Could not be made Inactive.',
          errors: [error.detail],
        })
        continue
      }
      counts.deactivated++
      log({
        type: 'Update identity',
        entity: entityOfStored(identity),
        outcome: 'deactivated',
        file,
        identityId: identity.id,
        message: 'Not in the file any more: made Inactive (options.removedIdentities: deactivate).',
      })
    }
  }
  if (!fatal) services.synchronized(configuration, synchronized)
  const finishedUtc = ctx.clock().toISOString()
  const status = fatal ? 'failed' : 'completed'
  log({
    type: 'Synchronization',
    entity: file,
    outcome: fatal ? 'failed' : 'succeeded',
    file,
    message: `${counts.rows} rows: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed${counts.deactivated > 0 ? `, ${counts.deactivated} deactivated` : ''}.`,
    ...(errors.length > 0 && { errors }),
  })
  return {
    runId,
    configurationId: configuration.id,
    file,
    startedUtc,
    finishedUtc,
    status,
    counts,
    errors,
  }
}

const entityOf = (row: MappedIdentity) =>
  `${row.externalId ?? '(no External ID)'}${row.displayName ? ` (${row.displayName})` : ''}`
const entityOfStored = (identity: StoredIdentity) =>
  `${identity.attributes.externalId ?? identity.id} (${identity.displayName})`
