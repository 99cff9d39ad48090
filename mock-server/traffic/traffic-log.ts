/**
 * The traffic log: the last N exchanges per account, in memory, bounded (a packed ring per account,
 * `packed-ring.ts`; only existing accounts get one). The recorder notes each exchange
 * (`exchange-note.ts`); notes wait until 64 have gathered and are then packed in one batch, as they
 * were. Every read flushes first, so a reader sees every exchange that has been answered, and gets
 * it without its secrets (`redactedExchange`), as a `TrafficRecord`. Listeners (the live CLI view,
 * the dashboard, tests) hear about each new record before its response leaves (no batching while
 * anyone listens); a throwing listener never affects a request.
 *
 * A reader gets the same record objects again while nothing changed: records are redacted once and
 * kept by seq until the secrets in play change (`SECRETS_IN_PLAY.version`) or the exchange leaves
 * the log. Redacting every kept exchange on every read made an open dashboard, which reads the
 * whole log to judge each new exchange against the ones before, cost about 95 ms a poll with a
 * full log of large bodies.
 *
 * Why no timer flushes a smaller batch: a timer per event-loop turn cost a timer per request under
 * moderate load (each request its own turn), and nothing needs the notes packed before a read. The
 * notes waiting hold references only, at most 63 of them.
 *
 * @module
 */
import { CapturedExchange } from './captured-exchange.ts'
import {
  keptExchange,
  redactedExchange,
  type ExchangeNote,
  type KeptExchange,
} from './exchange-note.ts'
import { exchangeRing } from './exchange-slots.ts'
import { SECRETS_IN_PLAY } from '../../model/secret-values.ts'
import type { PackedRing } from './packed-ring.ts'
import type { TrafficRecord } from './record.ts'

/** Notes waiting for a flush, at most: a batch is big enough to keep the flush's code hot. */
const BATCH = 64

export interface TrafficOptions {
  /** Default true. False: no exchange is kept (the control plane's request log still is). */
  readonly enabled?: boolean
  /**
   * Exchanges kept per account. Default 1,000, which takes 3 MB (3 KB a slot, `exchange-slots.ts`)
   * for each account that receives SCIM traffic, allocated with its first exchange.
   */
  readonly capacity?: number
  /** Longest body text kept per request or response, in characters. Default 16,384. */
  readonly maxBodyChars?: number
  /** Monotonic time source in milliseconds (tests pin it). Default `performance.now()`. */
  readonly now?: () => number
}

export const DEFAULT_TRAFFIC_CAPACITY = 1000
export const DEFAULT_MAX_BODY_CHARS = 16 * 1024

export type TrafficListener = (record: TrafficRecord) => void

interface AccountLog {
  readonly buffer: PackedRing<KeptExchange>
  seq: number
  dropped: number
  /** Redacted records by seq (`records`), valid for `redactedAt`, the secrets' version. */
  readonly redacted: Map<number, TrafficRecord>
  redactedAt: number
}

export interface TrafficStats {
  readonly capacity: number
  readonly count: number
  /** Records evicted because the buffer was full. */
  readonly dropped: number
  /** Seq of the newest record (0: none yet). */
  readonly lastSeq: number
}

export class TrafficLog {
  readonly enabled: boolean
  readonly capacity: number
  readonly maxBodyChars: number
  readonly now: () => number
  readonly #accounts = new Map<string, AccountLog>()
  readonly #listeners = new Set<TrafficListener>()
  listenerErrors = 0
  /** Exchanges that could not be recorded (never affects the request). */
  recordErrors = 0
  readonly #notes: ExchangeNote[] = []

  constructor(options: TrafficOptions = {}) {
    this.capacity = Math.max(0, Math.floor(options.capacity ?? DEFAULT_TRAFFIC_CAPACITY))
    this.enabled = (options.enabled ?? true) && this.capacity > 0
    this.maxBodyChars = Math.max(0, Math.floor(options.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS))
    this.now = options.now ?? (() => performance.now())
  }

  /** Keeps `note` (an answered exchange); it is in the log for every read from now on. */
  note(note: ExchangeNote): void {
    this.#notes.push(note)
    if (this.#listeners.size > 0 || this.#notes.length >= BATCH) this.flush()
  }

  /** Packs the waiting notes, oldest first. */
  flush(): void {
    if (this.#notes.length === 0) return
    const notes = this.#notes.splice(0)
    for (const note of notes) {
      try {
        const log = this.#log(note.accountId)
        this.#append(log, keptExchange(note, log.seq + 1, this.maxBodyChars))
      } catch {
        this.recordErrors++
      }
    }
  }

  #append(log: AccountLog, exchange: KeptExchange): void {
    log.seq = exchange.seq
    if (log.buffer.push(exchange)) log.dropped++
    if (this.#listeners.size === 0) return
    const record = this.#record(exchange)
    if (log.redactedAt === SECRETS_IN_PLAY.version) log.redacted.set(exchange.seq, record)
    for (const listener of this.#listeners) {
      try {
        listener(record)
      } catch {
        this.listenerErrors++
      }
    }
  }

  /** Oldest first; `since`: only records with a greater seq. */
  records(accountId: string, since = 0): TrafficRecord[] {
    this.flush()
    const log = this.#accounts.get(accountId)
    if (!log) return []
    const cache = log.redacted
    if (log.redactedAt !== SECRETS_IN_PLAY.version) {
      cache.clear()
      log.redactedAt = SECRETS_IN_PLAY.version
    }
    // The kept exchanges are the seqs from `oldest` to `log.seq`, each one more than the last.
    const oldest = log.seq - log.buffer.size + 1
    for (const seq of cache.keys()) if (seq < oldest) cache.delete(seq)
    const from = Math.max(since, oldest - 1)
    // What is not cached yet is the newest: unpack only those.
    let cachedTo = from
    while (cache.has(cachedTo + 1)) cachedTo++
    for (const exchange of log.buffer.toArray(cachedTo))
      if (!cache.has(exchange.seq)) cache.set(exchange.seq, this.#record(exchange))
    const out: TrafficRecord[] = []
    for (let seq = from + 1; seq <= log.seq; seq++) {
      const record = cache.get(seq)
      if (record) out.push(record)
    }
    return out
  }

  /** What a reader gets: the exchange without its secrets. */
  #record(exchange: KeptExchange): TrafficRecord {
    return new CapturedExchange(redactedExchange(exchange, this.maxBodyChars))
  }

  stats(accountId: string): TrafficStats {
    this.flush()
    const log = this.#accounts.get(accountId)
    return {
      capacity: this.capacity,
      count: log?.buffer.size ?? 0,
      dropped: log?.dropped ?? 0,
      lastSeq: log?.seq ?? 0,
    }
  }

  /** Forgets the account's records; seq numbers keep counting so pollers see no reuse. */
  clear(accountId: string): void {
    this.flush()
    const log = this.#accounts.get(accountId)
    if (!log) return
    log.buffer.clear()
    log.redacted.clear()
    log.dropped = 0
  }

  subscribe(listener: TrafficListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #log(accountId: string): AccountLog {
    let log = this.#accounts.get(accountId)
    if (!log) {
      log = {
        buffer: exchangeRing(accountId, this.capacity),
        seq: 0,
        dropped: 0,
        redacted: new Map(),
        redactedAt: -1,
      }
      this.#accounts.set(accountId, log)
    }
    return log
  }
}
