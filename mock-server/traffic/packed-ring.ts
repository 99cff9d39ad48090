/**
 * The newest N exchanges of one account, packed as UTF-8 into one fixed block of bytes outside the
 * JS heap, one slot per exchange, and unpacked when read.
 *
 * What it holds is the exchange as kept (`exchange-note.ts`): secrets are removed when it is read.
 *
 * Why: the log keeps 1,000 exchanges per account by default, so each one outlives several
 * young-generation collections and is promoted; as a dozen small JS objects per exchange that cost
 * the mock about a fifth of its throughput under load (garbage collection, not recording). Bytes in
 * an ArrayBuffer are not traced or copied by the collector. An exchange too large for its slot (a
 * big list page) is kept as the JS object instead.
 *
 * @module
 */
import type { InjectedFault } from '../faults/fault-step.ts'
import type { RequestWarning } from '../scim/warnings.ts'
import type { KeptText } from './captured-exchange.ts'
import type { KeptExchange } from './exchange-note.ts'
import type { Rejection } from './record.ts'

/** Bytes per slot: a typical Entra exchange (a user and its headers) packs into about 1.4 KB. */
export const DEFAULT_SLOT_BYTES = 3072

const encoder = new TextEncoder()
const decoder = new TextDecoder()

// Text fields, packed one after another; their UTF-16 lengths go to `#lengths` (-1: absent).
const METHOD = 0
const URL_ = 1
const PATH = 2
const REQUEST_HEADERS = 3
const REQUEST_BODY = 4
const RESPONSE_HEADERS = 5
const RESPONSE_BODY = 6
const ERROR = 7
const EXTRAS = 8 // warnings, rejection and fault as JSON, when any
const TEXTS = 9

// Number fields (`#numbers`); NaN: absent.
const SEQ = 0
const AT = 1
const T = 2
const DURATION = 3
const STATUS = 4
const REQUEST_CUT = 5
const RESPONSE_CUT = 6
const NUMBERS = 7

interface Extras {
  readonly warnings?: readonly RequestWarning[]
  readonly rejection?: Rejection
  readonly fault?: InjectedFault
}

export class PackedRing {
  readonly capacity: number
  readonly #slotBytes: number
  #bytes: Uint8Array | undefined
  readonly #lengths: Int32Array
  readonly #numbers: Float64Array
  /** Bytes used per slot; -1 when the slot holds an overflow object instead. */
  readonly #used: Int32Array
  readonly #overflow = new Map<number, KeptExchange>()
  readonly #accountId: string
  #start = 0
  #size = 0

  constructor(accountId: string, capacity: number, slotBytes = DEFAULT_SLOT_BYTES) {
    this.#accountId = accountId
    this.capacity = capacity
    this.#slotBytes = slotBytes
    this.#lengths = new Int32Array(capacity * TEXTS)
    this.#numbers = new Float64Array(capacity * NUMBERS)
    this.#used = new Int32Array(capacity)
  }

  get size(): number {
    return this.#size
  }

