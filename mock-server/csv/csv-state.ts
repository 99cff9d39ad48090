/**
 * The Cloud CSV state of one app: configurations, synchronization logs, upload runs and the
 * credentials CSV made. Kept beside the app's context (not in it), created on first use.
 *
 * @module
 */
import type { MockContext } from '../context.ts'
import type { StateRecord, StateSink } from '../persistence/state-record.ts'
import { CsvConfigurations } from './csv-configurations.ts'
import { SyncCredentials } from '../sync/sync-credentials.ts'
import type { UploadRun } from './ingest.ts'
import { SyncLog } from '../sync/sync-log.ts'

/** Upload runs kept per configuration (their log entries are in the sync log). */
const RUNS_KEPT = 100

export class CsvState {
  readonly configurations: CsvConfigurations
  readonly credentials = new SyncCredentials('csv')
  readonly #logs = new Map<string, SyncLog>()
  readonly #runs = new Map<string, UploadRun[]>()

  constructor(ctx: Pick<MockContext, 'clock' | 'ids'>) {
    this.configurations = new CsvConfigurations(ctx.clock, ctx.ids)
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

  addRun(run: UploadRun): void {
    const runs = this.#runs.get(run.configurationId) ?? []
    runs.unshift(run)
    this.#runs.set(run.configurationId, runs.slice(0, RUNS_KEPT))
  }

  /** Newest first. */
  runs(configurationId: string): readonly UploadRun[] {
    return this.#runs.get(configurationId) ?? []
  }
}

const STATES = new WeakMap<MockContext, CsvState>()

export function csvStateOf(ctx: MockContext): CsvState {
  let state = STATES.get(ctx)
  if (!state) STATES.set(ctx, (state = new CsvState(ctx)))
  return state
}
