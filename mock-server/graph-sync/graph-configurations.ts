/**
 * An account's Entra ID (Graph) synchronization configurations, as the portal's Identity
 * synchronization page keeps them: any number per account, each with its connection, groups,
 * mappings and management settings, changed one part at a time. A change is checked by reading
 * the whole configuration again (`parseGraphConfig`), so the control plane refuses what `graph
 * preview --config` refuses, with the same messages.
 *
 * The client secret is kept apart from the configuration: never in its JSON, never shown (a view
 * says only whether one is set), never logged. A connection sent without one keeps the one set.
 *
 * Beside each configuration: what its runs left for the next (the delta link, the users it knows).
 *
 * @module
 */
import type { GraphSyncConfig } from '../../model/graph/config.ts'
import { parseGraphConfig } from '../../model/graph/parse-config.ts'
import { holdSecret, releaseSecret } from '../../model/secret-values.ts'
import type { GraphConfigurationRecord, StateSink } from '../persistence/state-record.ts'
import { ApiError } from '../errors/api-error.ts'

/** What the configuration knows of a Graph user from its runs. */
export interface KnownUser {
  readonly externalId?: string
  /** The identity it synchronized, or found for a role. */
  readonly identityId?: string
  /** Synchronized to an identity (not read for a role only). */
  readonly synchronized: boolean
}

/** What runs leave for the next one. */
export interface SyncProgress {
  /** Where the next automatic run's delta round starts; absent before a first full run. */
  deltaLink?: string
  /** By lower-case user id. */
  readonly known: Map<string, KnownUser>
}

export interface GraphConfiguration {
  readonly id: string
  readonly accountId: string
  readonly config: GraphSyncConfig
  /** The configuration as JSON (what a file holds), without the secret. */
  readonly json: Readonly<Record<string, unknown>>
  readonly createdUtc: string
  readonly lastModifiedUtc: string
  readonly progress: SyncProgress
}

/** The parts the control plane changes one at a time, by their key in the configuration JSON. */
export const GRAPH_CONFIGURATION_PARTS = {
  connection: 'connection',
  groups: 'groups',
  'identity-mappings': 'identityMappings',
  'credential-mappings': 'credentialMappings',
  management: 'management',
  options: 'options',
} as const
export type GraphConfigurationPart = keyof typeof GRAPH_CONFIGURATION_PARTS

function read(json: unknown): { config: GraphSyncConfig; secret?: string } {
  const reading = parseGraphConfig(json, { secret: 'accept' })
  if (reading.config)
    return {
      config: reading.config,
      ...(reading.secret !== undefined && { secret: reading.secret }),
    }
  const errors: Record<string, string[]> = {}
  for (const p of reading.problems) (errors[p.path || '(body)'] ??= []).push(p.message)
  const detail = reading.problems.map((p) => `${p.path || 'The body'} ${p.message}`).join(' ')
  throw new ApiError(400, `The Graph configuration is not valid: ${detail}`, { errors })
}