  /** Appends `exchange`; returns true when the oldest one was dropped to make room. */
  push(exchange: KeptExchange): boolean {
    if (this.capacity <= 0) return true
    const full = this.#size === this.capacity
    const slot = (this.#start + this.#size) % this.capacity
    if (full) this.#start = (this.#start + 1) % this.capacity
    else this.#size++
    this.#overflow.delete(slot)
    if (!this.#pack(slot, exchange)) {
      this.#used[slot] = -1
      this.#overflow.set(slot, exchange)
    }
    return full
  }

  /**
   * Oldest first; `since`: only exchanges with a greater seq, found without unpacking the others
   * (a live view polls for the few new ones).
   */
  toArray(since = 0): KeptExchange[] {
    const out: KeptExchange[] = []
    for (let i = 0; i < this.#size; i++) {
      const slot = (this.#start + i) % this.capacity
      if (since > 0 && this.#seqOf(slot) <= since) continue
      out.push(this.#unpack(slot))
    }
    return out
  }

  #seqOf(slot: number): number {
    return this.#used[slot]! < 0
      ? this.#overflow.get(slot)!.seq
      : this.#numbers[slot * NUMBERS + SEQ]!
  }

  clear(): void {
    this.#start = 0
    this.#size = 0
    this.#overflow.clear()
  }

  #pack(slot: number, exchange: KeptExchange): boolean {
    const texts = textsOf(exchange)
    let packed = ''
    for (let k = 0; k < TEXTS; k++) {
      const text = texts[k]
      this.#lengths[slot * TEXTS + k] = text === undefined ? -1 : text.length
      if (text !== undefined) packed += text
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit; beyond the slot even at 1 byte, do not try.
    if (packed.length > this.#slotBytes) return false
    this.#bytes ??= new Uint8Array(this.capacity * this.#slotBytes)
    const start = slot * this.#slotBytes
    const target = this.#bytes.subarray(start, start + this.#slotBytes)
    const { read, written } = encoder.encodeInto(packed, target)
    if (read < packed.length) return false
    this.#used[slot] = written
    const numbers = this.#numbers
    const at = slot * NUMBERS
    numbers[at + SEQ] = exchange.seq
    numbers[at + AT] = exchange.atMs
    numbers[at + T] = exchange.t
    numbers[at + DURATION] = exchange.durationMs
    numbers[at + STATUS] = exchange.status ?? NaN
    numbers[at + REQUEST_CUT] = exchange.requestBody?.cutFrom ?? NaN
    numbers[at + RESPONSE_CUT] = exchange.responseBody?.cutFrom ?? NaN
    return true
  }

  #unpack(slot: number): KeptExchange {
    const used = this.#used[slot]!
    if (used < 0) return this.#overflow.get(slot)!
    const start = slot * this.#slotBytes
    const packed = decoder.decode(this.#bytes!.subarray(start, start + used))
    const texts: (string | undefined)[] = []
    let offset = 0
    for (let k = 0; k < TEXTS; k++) {
      const length = this.#lengths[slot * TEXTS + k]!
      if (length < 0) {
        texts.push(undefined)
        continue
      }
      texts.push(packed.slice(offset, offset + length))
      offset += length
    }
    const number = (field: number): number | undefined => {
      const value = this.#numbers[slot * NUMBERS + field]!
      return Number.isNaN(value) ? undefined : value
    }
    const extras: Extras = texts[EXTRAS] ? (JSON.parse(texts[EXTRAS]) as Extras) : {}
    return {
      seq: number(SEQ)!,
      accountId: this.#accountId,
      atMs: number(AT)!,
      t: number(T)!,
      durationMs: number(DURATION)!,
      method: texts[METHOD]!,
      url: texts[URL_]!,
      path: texts[PATH]!,
      requestHeaders: texts[REQUEST_HEADERS] ?? '',
      requestBody: kept(texts[REQUEST_BODY], number(REQUEST_CUT)),
      status: number(STATUS),
      responseHeaders: texts[RESPONSE_HEADERS],
      responseBody: kept(texts[RESPONSE_BODY], number(RESPONSE_CUT)),
      error: texts[ERROR],
      warnings: extras.warnings ?? [],
      rejection: extras.rejection,
      fault: extras.fault,
    }
  }
}

function textsOf(exchange: KeptExchange): (string | undefined)[] {
  return [
    exchange.method,
    exchange.url,
    exchange.path,
    exchange.requestHeaders,
    exchange.requestBody?.text,
    exchange.responseHeaders,
    exchange.responseBody?.text,
    exchange.error,
    extrasOf(exchange),
  ]
}

/** Warnings, rejection and fault as one JSON text; most exchanges have none. */
function extrasOf({ warnings, rejection, fault }: KeptExchange): string | undefined {
  if (warnings.length === 0 && rejection === undefined && fault === undefined) return undefined
  const extras: Extras = {
    ...(warnings.length > 0 && { warnings }),
    ...(rejection && { rejection }),
    ...(fault && { fault }),
  }
  return JSON.stringify(extras)
}

function kept(text: string | undefined, cutFrom: number | undefined): KeptText | undefined {
  if (text === undefined) return undefined
  return cutFrom === undefined ? { text } : { text, cutFrom }
}
