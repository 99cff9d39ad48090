/**
 * The Graph synchronization state of one app: configurations, synchronization logs, runs and the
 * credentials Graph synchronizations made, per account; and the queue that runs one configuration's
 * synchronizations one after another. `createApp` installs it with the fetch the runs use.
 *
 * Automatic synchronization is change-driven: every change of a fake Graph tenant (a user, a
 * manager, a group or its members, not a photo) starts an automatic run of each configuration that
 * reads that tenant through the mock and has automatic synchronization on. Changes that arrive
 * while a run waits in the queue join it. For any other Graph URL the mock cannot hear changes:
 * `POST …/synchronize {"mode": "automatic"}` starts the same run a change would.
 *
 * @module
 */
import type { MockContext } from '../context.ts'
import type { TenantChange } from '../graph/graph-tenant.ts'
import type { StateRecord, StateSink } from '../persistence/state-record.ts'
import { SyncCredentials } from '../sync/sync-credentials.ts'
import { SyncLog } from '../sync/sync-log.ts'
import { GraphConfigurations, type GraphConfiguration } from './graph-configurations.ts'
import {
  connectionOf,
  runGraphSync,
  type GraphRun,
  type GraphSyncHost,
  type RunMode,
} from './graph-sync-run.ts'

/** Runs kept per configuration (their log entries are in the sync log). */
const RUNS_KEPT = 100

export class GraphSyncState {
  readonly configurations: GraphConfigurations
  readonly credentials = new SyncCredentials('graph')
  readonly #logs = new Map<string, SyncLog>()
  readonly #runs = new Map<string, GraphRun[]>()
  readonly #queues = new Map<string, Promise<unknown>>()
  readonly #scheduled = new Set<string>()
  readonly #ctx: MockContext
  readonly #host: GraphSyncHost

  constructor(ctx: MockContext, host: GraphSyncHost) {
    this.#ctx = ctx
    this.#host = host
    this.configurations = new GraphConfigurations(ctx.clock, ctx.ids)
    ctx.graph.onChange((tenantId, change) => this.#changed(tenantId, change))
  }

  /** Sends every later change of configurations and credentials to the kept state. */
  journalTo(sink: StateSink): void {
    this.configurations.journalTo(sink)
    this.credentials.journalTo(sink)
  }

  /** Configurations and credentials as records, for a snapshot. */
  keptRecords(): StateRecord[] {
    return [...this.configurations.keptRecords(), ...this.credentials.keptRecords()]
  }

  log(accountId: string): SyncLog {
    let log = this.#logs.get(accountId)
    if (!log) this.#logs.set(accountId, (log = new SyncLog()))
    return log
  }

  /** Newest first. */
  runs(configurationId: string): readonly GraphRun[] {
    return this.#runs.get(configurationId) ?? []
  }

  /** Runs a synchronization once the configuration's earlier ones are done. */
  synchronize(
    configuration: GraphConfiguration,
    mode: RunMode,
    trigger: GraphRun['trigger'],
  ): Promise<GraphRun> {
    return this.#enqueue(configuration.id, () => {
      // The configuration as it is when the run starts (a queued run sees later changes).
      const current = this.configurations.current(configuration)
      if (!current) return Promise.resolve(undefined)
      return this.#run(current, mode, trigger)
    }) as Promise<GraphRun>
  }

  /** Resolves once no run is queued or running (tests, and the node entry's shutdown). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.allSettled([...this.#queues.values()])
  }

  async #run(
    configuration: GraphConfiguration,
    mode: RunMode,
    trigger: GraphRun['trigger'],
  ): Promise<GraphRun> {
    const run = await runGraphSync(
      {
        ctx: this.#ctx,
        host: this.#host,
        log: this.log(configuration.accountId),
        credentials: this.credentials,
        turnAutomaticOn: () =>
          this.configurations.setManagement(configuration.accountId, configuration.id, {
            automatic: true,
          }),
      },
      configuration,
      this.configurations.secretOf(configuration.id),
      mode,
      trigger,
    )
    const runs = this.#runs.get(configuration.id) ?? []
    runs.unshift(run)
    this.#runs.set(configuration.id, runs.slice(0, RUNS_KEPT))
    // What the run left for the next one (delta link, known users) goes to the kept state.
    this.configurations.kept(configuration)
    return run
  }

  #enqueue(id: string, work: () => Promise<unknown>): Promise<unknown> {
    const previous = this.#queues.get(id) ?? Promise.resolve()
    const next = previous.then(work, work)
    const tracked = next.finally(() => {
      if (this.#queues.get(id) === tracked) this.#queues.delete(id)
    })
    this.#queues.set(id, tracked)
    return next
  }

  #changed(tenantId: string, change: TenantChange): void {
    // Graph does not report photo changes in users delta; ClearID: picture-only changes do not
    // start an automatic synchronization.
    if (change.kind === 'photo') return
    for (const configuration of this.configurations.all()) {
      if (!configuration.config.management.automatic) continue
      const connection = connectionOf(this.#ctx, configuration)
      if (!connection.fake || this.#ctx.graph.get(connection.tenantId)?.id !== tenantId) continue
      if (this.#scheduled.has(configuration.id)) continue
      this.#scheduled.add(configuration.id)
      void this.#enqueue(configuration.id, async () => {
        this.#scheduled.delete(configuration.id)
        const current = this.configurations.current(configuration)
        if (!current?.config.management.automatic) return undefined
        return this.#run(current, 'automatic', 'change')
      }).catch((error: unknown) => this.#lost(configuration, error))
    }
  }

  /** A run that failed unexpectedly (a bug): logged, never an unhandled rejection. */
  #lost(configuration: GraphConfiguration, error: unknown): void {
    this.log(configuration.accountId).add({
      runId: this.#ctx.ids(),
      configurationId: configuration.id,
      timestamp: this.#ctx.clock().toISOString(),
      type: 'Synchronization',
      entity: configuration.config.name,
      outcome: 'failed',
      message: 'The automatic synchronization stopped on an unexpected error.',
      errors: [error instanceof Error ? error.message.slice(0, 200) : 'unknown error'],
    })
  }
}

const STATES = new WeakMap<MockContext, GraphSyncState>()

/** Called once by `createApp`, with the fetch the runs read Graph through. */
export function installGraphSync(ctx: MockContext, host: GraphSyncHost): GraphSyncState {
  const state = new GraphSyncState(ctx, host)
  STATES.set(ctx, state)
  return state
}

export function graphSyncOf(ctx: MockContext): GraphSyncState {
  const state = STATES.get(ctx)
  if (!state) throw new Error('The Graph synchronization is not installed: createApp installs it.')
  return state
}
