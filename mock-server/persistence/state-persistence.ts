/**
 * What `createApp({ persistence })` needs from a place that keeps state, without knowing what it
 * is: the Node entry's state directory (`node/state/`) is one, tests use one in memory. The app
 * restores from it before it serves, writes every change to it synchronously as the change is
 * made, and holds each answer until the changes made so far are durable, so no client is told of
 * a change that a crash could still lose.
 *
 * @module
 */
import type { StateRecord } from './state-record.ts'

export interface StatePersistence {
  /**
   * Calls `apply` with every kept record in order (a snapshot's, then the journal's). An error
   * `apply` throws is the kept state's fault: the implementation passes it on naming where the
   * record came from.
   */
  restore(apply: (record: StateRecord) => void): void
  /** Writes one change. Called right after the change, in the same synchronous step. */
  append(record: StateRecord): void
  /**
   * Undefined when every record appended so far is durable; otherwise a promise that resolves once
   * they are, or rejects with a message for the client when they cannot be written.
   */
  settled(): Promise<void> | undefined
  /** Hands over the app's whole state as records, for snapshots (compaction). */
  attach(state: () => StateRecord[]): void
}
