/**
 * The traffic log: the last N exchanges per account, in memory, bounded (a packed ring per account,
 * `packed-ring.ts`; only existing accounts get one). The recorder notes each exchange
 * (`exchange-note.ts`); notes wait, at most until the end of the current event-loop turn or until
 * 64 have gathered, then lose their secrets and are packed, in one batch. Every read flushes first,
 * so a reader sees every exchange that has been answered. Exchanges come out as `TrafficRecord`s.
 * Listeners (the live CLI view, tests) hear about each new record before its response leaves (no
 * batching while anyone listens); a throwing listener never affects a request.
 *
 * @module
 */
import { CapturedExchange, type RawExchange } from './captured-exchange.ts'
import { redactedExchange, type ExchangeNote } from './exchange-note.ts'
import { PackedRing } from './packed-ring.ts'
import type { TrafficRecord } from './record.ts'

/** Notes waiting for a flush, at most: a batch is big enough to keep the flush's code hot. */
const BATCH = 64

export interface TrafficOptions {
  /** Default true. False: no exchange is kept (the control plane's request log still is). */
  readonly enabled?: boolean
  /**
   * Exchanges kept per account. Default 1,000, which takes 3 MB (3 KB a slot, `packed-ring.ts`)
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
  readonly buffer: PackedRing
  seq: number
  dropped: number
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
  #flushTimer: ReturnType<typeof setTimeout> | undefined

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
    // setTimeout rather than setImmediate: the app factory runs outside Node too.
    else this.#flushTimer ??= setTimeout(() => this.flush(), 0)
  }

  /** Removes the secrets of the waiting notes and packs them, oldest first. */
  flush(): void {
    if (this.#flushTimer !== undefined) clearTimeout(this.#flushTimer)
    this.#flushTimer = undefined
    const notes = this.#notes.splice(0)
    for (const note of notes) {
      try {
        const log = this.#log(note.accountId)
        this.#append(log, redactedExchange(note, log.seq + 1, this.maxBodyChars))
      } catch {
        this.recordErrors++
      }
    }
  }

  #append(log: AccountLog, exchange: RawExchange): void {
    log.seq = exchange.seq
    if (log.buffer.push(exchange)) log.dropped++
    if (this.#listeners.size === 0) return
    const record = new CapturedExchange(exchange)
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
    const all = this.#accounts.get(accountId)?.buffer.toArray() ?? []
    const wanted = since > 0 ? all.filter((exchange) => exchange.seq > since) : all
    return wanted.map((exchange) => new CapturedExchange(exchange))
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
    log.dropped = 0
  }

  subscribe(listener: TrafficListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #log(accountId: string): AccountLog {
    let log = this.#accounts.get(accountId)
    if (!log) {
      log = { buffer: new PackedRing(accountId, this.capacity), seq: 0, dropped: 0 }
      this.#accounts.set(accountId, log)
    }
    return log
  }
}
