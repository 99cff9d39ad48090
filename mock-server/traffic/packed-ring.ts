/**
 * The newest N items of a log, packed as UTF-8 into one fixed block of bytes outside the JS heap,
 * one slot per item, and unpacked when read. A `SlotLayout` says how an item's fields become the
 * slot's texts and numbers: the traffic log's exchanges (`exchange-slots.ts`) and the control
 * plane's request log (`control/request-log.ts`) each have one.
 *
 * Why: a log that keeps the last 1,000 requests holds each one long enough to outlive several
 * young-generation collections, so each is promoted; as JS objects that cost the mock about a fifth
 * of its throughput under load for the exchanges (garbage collection, not recording), and 1.6 µs of
 * a 14 µs look-up for the request log's small entries (BENCHMARKS.md). Bytes in an ArrayBuffer are
 * not traced or copied by the collector. An item too large for its slot (a big list page) is kept
 * as the JS object instead.
 *
 * @module
 */

/** How the items of one log are laid out in a slot. */
export interface SlotLayout<T> {
  readonly textCount: number
  readonly numberCount: number
  /** The item's texts, `textCount` of them (undefined: absent). */
  texts(item: T): readonly (string | undefined)[]
  /** Writes the item's `numberCount` numbers from `at` on. */
  writeNumbers(item: T, numbers: Float64Array, at: number): void
  /** The item again, from its texts and its numbers (from `at` on). */
  item(texts: readonly (string | undefined)[], numbers: Float64Array, at: number): T
  /** Where the item is in its log's sequence, for `toArray(since)`: the number field holding it. */
  readonly seqField?: number
  seqOf?(item: T): number
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class PackedRing<T> {
  readonly capacity: number
  readonly #layout: SlotLayout<T>
  readonly #slotBytes: number
  #bytes: Uint8Array | undefined
  readonly #lengths: Int32Array
  readonly #numbers: Float64Array
  /** Bytes used per slot; -1 when the slot holds an overflow object instead. */
  readonly #used: Int32Array
  readonly #overflow = new Map<number, T>()
  #start = 0
  #size = 0

  constructor(capacity: number, layout: SlotLayout<T>, slotBytes: number) {
    this.capacity = capacity
    this.#layout = layout
    this.#slotBytes = slotBytes
    this.#lengths = new Int32Array(capacity * layout.textCount)
    this.#numbers = new Float64Array(capacity * layout.numberCount)
    this.#used = new Int32Array(capacity)
  }

  get size(): number {
    return this.#size
  }

  /** Appends `item`; returns true when the oldest one was dropped to make room. */
  push(item: T): boolean {
    if (this.capacity <= 0) return true
    const full = this.#size === this.capacity
    const slot = (this.#start + this.#size) % this.capacity
    if (full) this.#start = (this.#start + 1) % this.capacity
    else this.#size++
    this.#overflow.delete(slot)
    if (!this.#pack(slot, item)) {
      this.#used[slot] = -1
      this.#overflow.set(slot, item)
    }
    return full
  }

  /**
   * Oldest first; `since`: only items with a greater seq (`SlotLayout.seqField`), found without
   * unpacking the others (a live view polls for the few new ones).
   */
  toArray(since = 0): T[] {
    const out: T[] = []
    for (let i = 0; i < this.#size; i++) {
      const slot = (this.#start + i) % this.capacity
      if (since > 0 && this.#seqOf(slot) <= since) continue
      out.push(this.#unpack(slot))
    }
    return out
  }

  clear(): void {
    this.#start = 0
    this.#size = 0
    this.#overflow.clear()
  }

  #seqOf(slot: number): number {
    const { seqField, seqOf } = this.#layout
    if (seqField === undefined || seqOf === undefined) return Infinity
    return this.#used[slot]! < 0
      ? seqOf(this.#overflow.get(slot)!)
      : this.#numbers[slot * this.#layout.numberCount + seqField]!
  }

  #pack(slot: number, item: T): boolean {
    const { textCount, numberCount } = this.#layout
    const texts = this.#layout.texts(item)
    let packed = ''
    for (let k = 0; k < textCount; k++) {
      const text = texts[k]
      this.#lengths[slot * textCount + k] = text === undefined ? -1 : text.length
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
    this.#layout.writeNumbers(item, this.#numbers, slot * numberCount)
    return true
  }

  #unpack(slot: number): T {
    const used = this.#used[slot]!
    if (used < 0) return this.#overflow.get(slot)!
    const { textCount, numberCount } = this.#layout
    const start = slot * this.#slotBytes
    const packed = decoder.decode(this.#bytes!.subarray(start, start + used))
    const texts: (string | undefined)[] = []
    let offset = 0
    for (let k = 0; k < textCount; k++) {
      const length = this.#lengths[slot * textCount + k]!
      if (length < 0) {
        texts.push(undefined)
        continue
      }
      texts.push(packed.slice(offset, offset + length))
      offset += length
    }
    return this.#layout.item(texts, this.#numbers, slot * numberCount)
  }
}

/** A number field that may be absent (NaN in the slot). */
export function optionalNumber(numbers: Float64Array, at: number): number | undefined {
  const value = numbers[at]!
  return Number.isNaN(value) ? undefined : value
}