/** The JSON without the secret. */
function withoutSecret(json: Record<string, unknown>): Record<string, unknown> {
  const connection = json.connection
  if (typeof connection !== 'object' || connection === null || !('clientSecret' in connection))
    return json
  const { clientSecret: _secret, ...rest } = connection as Record<string, unknown>
  return { ...json, connection: rest }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export class GraphConfigurations {
  readonly #byAccount = new Map<string, Map<string, GraphConfiguration>>()
  readonly #secrets = new Map<string, string>()
  /** Where changes go when the state is kept (`persistence/`); absent, nothing is written. */
  #sink: StateSink | undefined
  constructor(
    private readonly clock: () => Date,
    private readonly ids: () => string,
  ) {}

  journalTo(sink: StateSink): void {
    this.#sink = sink
  }

  /** Puts back a kept configuration, its secret and its progress; its JSON is read again. */
  restore(record: GraphConfigurationRecord): void {
    const { config } = read(record.json)
    this.#of(record.accountId).set(record.id, {
      id: record.id,
      accountId: record.accountId,
      config,
      json: record.json,
      createdUtc: record.createdUtc,
      lastModifiedUtc: record.lastModifiedUtc,
      progress: {
        ...(record.progress.deltaLink !== undefined && { deltaLink: record.progress.deltaLink }),
        known: new Map(record.progress.known),
      },
    })
    if (record.clientSecret !== undefined)
      this.#secrets.set(record.id, holdSecret(record.clientSecret))
  }

  restoreDeletion(accountId: string, id: string): void {
    this.#of(accountId).delete(id)
    releaseSecret(this.#secrets.get(id))
    this.#secrets.delete(id)
  }

  /** Journals the configuration as it now is (a run ended: its progress changed). */
  kept(configuration: GraphConfiguration): void {
    const current = this.current(configuration)
    if (current) this.#sink?.(this.#recordOf(current))
  }

  /** Every configuration as records, for a snapshot. */
  keptRecords(): GraphConfigurationRecord[] {
    return this.all().map((configuration) => this.#recordOf(configuration))
  }

  #recordOf(configuration: GraphConfiguration): GraphConfigurationRecord {
    const secret = this.#secrets.get(configuration.id)
    const { deltaLink, known } = configuration.progress
    return {
      type: 'graph-configuration',
      id: configuration.id,
      accountId: configuration.accountId,
      json: configuration.json,
      createdUtc: configuration.createdUtc,
      lastModifiedUtc: configuration.lastModifiedUtc,
      ...(secret !== undefined && { clientSecret: secret }),
      progress: { ...(deltaLink !== undefined && { deltaLink }), known: [...known] },
    }
  }

  create(accountId: string, json: unknown): GraphConfiguration {
    const { config, secret } = read(json)
    const now = this.clock().toISOString()
    const configuration: GraphConfiguration = {
      id: this.ids(),
      accountId,
      config,
      json: withoutSecret(json as Record<string, unknown>),
      createdUtc: now,
      lastModifiedUtc: now,
      progress: { known: new Map() },
    }
    if (secret !== undefined) this.#secrets.set(configuration.id, holdSecret(secret))
    this.#of(accountId).set(configuration.id, configuration)
    this.kept(configuration)
    return configuration
  }

  list(accountId: string): GraphConfiguration[] {
    return [...this.#of(accountId).values()]
  }

  /** Every account's, for the automatic runs a tenant change starts. */
  all(): GraphConfiguration[] {
    return [...this.#byAccount.values()].flatMap((m) => [...m.values()])
  }

  get(accountId: string, id: string): GraphConfiguration {
    const found = this.#of(accountId).get(id)
    if (!found)
      throw new ApiError(
        404,
        `No Graph configuration "${id.slice(0, 64)}" in this account: GET …/graph/configurations lists them.`,
      )
    return found
  }

  /** The current version of a configuration (a run started with an older one). */
  current(configuration: GraphConfiguration): GraphConfiguration | undefined {
    return this.#of(configuration.accountId).get(configuration.id)
  }

  delete(accountId: string, id: string): void {
    this.get(accountId, id)
    this.restoreDeletion(accountId, id)
    this.#sink?.({ type: 'graph-configuration-deleted', accountId, id })
  }

  hasSecret(id: string): boolean {
    return this.#secrets.has(id)
  }

  /** For the run only: never shown, never logged. */
  secretOf(id: string): string | undefined {
    return this.#secrets.get(id)
  }

  /** Replaces one part; the rest stays. A new connection starts delta over. */
  setPart(
    accountId: string,
    id: string,
    part: GraphConfigurationPart,
    value: unknown,
  ): GraphConfiguration {
    const current = this.get(accountId, id)
    const key = GRAPH_CONFIGURATION_PARTS[part]
    const json = { ...current.json, [key]: value }
    const secretSent = part === 'connection' && isObject(value) && 'clientSecret' in value
    const next = this.#replace(current, json, secretSent)
    if (part === 'connection') delete next.progress.deltaLink
    this.kept(next)
    return next
  }

  /** Changes management settings (force synchronization turns automatic on). */
  setManagement(
    accountId: string,
    id: string,
    changes: Readonly<Record<string, boolean>>,
  ): GraphConfiguration {
    const current = this.get(accountId, id)
    const management = {
      ...(isObject(current.json.management) ? current.json.management : {}),
      ...changes,
    }
    const next = this.#replace(current, { ...current.json, management }, false)
    this.kept(next)
    return next
  }

  #replace(
    current: GraphConfiguration,
    json: Record<string, unknown>,
    secretSent: boolean,
  ): GraphConfiguration {
    const { config, secret } = read(json)
    const next: GraphConfiguration = {
      ...current,
      config,
      json: withoutSecret(json),
      lastModifiedUtc: this.clock().toISOString(),
    }
    if (secretSent && secret !== undefined) {
      const previous = this.#secrets.get(current.id)
      this.#secrets.set(current.id, holdSecret(secret))
      releaseSecret(previous)
    }
    this.#of(current.accountId).set(current.id, next)
    return next
  }

  #of(accountId: string): Map<string, GraphConfiguration> {
    let map = this.#byAccount.get(accountId)
    if (!map) this.#byAccount.set(accountId, (map = new Map()))
    return map
  }
}
