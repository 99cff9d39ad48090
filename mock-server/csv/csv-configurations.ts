/**
 * An account's Cloud CSV configurations, as the portal's Identity synchronization page keeps them:
 * any number per account, each with its template, mappings, advanced and management settings. A
 * change is checked by reading the whole configuration again (`parseCsvConfig`), so the control
 * plane refuses what `csv check --config` would refuse, with the same messages.
 *
 * @module
 */
import type { CsvConfig } from '../../model/csv/config.ts'
import { parseCsvConfig } from '../../model/csv/parse-config.ts'
import { ApiError } from '../errors/api-error.ts'
import type { CsvConfigurationRecord, StateSink } from '../persistence/state-record.ts'

export interface CsvConfiguration {
  readonly id: string
  readonly accountId: string
  readonly config: CsvConfig
  /** The configuration as JSON (what a file holds), for changes of one part. */
  readonly json: Readonly<Record<string, unknown>>
  readonly createdUtc: string
  lastModifiedUtc: string
  /** External IDs the last complete upload synchronized (for `options.removedIdentities`). */
  synchronized: ReadonlySet<string>
}

/** The parts the control plane changes one at a time, by their key in the configuration JSON. */
export const CONFIGURATION_PARTS = {
  template: 'template',
  'identity-mappings': 'identityMappings',
  'credential-mappings': 'credentialMappings',
  advanced: 'advanced',
  management: 'management',
  options: 'options',
} as const
export type ConfigurationPart = keyof typeof CONFIGURATION_PARTS

function read(json: unknown): CsvConfig {
  const reading = parseCsvConfig(json)
  if (reading.config) return reading.config
  const errors: Record<string, string[]> = {}
  for (const p of reading.problems) (errors[p.path || '(body)'] ??= []).push(p.message)
  const detail = reading.problems.map((p) => `${p.path || 'The body'} ${p.message}`).join(' ')
  throw new ApiError(400, `The CSV configuration is not valid: ${detail}`, { errors })
}

export class CsvConfigurations {
  readonly #byAccount = new Map<string, Map<string, CsvConfiguration>>()
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined
  constructor(
    private readonly clock: () => Date,
    private readonly ids: () => string,
  ) {}

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  /** Puts back a kept configuration; its JSON is read again, as when it was taken. */
  restore(record: CsvConfigurationRecord): void {
    this.#of(record.accountId).set(record.id, {
      id: record.id,
      accountId: record.accountId,
      config: read(record.json),
      json: record.json,
      createdUtc: record.createdUtc,
      lastModifiedUtc: record.lastModifiedUtc,
      synchronized: new Set(record.synchronized),
    })
  }

  restoreDeletion(accountId: string, id: string): void {
    this.#of(accountId).delete(id)
  }

  /** What the last complete upload synchronized (`options.removedIdentities` acts on it next). */
  setSynchronized(configuration: CsvConfiguration, externalIds: ReadonlySet<string>): void {
    configuration.synchronized = externalIds
    this.#kept(configuration)
  }

  /** Every configuration as records, for a snapshot. */
  keptRecords(): CsvConfigurationRecord[] {
    return [...this.#byAccount.values()].flatMap((map) => [...map.values()].map(recordOf))
  }

  #kept(configuration: CsvConfiguration): void {
    this.#sink?.(recordOf(configuration))
  }

  create(accountId: string, json: unknown): CsvConfiguration {
    const config = read(json)
    const now = this.clock().toISOString()
    const configuration: CsvConfiguration = {
      id: this.ids(),
      accountId,
      config,
      json: json as Record<string, unknown>,
      createdUtc: now,
      lastModifiedUtc: now,
      synchronized: new Set(),
    }
    this.#of(accountId).set(configuration.id, configuration)
    this.#kept(configuration)
    return configuration
  }

  list(accountId: string): CsvConfiguration[] {
    return [...this.#of(accountId).values()]
  }

  get(accountId: string, id: string): CsvConfiguration {
    const found = this.#of(accountId).get(id)
    if (!found)
      throw new ApiError(
        404,
        `No CSV configuration "${id.slice(0, 64)}" in this account: GET …/csv/configurations lists them.`,
      )
    return found
  }

  delete(accountId: string, id: string): void {
    this.get(accountId, id)
    this.#of(accountId).delete(id)
    this.#sink?.({ type: 'csv-configuration-deleted', accountId, id })
  }

  /** Replaces one part; the rest stays. Returns the changed configuration. */
  setPart(
    accountId: string,
    id: string,
    part: ConfigurationPart,
    value: unknown,
  ): CsvConfiguration {
    const current = this.get(accountId, id)
    const json = { ...current.json, [CONFIGURATION_PARTS[part]]: value }
    return this.#replace(current, json)
  }

  /** "Activate the configuration": the agent starts watching its folder. */
  setActive(accountId: string, id: string, active: boolean): CsvConfiguration {
    const current = this.get(accountId, id)
    const management = {
      ...(current.json.management as Record<string, unknown> | undefined),
      active,
    }
    return this.#replace(current, { ...current.json, management })
  }

  #replace(current: CsvConfiguration, json: Record<string, unknown>): CsvConfiguration {
    const next: CsvConfiguration = {
      ...current,
      config: read(json),
      json,
      lastModifiedUtc: this.clock().toISOString(),
    }
    this.#of(current.accountId).set(current.id, next)
    this.#kept(next)
    return next
  }

  #of(accountId: string): Map<string, CsvConfiguration> {
    let map = this.#byAccount.get(accountId)
    if (!map) this.#byAccount.set(accountId, (map = new Map()))
    return map
  }
}

function recordOf(configuration: CsvConfiguration): CsvConfigurationRecord {
  return {
    type: 'csv-configuration',
    id: configuration.id,
    accountId: configuration.accountId,
    json: configuration.json,
    createdUtc: configuration.createdUtc,
    lastModifiedUtc: configuration.lastModifiedUtc,
    synchronized: [...configuration.synchronized],
  }
}

/** Whether an upload may run: ClearID allows "Upload file" only once a template and mappings exist. */
export function uploadBlocker(configuration: CsvConfiguration): string | undefined {
  if (!configuration.config.template)
    return 'This configuration has no template yet: PUT …/template with the template file (its header row) first.'
  if (!configuration.config.identityMappings || configuration.config.identityMappings.length === 0)
    return 'This configuration has no identity field mappings yet: PUT …/identity-mappings first (External ID is mapped by default once mappings exist).'
  return undefined
}
